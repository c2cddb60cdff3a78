import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { DESK_ROLES } from '../desk/desk.service.ts';
import { matchingHandlers } from '../matching/matching.handlers.ts';
import { proposalHandlers } from './proposals.handlers.ts';

const BROKERS = { access: DESK_ROLES };

/** Matching leaders to an enquiry, proposing them, and the leaders' answers. */
export function registerProposalRoutes(app: FastifyInstance, services: Services): void {
  const matching = matchingHandlers(services);
  const proposals = proposalHandlers(services);
  app.get('/staff/enquiries/:reference/matching', { config: BROKERS }, matching.showMatching);
  app.post('/staff/enquiries/:reference/proposals', { config: BROKERS }, proposals.propose);
  app.post('/staff/enquiries/:reference/proposals/:proposalId/withdraw', { config: BROKERS }, proposals.withdraw);
  app.post('/staff/enquiries/:reference/proposals/:proposalId/agree', { config: BROKERS }, proposals.agree);
  app.get('/staff/settings/matching', { config: { access: DESK_ROLES } }, matching.showWeights);
  app.post('/staff/settings/matching', { config: { access: ['administrator'] } }, matching.saveWeights);
  app.get('/staff/proposals', { config: { access: ['system-leader'] } }, proposals.listMine);
  app.get('/staff/proposals/:id', { config: { access: ['system-leader'] } }, proposals.showMine);
  app.post('/staff/proposals/:id', { config: { access: ['system-leader'] } }, proposals.answerMine);
  // The emailed link needs no password: the single-use token in it is the permission.
  app.get('/proposals/respond', { config: { access: 'public' } }, proposals.showAnswerByLink);
  app.post('/proposals/respond', { config: { access: 'public' } }, proposals.answerByLink);
}

import type { FastifyInstance } from 'fastify';
import { DESK_ROLES } from '../enquiries/desk.types.ts';
import { proposalHandlers, type ProposalRouteServices } from './proposals.handlers.ts';

const BROKERS = { access: DESK_ROLES };

/** Matching leaders to an enquiry, proposing them, and the leaders' answers. */
export function registerProposalRoutes(app: FastifyInstance, services: ProposalRouteServices): void {
  const proposals = proposalHandlers(services);
  app.get('/staff/enquiries/:reference/matching', { config: BROKERS }, proposals.showMatching);
  app.post('/staff/enquiries/:reference/proposals', { config: BROKERS }, proposals.propose);
  app.post('/staff/enquiries/:reference/proposals/:proposalId/withdraw', { config: BROKERS }, proposals.withdraw);
  app.post('/staff/enquiries/:reference/proposals/:proposalId/agree', { config: BROKERS }, proposals.agree);
  app.get('/staff/proposals', { config: { access: ['system-leader'] } }, proposals.listMine);
  app.get('/staff/proposals/:id', { config: { access: ['system-leader'] } }, proposals.showMine);
  app.post('/staff/proposals/:id', { config: { access: ['system-leader'] } }, proposals.answerMine);
  // The emailed link needs no password: the single-use token in it is the permission.
  app.get('/proposals/respond', { config: { access: 'public' } }, proposals.showAnswerByLink);
  app.post('/proposals/respond', { config: { access: 'public' } }, proposals.answerByLink);
}

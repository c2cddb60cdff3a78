import type { FastifyInstance } from 'fastify';
import { agreementChangeHandlers } from './agreement-changes.handlers.ts';
import { agreementEditingHandlers } from './agreement-editing.handlers.ts';
import { agreementSigningHandlers } from './agreement-signing.handlers.ts';
import { agreementTermsHandlers } from './agreement-terms.handlers.ts';
import { agreementHandlers, type AgreementRouteServices } from './agreements.handlers.ts';

/** The alliance's staff: they start, change and sign for the alliance every agreement. */
const staff = { access: ['administrator', 'coordinator'] as const };
/** Everyone with a part in agreements; each page then shows only the agreements that are theirs. */
const parties = { access: ['administrator', 'coordinator', 'system-leader', 'school-contact'] as const };
/** Those who sign: the alliance's staff, and school contacts for their schools. */
const signatories = { access: ['administrator', 'coordinator', 'school-contact'] as const };

export function registerAgreementRoutes(app: FastifyInstance, services: AgreementRouteServices): void {
  const agreements = agreementHandlers(services);
  const editing = agreementEditingHandlers(services);
  const signing = agreementSigningHandlers(services);
  const terms = agreementTermsHandlers(services);
  const changes = agreementChangeHandlers(services);
  const base = '/staff/agreements/:id';

  app.get('/staff/agreements', { config: parties }, agreements.list);
  app.get('/staff/agreements/new', { config: staff }, agreements.showStart);
  app.post(
    '/staff/agreements/new',
    { config: { ...staff, showFormAgain: agreements.startAgain } },
    agreements.submitStart,
  );
  app.get(`${base}/versions/:number`, { config: parties }, agreements.showVersion);
  app.get(`${base}/versions/:number/pdf`, { config: parties }, agreements.pdf);

  app.get(`${base}/terms`, { config: staff }, terms.showTerms);
  app.post(`${base}/terms`, { config: { ...staff, showFormAgain: terms.termsAgain } }, terms.submitTerms);
  app.get(`${base}/objectives/new`, { config: staff }, editing.showObjective);
  app.post(
    `${base}/objectives/new`,
    { config: { ...staff, showFormAgain: editing.objectiveAgain } },
    editing.submitObjective,
  );
  app.get(`${base}/objectives/:objectiveId`, { config: staff }, editing.showObjective);
  app.post(
    `${base}/objectives/:objectiveId`,
    { config: { ...staff, showFormAgain: editing.objectiveAgain } },
    editing.submitObjective,
  );
  app.post(`${base}/objectives/:objectiveId/remove`, { config: staff }, editing.removeObjective);
  app.get(`${base}/pairings/new`, { config: staff }, editing.showPairing);
  app.post(
    `${base}/pairings/new`,
    { config: { ...staff, showFormAgain: editing.pairingAgain } },
    editing.submitPairing,
  );
  app.get(`${base}/pairings/:pairingId`, { config: staff }, editing.showPairing);
  app.post(
    `${base}/pairings/:pairingId`,
    { config: { ...staff, showFormAgain: editing.pairingAgain } },
    editing.submitPairing,
  );
  app.post(`${base}/pairings/:pairingId/remove`, { config: staff }, editing.removePairing);

  app.get(`${base}/sign`, { config: signatories }, signing.showSign);
  app.post(`${base}/sign`, { config: { ...signatories, showFormAgain: signing.signAgain } }, signing.submitSign);
  app.get(`${base}/witnessed-signature`, { config: staff }, signing.showWitness);
  app.post(
    `${base}/witnessed-signature`,
    { config: { ...staff, showFormAgain: signing.witnessAgain } },
    signing.submitWitness,
  );

  app.get(`${base}/vary`, { config: staff }, changes.showVary);
  app.post(`${base}/vary`, { config: { ...staff, showFormAgain: changes.reasonAgain } }, changes.submitVary);
  app.get(`${base}/vary/discard`, { config: staff }, changes.showDiscardVariation);
  app.post(
    `${base}/vary/discard`,
    { config: { ...staff, showFormAgain: changes.discardAgain } },
    changes.submitDiscardVariation,
  );
  app.get(`${base}/withdraw`, { config: staff }, changes.showWithdraw);
  app.post(`${base}/withdraw`, { config: { ...staff, showFormAgain: changes.reasonAgain } }, changes.submitWithdraw);
}

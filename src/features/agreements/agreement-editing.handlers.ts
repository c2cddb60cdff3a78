import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { toFormErrors, type FieldProblem, type FormErrors } from '../../platform/forms.ts';
import type { Services } from '../../services.ts';
import { parseId } from '../accounts/accounts.schema.ts';
import { activeSpecialisms } from '../specialisms/specialisms.service.ts';
import type { EditOutcome } from './agreement-editing.service.ts';
import { agreementHeading } from './agreement-page.ts';
import {
  deploymentFormFrom,
  deploymentFormValues,
  parseDeploymentForm,
  parsePlacementForm,
  placementFormFrom,
  placementFormValues,
  type DeploymentFormValues,
  type PlacementFormValues,
} from './agreement-terms.schema.ts';
import { PLACEMENT_INTENSITY } from './agreement-terms.service.ts';
import { COMMISSIONING_BODY_LABELS, FUNDING_HINTS, FUNDING_LABELS, PRIORITY_REASON_LABELS } from './agreements.labels.ts';
import { actorOf, agreementIdOf, bodyOf, EXPIRED_FORM, formExpiredError, notFound, renderRefusal, type AgreementRequest } from './agreements.requests.ts';
import { objectiveFormValues, pairingFormValues, parseObjective, parsePairing, type ObjectiveFormValues, type PairingFormValues } from './agreements.schema.ts';
import type { Agreement } from './agreements.service.ts';
import { whyLocked } from './agreement-editing.service.ts';
import { COMMISSIONING_BODIES, FUNDING_TYPES, PRIORITY_REASONS } from './agreements.tables.ts';

const TERMS_FIELD_IDS = { startDate: 'startDate-day', endDate: 'endDate-day' };

type Expired = { problem: FormProblem };

/** The coordinators' forms for the version being agreed: its terms, objectives and staff pairings. */
export function agreementEditingHandlers(services: Services) {
  const secure = services.config.environment === 'production';

  /** The agreement, if it exists and may be changed; otherwise the page has been answered (not found, or refused). */
  async function editable(request: AgreementRequest, reply: FastifyReply, expired?: Expired): Promise<Agreement | undefined> {
    const id = agreementIdOf(request);
    const agreement = id === undefined ? undefined : await services.agreements.find(actorOf(request), id);
    if (!agreement) {
      if (expired) throw formExpiredError();
      notFound(reply);
      return undefined;
    }
    const locked = whyLocked(agreement, agreement.version);
    if (locked) {
      await renderRefusal(reply, agreement.agreement.id, locked);
      return undefined;
    }
    return agreement;
  }

  async function common(agreement: Agreement) {
    const alliance = await services.alliances.current();
    const stake = await services.agreementEditing.signaturesAtStake(agreement.agreement.id);
    return {
      heading: agreementHeading(agreement),
      backHref: `/staff/agreements/${agreement.agreement.id}`,
      specialisms: (await activeSpecialisms(services.db, alliance.id)).sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
      minimumHalfDays: alliance.minimumDeploymentHalfDays,
      signaturesAtStake: stake.map((signature) => signature.signatoryName),
    };
  }

  async function renderTerms(reply: FastifyReply, agreement: Agreement, values: DeploymentFormValues | PlacementFormValues, errors?: FormErrors) {
    const context = { ...(await common(agreement)), values, errors };
    if (agreement.agreement.kind === 'sle-deployment') {
      return reply.render('agreements/views/deployment-terms.njk', {
        ...context,
        fundingTypes: FUNDING_TYPES.map((type) => ({ value: type, text: FUNDING_LABELS[type], hint: FUNDING_HINTS[type] })),
      });
    }
    return reply.render('agreements/views/placement-terms.njk', {
      ...context,
      bodies: COMMISSIONING_BODIES.map((body) => ({ value: body, text: COMMISSIONING_BODY_LABELS[body] })),
      priorityItems: PRIORITY_REASONS.map((reason) => ({ value: reason, text: PRIORITY_REASON_LABELS[reason], checked: (values as PlacementFormValues).priorityReasons.includes(reason) })),
      intensity: PLACEMENT_INTENSITY,
    });
  }

  /** Renders the outcome of an edit: refused (409), input problems (400, input kept) or done (redirect to the agreement). */
  async function afterEdit<T>(reply: FastifyReply, agreement: Agreement, outcome: EditOutcome<T>, again: (problems: FieldProblem[]) => Promise<FastifyReply>, done: string) {
    if (!outcome.ok && 'refused' in outcome) return renderRefusal(reply, agreement.agreement.id, outcome.refused);
    if (!outcome.ok) return again(outcome.problems);
    setFlash(reply, done, secure);
    return reply.redirect(`/staff/agreements/${agreement.agreement.id}`, 303);
  }

  const itemId = (value: string | undefined) => parseId(value);

  async function renderObjective(reply: FastifyReply, agreement: Agreement, values: ObjectiveFormValues, page: { objectiveId?: number; errors?: FormErrors }) {
    return reply.render('agreements/views/objective.njk', { ...(await common(agreement)), values, ...page });
  }

  async function renderPairing(reply: FastifyReply, agreement: Agreement, values: PairingFormValues, page: { pairingId?: number; errors?: FormErrors }) {
    return reply.render('agreements/views/pairing.njk', { ...(await common(agreement)), values, ...page });
  }

  const expiredErrors = (href: string): FormErrors => ({ summary: [{ text: EXPIRED_FORM, href }], fields: {} });

  async function submitTerms(request: AgreementRequest, reply: FastifyReply, expired?: Expired) {
    const agreement = await editable(request, reply, expired);
    if (!agreement) return reply;
    const body = bodyOf(request);
    const actor = actorOf(request);
    const id = agreement.agreement.id;
    if (agreement.agreement.kind === 'sle-deployment') {
      const values = deploymentFormValues(body);
      if (expired) return renderTerms(reply.code(expired.problem === 'csrf' ? 403 : 429), agreement, values, expiredErrors('#focusSpecialismId'));
      const parsed = parseDeploymentForm(values);
      if (!parsed.ok) return renderTerms(reply.code(400), agreement, values, toFormErrors(parsed.problems, TERMS_FIELD_IDS));
      const outcome = await services.agreementEditing.saveDeploymentTerms(actor, id, parsed.data);
      return afterEdit(reply, agreement, outcome, (problems) => renderTerms(reply.code(400), agreement, values, toFormErrors(problems, TERMS_FIELD_IDS)), 'Terms saved');
    }
    const values = placementFormValues(body);
    if (expired) return renderTerms(reply.code(expired.problem === 'csrf' ? 403 : 429), agreement, values, expiredErrors('#commissioningBody'));
    const parsed = parsePlacementForm(values);
    if (!parsed.ok) return renderTerms(reply.code(400), agreement, values, toFormErrors(parsed.problems, TERMS_FIELD_IDS));
    const outcome = await services.agreementEditing.savePlacementTerms(actor, id, parsed.data);
    return afterEdit(reply, agreement, outcome, (problems) => renderTerms(reply.code(400), agreement, values, toFormErrors(problems, TERMS_FIELD_IDS)), 'Terms saved');
  }

  async function submitObjective(request: AgreementRequest, reply: FastifyReply, expired?: Expired) {
    const agreement = await editable(request, reply, expired);
    if (!agreement) return reply;
    const objectiveId = request.params.objectiveId === undefined ? undefined : itemId(request.params.objectiveId);
    if (request.params.objectiveId !== undefined && !agreement.version.objectives.some((candidate) => candidate.id === objectiveId)) {
      if (expired) throw formExpiredError();
      return notFound(reply);
    }
    const values = objectiveFormValues(bodyOf(request));
    if (expired) return renderObjective(reply.code(expired.problem === 'csrf' ? 403 : 429), agreement, values, { objectiveId, errors: expiredErrors('#objective') });
    const parsed = parseObjective(values);
    if (!parsed.ok) return renderObjective(reply.code(400), agreement, values, { objectiveId, errors: toFormErrors(parsed.problems) });
    const actor = actorOf(request);
    const outcome =
      objectiveId === undefined ? await services.agreementEditing.addObjective(actor, agreement.agreement.id, parsed.data) : await services.agreementEditing.updateObjective(actor, agreement.agreement.id, objectiveId, parsed.data);
    return afterEdit(reply, agreement, outcome, (problems) => renderObjective(reply.code(400), agreement, values, { objectiveId, errors: toFormErrors(problems) }), objectiveId === undefined ? 'Objective added' : 'Objective saved');
  }

  async function submitPairing(request: AgreementRequest, reply: FastifyReply, expired?: Expired) {
    const agreement = await editable(request, reply, expired);
    if (!agreement) return reply;
    if (agreement.agreement.kind !== 'lle-placement') return notFound(reply);
    const pairingId = request.params.pairingId === undefined ? undefined : itemId(request.params.pairingId);
    if (request.params.pairingId !== undefined && !agreement.version.pairings.some((candidate) => candidate.id === pairingId)) {
      if (expired) throw formExpiredError();
      return notFound(reply);
    }
    const values = pairingFormValues(bodyOf(request));
    if (expired) return renderPairing(reply.code(expired.problem === 'csrf' ? 403 : 429), agreement, values, { pairingId, errors: expiredErrors('#leaderSchoolRole') });
    const parsed = parsePairing(values);
    if (!parsed.ok) return renderPairing(reply.code(400), agreement, values, { pairingId, errors: toFormErrors(parsed.problems) });
    const actor = actorOf(request);
    const outcome =
      pairingId === undefined ? await services.agreementEditing.addPairing(actor, agreement.agreement.id, parsed.data) : await services.agreementEditing.updatePairing(actor, agreement.agreement.id, pairingId, parsed.data);
    return afterEdit(reply, agreement, outcome, (problems) => renderPairing(reply.code(400), agreement, values, { pairingId, errors: toFormErrors(problems) }), pairingId === undefined ? 'Staff pairing added' : 'Staff pairing saved');
  }

  return {
    submitTerms: (request: AgreementRequest, reply: FastifyReply) => submitTerms(request, reply),
    submitObjective: (request: AgreementRequest, reply: FastifyReply) => submitObjective(request, reply),
    submitPairing: (request: AgreementRequest, reply: FastifyReply) => submitPairing(request, reply),

    async showTerms(request: AgreementRequest, reply: FastifyReply) {
      const agreement = await editable(request, reply);
      if (!agreement) return reply;
      const terms = agreement.version.terms;
      const values = agreement.agreement.kind === 'sle-deployment' ? deploymentFormFrom(terms?.kind === 'sle-deployment' ? terms : undefined) : placementFormFrom(terms?.kind === 'lle-placement' ? terms : undefined);
      return renderTerms(reply, agreement, values);
    },


    async termsAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      return submitTerms(request as AgreementRequest, reply, { problem });
    },

    async showObjective(request: AgreementRequest, reply: FastifyReply) {
      const agreement = await editable(request, reply);
      if (!agreement) return reply;
      if (request.params.objectiveId === undefined) return renderObjective(reply, agreement, { objective: '', baseline: '', successMeasure: '' }, {});
      const objective = agreement.version.objectives.find((candidate) => candidate.id === itemId(request.params.objectiveId));
      if (!objective) return notFound(reply);
      return renderObjective(reply, agreement, objective, { objectiveId: objective.id });
    },


    async objectiveAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      return submitObjective(request as AgreementRequest, reply, { problem });
    },

    async removeObjective(request: AgreementRequest, reply: FastifyReply) {
      const agreement = await editable(request, reply);
      if (!agreement) return reply;
      const objectiveId = itemId(request.params.objectiveId);
      if (objectiveId === undefined || !agreement.version.objectives.some((candidate) => candidate.id === objectiveId)) return notFound(reply);
      const outcome = await services.agreementEditing.removeObjective(actorOf(request), agreement.agreement.id, objectiveId);
      return afterEdit(reply, agreement, outcome, async () => notFound(reply), 'Objective removed');
    },

    async showPairing(request: AgreementRequest, reply: FastifyReply) {
      const agreement = await editable(request, reply);
      if (!agreement) return reply;
      if (agreement.agreement.kind !== 'lle-placement') return notFound(reply);
      if (request.params.pairingId === undefined) return renderPairing(reply, agreement, { leaderSchoolRole: '', leaderSchoolName: '', supportedSchoolRole: '', supportedSchoolName: '', specialismId: '', days: '' }, {});
      const pairing = agreement.version.pairings.find((candidate) => candidate.id === itemId(request.params.pairingId));
      if (!pairing) return notFound(reply);
      return renderPairing(
        reply,
        agreement,
        {
          leaderSchoolRole: pairing.leaderSchoolRole,
          leaderSchoolName: pairing.leaderSchoolName ?? '',
          supportedSchoolRole: pairing.supportedSchoolRole,
          supportedSchoolName: pairing.supportedSchoolName ?? '',
          specialismId: String(pairing.specialismId),
          days: String(pairing.halfDays / 2),
        },
        { pairingId: pairing.id },
      );
    },


    async pairingAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      return submitPairing(request as AgreementRequest, reply, { problem });
    },

    async removePairing(request: AgreementRequest, reply: FastifyReply) {
      const agreement = await editable(request, reply);
      if (!agreement) return reply;
      const pairingId = itemId(request.params.pairingId);
      if (pairingId === undefined || !agreement.version.pairings.some((candidate) => candidate.id === pairingId)) return notFound(reply);
      const outcome = await services.agreementEditing.removePairing(actorOf(request), agreement.agreement.id, pairingId);
      return afterEdit(reply, agreement, outcome, async () => notFound(reply), 'Staff pairing removed');
    },
  };
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormProblem } from '../../platform/errors.ts';
import { toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { type AgreementRequest } from './agreements.requests.ts';
import { actorOf, bodyOf, formProblemStatus, parseId } from '../../platform/http/requests.ts';
import { formExpiredError, notFound } from '../../platform/http/replies.ts';
import {
  objectiveFormValues,
  pairingFormValues,
  parseObjective,
  parsePairing,
  type ObjectiveFormValues,
  type PairingFormValues,
} from './agreements.schema.ts';
import type { Agreement } from './agreements.service.ts';
import type { AgreementRouteServices } from './agreements.handlers.ts';
import { editingPages, type Expired } from './agreement-editing.pages.ts';

/** The coordinators' forms for the version being agreed: its objectives and staff pairings (its terms: agreement-terms.handlers.ts). */
export function agreementEditingHandlers(services: AgreementRouteServices) {
  const { editable, common, afterEdit, expiredErrors } = editingPages(services);

  const itemId = (value: string | undefined) => parseId(value);

  async function renderObjective(
    reply: FastifyReply,
    agreement: Agreement,
    values: ObjectiveFormValues,
    page: { objectiveId?: number; errors?: FormErrors },
  ) {
    return reply.render('agreements/views/objective.njk', { ...(await common(agreement)), values, ...page });
  }

  async function renderPairing(
    reply: FastifyReply,
    agreement: Agreement,
    values: PairingFormValues,
    page: { pairingId?: number; errors?: FormErrors },
  ) {
    return reply.render('agreements/views/pairing.njk', { ...(await common(agreement)), values, ...page });
  }

  async function submitObjective(request: AgreementRequest, reply: FastifyReply, expired?: Expired) {
    const agreement = await editable(request, reply, expired);
    if (!agreement) return reply;
    const objectiveId = request.params.objectiveId === undefined ? undefined : itemId(request.params.objectiveId);
    if (
      request.params.objectiveId !== undefined &&
      !agreement.version.objectives.some((candidate) => candidate.id === objectiveId)
    ) {
      if (expired) throw formExpiredError();
      return notFound(reply);
    }
    const values = objectiveFormValues(bodyOf(request));
    if (expired)
      return renderObjective(reply.code(formProblemStatus(expired.problem)), agreement, values, {
        objectiveId,
        errors: expiredErrors('#objective'),
      });
    const parsed = parseObjective(values);
    if (!parsed.ok)
      return renderObjective(reply.code(400), agreement, values, {
        objectiveId,
        errors: toFormErrors(parsed.problems),
      });
    const actor = actorOf(request);
    const outcome =
      objectiveId === undefined
        ? await services.agreementEditing.addObjective(actor, agreement.agreement.id, parsed.data)
        : await services.agreementEditing.updateObjective(actor, agreement.agreement.id, objectiveId, parsed.data);
    return afterEdit(
      reply,
      agreement,
      outcome,
      (problems) =>
        renderObjective(reply.code(400), agreement, values, { objectiveId, errors: toFormErrors(problems) }),
      objectiveId === undefined ? 'Objective added' : 'Objective saved',
    );
  }

  async function submitPairing(request: AgreementRequest, reply: FastifyReply, expired?: Expired) {
    const agreement = await editable(request, reply, expired);
    if (!agreement) return reply;
    if (agreement.agreement.kind !== 'lle-placement') return notFound(reply);
    const pairingId = request.params.pairingId === undefined ? undefined : itemId(request.params.pairingId);
    if (
      request.params.pairingId !== undefined &&
      !agreement.version.pairings.some((candidate) => candidate.id === pairingId)
    ) {
      if (expired) throw formExpiredError();
      return notFound(reply);
    }
    const values = pairingFormValues(bodyOf(request));
    if (expired)
      return renderPairing(reply.code(formProblemStatus(expired.problem)), agreement, values, {
        pairingId,
        errors: expiredErrors('#leaderSchoolRole'),
      });
    const parsed = parsePairing(values);
    if (!parsed.ok)
      return renderPairing(reply.code(400), agreement, values, { pairingId, errors: toFormErrors(parsed.problems) });
    const actor = actorOf(request);
    const outcome =
      pairingId === undefined
        ? await services.agreementEditing.addPairing(actor, agreement.agreement.id, parsed.data)
        : await services.agreementEditing.updatePairing(actor, agreement.agreement.id, pairingId, parsed.data);
    return afterEdit(
      reply,
      agreement,
      outcome,
      (problems) => renderPairing(reply.code(400), agreement, values, { pairingId, errors: toFormErrors(problems) }),
      pairingId === undefined ? 'Staff pairing added' : 'Staff pairing saved',
    );
  }

  return {
    submitObjective: (request: AgreementRequest, reply: FastifyReply) => submitObjective(request, reply),
    submitPairing: (request: AgreementRequest, reply: FastifyReply) => submitPairing(request, reply),

    async showObjective(request: AgreementRequest, reply: FastifyReply) {
      const agreement = await editable(request, reply);
      if (!agreement) return reply;
      if (request.params.objectiveId === undefined)
        return renderObjective(reply, agreement, { objective: '', baseline: '', successMeasure: '' }, {});
      const objective = agreement.version.objectives.find(
        (candidate) => candidate.id === itemId(request.params.objectiveId),
      );
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
      if (objectiveId === undefined || !agreement.version.objectives.some((candidate) => candidate.id === objectiveId))
        return notFound(reply);
      const outcome = await services.agreementEditing.removeObjective(
        actorOf(request),
        agreement.agreement.id,
        objectiveId,
      );
      return afterEdit(reply, agreement, outcome, async () => notFound(reply), 'Objective removed');
    },

    async showPairing(request: AgreementRequest, reply: FastifyReply) {
      const agreement = await editable(request, reply);
      if (!agreement) return reply;
      if (agreement.agreement.kind !== 'lle-placement') return notFound(reply);
      if (request.params.pairingId === undefined)
        return renderPairing(
          reply,
          agreement,
          {
            leaderSchoolRole: '',
            leaderSchoolName: '',
            supportedSchoolRole: '',
            supportedSchoolName: '',
            specialismId: '',
            days: '',
          },
          {},
        );
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
      if (pairingId === undefined || !agreement.version.pairings.some((candidate) => candidate.id === pairingId))
        return notFound(reply);
      const outcome = await services.agreementEditing.removePairing(
        actorOf(request),
        agreement.agreement.id,
        pairingId,
      );
      return afterEdit(reply, agreement, outcome, async () => notFound(reply), 'Staff pairing removed');
    },
  };
}

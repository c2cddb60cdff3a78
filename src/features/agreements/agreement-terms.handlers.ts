import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormProblem } from '../../platform/errors.ts';
import { toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { actorOf, bodyOf, formProblemStatus } from '../../platform/http/requests.ts';
import { editingPages, type Expired } from './agreement-editing.pages.ts';
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
import type { AgreementRouteServices } from './agreements.handlers.ts';
import {
  COMMISSIONING_BODY_LABELS,
  FUNDING_HINTS,
  FUNDING_LABELS,
  PRIORITY_REASON_LABELS,
} from './agreements.labels.ts';
import { COMMISSIONING_BODIES, FUNDING_TYPES, PRIORITY_REASONS } from './agreements.model.ts';
import type { AgreementRequest } from './agreements.requests.ts';
import type { Agreement } from './agreements.service.ts';

const TERMS_FIELD_IDS = { startDate: 'startDate-day', endDate: 'endDate-day' };

/** The coordinators' form for the terms of the version being agreed: a deployment's, or a placement's. */
export function agreementTermsHandlers(services: AgreementRouteServices) {
  const { editable, common, afterEdit, expiredErrors } = editingPages(services);

  async function renderTerms(
    reply: FastifyReply,
    agreement: Agreement,
    values: DeploymentFormValues | PlacementFormValues,
    errors?: FormErrors,
  ) {
    const context = { ...(await common(agreement)), values, errors };
    if (agreement.agreement.kind === 'sle-deployment') {
      return reply.render('agreements/views/deployment-terms.njk', {
        ...context,
        fundingTypes: FUNDING_TYPES.map((type) => ({
          value: type,
          text: FUNDING_LABELS[type],
          hint: FUNDING_HINTS[type],
        })),
      });
    }
    return reply.render('agreements/views/placement-terms.njk', {
      ...context,
      bodies: COMMISSIONING_BODIES.map((body) => ({ value: body, text: COMMISSIONING_BODY_LABELS[body] })),
      priorityItems: PRIORITY_REASONS.map((reason) => ({
        value: reason,
        text: PRIORITY_REASON_LABELS[reason],
        checked: (values as PlacementFormValues).priorityReasons.includes(reason),
      })),
      intensity: PLACEMENT_INTENSITY,
    });
  }

  async function submitTerms(request: AgreementRequest, reply: FastifyReply, expired?: Expired) {
    const agreement = await editable(request, reply, expired);
    if (!agreement) return reply;
    const body = bodyOf(request);
    const actor = actorOf(request);
    const id = agreement.agreement.id;
    if (agreement.agreement.kind === 'sle-deployment') {
      const values = deploymentFormValues(body);
      if (expired)
        return renderTerms(
          reply.code(formProblemStatus(expired.problem)),
          agreement,
          values,
          expiredErrors('#focusSpecialismId'),
        );
      const parsed = parseDeploymentForm(values);
      if (!parsed.ok)
        return renderTerms(reply.code(400), agreement, values, toFormErrors(parsed.problems, TERMS_FIELD_IDS));
      const outcome = await services.agreementEditing.saveDeploymentTerms(actor, id, parsed.data);
      return afterEdit(
        reply,
        agreement,
        outcome,
        (problems) => renderTerms(reply.code(400), agreement, values, toFormErrors(problems, TERMS_FIELD_IDS)),
        'Terms saved',
      );
    }
    const values = placementFormValues(body);
    if (expired)
      return renderTerms(
        reply.code(formProblemStatus(expired.problem)),
        agreement,
        values,
        expiredErrors('#commissioningBody'),
      );
    const parsed = parsePlacementForm(values);
    if (!parsed.ok)
      return renderTerms(reply.code(400), agreement, values, toFormErrors(parsed.problems, TERMS_FIELD_IDS));
    const outcome = await services.agreementEditing.savePlacementTerms(actor, id, parsed.data);
    return afterEdit(
      reply,
      agreement,
      outcome,
      (problems) => renderTerms(reply.code(400), agreement, values, toFormErrors(problems, TERMS_FIELD_IDS)),
      'Terms saved',
    );
  }

  return {
    submitTerms: (request: AgreementRequest, reply: FastifyReply) => submitTerms(request, reply),

    async showTerms(request: AgreementRequest, reply: FastifyReply) {
      const agreement = await editable(request, reply);
      if (!agreement) return reply;
      const terms = agreement.version.terms;
      const values =
        agreement.agreement.kind === 'sle-deployment'
          ? deploymentFormFrom(terms?.kind === 'sle-deployment' ? terms : undefined)
          : placementFormFrom(terms?.kind === 'lle-placement' ? terms : undefined);
      return renderTerms(reply, agreement, values);
    },

    async termsAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      return submitTerms(request as AgreementRequest, reply, { problem });
    },
  };
}

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
import type { EditOutcome } from './agreement-editing.service.ts';

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
    const context = {
      ...(await common(agreement)),
      values,
      errors,
      fundingTypes: FUNDING_TYPES.map((type) => ({
        value: type,
        text: FUNDING_LABELS[type],
        hint: FUNDING_HINTS[type],
      })),
    };
    if (agreement.agreement.kind === 'sle-deployment')
      return reply.render('agreements/views/deployment-terms.njk', context);
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

  /** Each kind's form: how its answers are read, then checked and saved, and the first field on the page. */
  function termsForm(agreement: Agreement, body: Record<string, unknown>, request: AgreementRequest) {
    const actor = actorOf(request);
    const id = agreement.agreement.id;
    if (agreement.agreement.kind === 'sle-deployment') {
      const values = deploymentFormValues(body);
      const save = async (): Promise<EditOutcome> => {
        const parsed = parseDeploymentForm(values);
        return parsed.ok ? services.agreementEditing.saveDeploymentTerms(actor, id, parsed.data) : parsed;
      };
      return { values, save, firstField: '#focusSpecialismId' };
    }
    const values = placementFormValues(body);
    const save = async (): Promise<EditOutcome> => {
      const parsed = parsePlacementForm(values);
      return parsed.ok ? services.agreementEditing.savePlacementTerms(actor, id, parsed.data) : parsed;
    };
    return { values, save, firstField: '#commissioningBody' };
  }

  async function submitTerms(request: AgreementRequest, reply: FastifyReply, expired?: Expired) {
    const agreement = await editable(request, reply, expired);
    if (!agreement) return reply;
    const form = termsForm(agreement, bodyOf(request), request);
    const again = (status: number, errors: FormErrors) =>
      renderTerms(reply.code(status), agreement, form.values, errors);
    if (expired) return again(formProblemStatus(expired.problem), expiredErrors(form.firstField));
    return afterEdit(
      reply,
      agreement,
      await form.save(),
      (problems) => again(400, toFormErrors(problems, TERMS_FIELD_IDS)),
      'Terms saved',
    );
  }

  return {
    submitTerms: (request: AgreementRequest, reply: FastifyReply) => submitTerms(request, reply),

    async showTerms(request: AgreementRequest, reply: FastifyReply) {
      const agreement = await editable(request, reply);
      if (!agreement) return reply;
      const terms = agreement.version.terms;
      // A first version starts from what the school asked for; later ones from the terms agreed.
      const suggested = terms ? undefined : await services.agreements.termsSuggested(agreement);
      const values =
        agreement.agreement.kind === 'sle-deployment'
          ? deploymentFormFrom(terms?.kind === 'sle-deployment' ? terms : undefined, suggested)
          : placementFormFrom(terms?.kind === 'lle-placement' ? terms : undefined, suggested);
      return renderTerms(reply, agreement, values);
    },

    async termsAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      return submitTerms(request as AgreementRequest, reply, { problem });
    },
  };
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { formError, toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { notFound } from '../../platform/http/replies.ts';
import { actorOf, bodyOf, formProblemStatus, parseId } from '../../platform/http/requests.ts';
import type { DesignationRulesService } from './designation-rules.service.ts';
import { RECRUITED_TYPES, RULE_LABELS, TYPE_NAMES, type Criterion } from './designation.model.ts';
import {
  criterionFormValues,
  designationTypeSchema,
  parseCriterion,
  parseRules,
  rulesAsValues,
  rulesFormValues,
  type CriterionFormValues,
  type RulesFormValues,
} from './designation.schema.ts';

type WithId = FastifyRequest<{ Params: { id: string } }>;
const EXPIRED_FORM = 'This form had expired, so nothing was saved. Check your answers and try again';
const SETTINGS = '/staff/designation-settings';

export type DesignationSettingsRouteServices = { designationRules: DesignationRulesService };

/** Administrators' page for the designation rules and each designation's criteria. */
export function designationSettingsHandlers({ designationRules }: DesignationSettingsRouteServices) {
  async function renderSettings(
    request: FastifyRequest,
    reply: FastifyReply,
    forms: { rules?: RulesFormValues; criterion?: CriterionFormValues; errors?: FormErrors } = {},
  ) {
    const criterion = forms.criterion ?? { designationType: '', title: '', description: '' };
    return reply.render('designation/views/settings.njk', {
      rules: forms.rules ?? rulesAsValues(await designationRules.rules()),
      ruleLabels: RULE_LABELS,
      criteria: await designationRules.criteria(),
      types: RECRUITED_TYPES.map((type) => ({ value: type, text: TYPE_NAMES[type] })),
      typeItems: RECRUITED_TYPES.map((type) => ({
        value: type,
        text: TYPE_NAMES[type],
        checked: type === criterion.designationType,
      })),
      criterion,
      errors: forms.errors,
      auditTrail: await designationRules.trail(actorOf(request)),
    });
  }

  async function renderCriterion(
    reply: FastifyReply,
    criterion: Criterion,
    values: CriterionFormValues,
    errors?: FormErrors,
  ) {
    return reply.render('designation/views/criterion.njk', {
      criterion,
      typeName: TYPE_NAMES[criterion.designationType],
      values,
      errors,
    });
  }

  async function load(request: WithId): Promise<Criterion | undefined> {
    const id = parseId(request.params.id);
    return id === undefined ? undefined : designationRules.criterion(id);
  }

  const valuesOf = (criterion: Criterion): CriterionFormValues => ({
    designationType: criterion.designationType,
    title: criterion.title,
    description: criterion.description,
  });

  return {
    show: (request: FastifyRequest, reply: FastifyReply) => renderSettings(request, reply),

    async saveRules(request: FastifyRequest, reply: FastifyReply) {
      const values = rulesFormValues(bodyOf(request));
      const parsed = parseRules(values);
      if (!parsed.ok)
        return renderSettings(request, reply.code(400), { rules: values, errors: toFormErrors(parsed.problems) });
      const changed = await designationRules.changeRules(actorOf(request), parsed.value);
      setFlash(reply, changed ? 'Designation rules saved' : 'Nothing was changed', { at: 'rules' });
      return reply.redirect(`${SETTINGS}#rules`, 303);
    },

    saveRulesAgain: (request: FastifyRequest, reply: FastifyReply, problem: FormProblem) =>
      renderSettings(request, reply.code(formProblemStatus(problem)), {
        rules: rulesFormValues(bodyOf(request)),
        errors: formError(EXPIRED_FORM, '#sleMinimumLeadershipYears'),
      }),

    async addCriterion(request: FastifyRequest, reply: FastifyReply) {
      const values = criterionFormValues(bodyOf(request));
      const type = designationTypeSchema.safeParse(values.designationType);
      const parsed = parseCriterion(values);
      const problems = [
        ...(type.success ? [] : [{ field: 'designationType', message: 'Select the designation' }]),
        ...(parsed.ok ? [] : parsed.problems),
      ];
      const outcome =
        problems.length === 0 && type.success && parsed.ok
          ? await designationRules.addCriterion(actorOf(request), type.data, parsed.value)
          : { ok: false as const, problems };
      if (!outcome.ok)
        return renderSettings(request, reply.code(400), {
          criterion: values,
          errors: toFormErrors(outcome.problems, { title: 'criterion-title', description: 'criterion-description' }),
        });
      setFlash(reply, `${values.title} added`, { at: 'criteria' });
      return reply.redirect(`${SETTINGS}#criteria`, 303);
    },

    addCriterionAgain: (request: FastifyRequest, reply: FastifyReply, problem: FormProblem) =>
      renderSettings(request, reply.code(formProblemStatus(problem)), {
        criterion: criterionFormValues(bodyOf(request)),
        errors: formError(EXPIRED_FORM, '#designationType'),
      }),

    async showCriterion(request: WithId, reply: FastifyReply) {
      const criterion = await load(request);
      if (!criterion) return notFound(reply);
      return renderCriterion(reply, criterion, valuesOf(criterion));
    },

    async changeCriterion(request: WithId, reply: FastifyReply) {
      const criterion = await load(request);
      if (!criterion) return notFound(reply);
      const values = { ...criterionFormValues(bodyOf(request)), designationType: criterion.designationType };
      const parsed = parseCriterion(values);
      const outcome = parsed.ok
        ? await designationRules.changeCriterion(actorOf(request), criterion, parsed.value)
        : parsed;
      if (!outcome.ok) return renderCriterion(reply.code(400), criterion, values, toFormErrors(outcome.problems));
      setFlash(reply, outcome.value ? `${values.title} saved` : 'Nothing was changed', { at: 'criteria' });
      return reply.redirect(`${SETTINGS}#criteria`, 303);
    },

    async changeCriterionAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const criterion = await load(request as WithId);
      if (!criterion) return notFound(reply);
      return renderCriterion(
        reply.code(formProblemStatus(problem)),
        criterion,
        { ...criterionFormValues(bodyOf(request)), designationType: criterion.designationType },
        formError(EXPIRED_FORM, '#title'),
      );
    },

    async removeCriterion(request: WithId, reply: FastifyReply) {
      const criterion = await load(request);
      if (!criterion) return notFound(reply);
      const outcome = await designationRules.removeCriterion(actorOf(request), criterion);
      if (!outcome.ok)
        return renderCriterion(
          reply.code(409),
          criterion,
          valuesOf(criterion),
          toFormErrors(outcome.problems, { remove: 'remove-criterion' }),
        );
      setFlash(reply, `${criterion.title} removed`, { at: 'criteria' });
      return reply.redirect(`${SETTINGS}#criteria`, 303);
    },
  };
}

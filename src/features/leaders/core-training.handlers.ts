import type { FastifyReply, FastifyRequest } from 'fastify';
import { dateInputItems, datePartsOf, type DatePart } from '../../platform/date-input.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { formError, refusedFormErrors, toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { formExpiredError, notFound } from '../../platform/http/replies.ts';
import { actorOf, bodyOf, formProblemStatus, parseId } from '../../platform/http/requests.ts';
import {
  checkCoreTraining,
  coreTrainingValues,
  MAX_PROVIDER,
  type CoreTrainingValues,
} from './core-training.schema.ts';
import type { DesignatedLeaderService, DesignationRow } from './designated-leaders.service.ts';
import { DESIGNATION_ABBREVIATIONS } from './leaders.schema.ts';
import type { Leader } from './leaders.service.ts';

export type CoreTrainingRouteServices = { designatedLeaders: DesignatedLeaderService };

type WithDesignation = FastifyRequest<{ Params: { id: string; designationId: string } }>;

/** The error summary links to the first box of the date that is wrong. */
const FIELD_IDS = (wrong: DatePart[]) => ({ coreTrainingOn: `coreTrainingOn-${wrong[0] ?? 'day'}` });

/** A coordinator records the core training that follows a designation (or corrects it). */
export function coreTrainingHandlers(services: CoreTrainingRouteServices) {
  async function found(request: FastifyRequest) {
    const params = request.params as { id?: unknown; designationId?: unknown };
    const leaderId = parseId(params.id);
    const designationId = parseId(params.designationId);
    if (leaderId === undefined || designationId === undefined) return undefined;
    return services.designatedLeaders.designationOf(leaderId, designationId);
  }

  function render(
    reply: FastifyReply,
    subject: { leader: Leader; designation: DesignationRow },
    values: CoreTrainingValues,
    errors?: FormErrors,
    wrongParts: DatePart[] = [],
  ) {
    const { leader, designation } = subject;
    return reply.render('leaders/views/core-training.njk', {
      leader,
      designation,
      abbreviation: DESIGNATION_ABBREVIATIONS[designation.type],
      action: `/staff/leaders/${leader.id}/designations/${designation.id}/core-training`,
      values,
      errors,
      maxProvider: MAX_PROVIDER,
      dateItems: dateInputItems(values.coreTrainingOn, errors?.fields.coreTrainingOn ? wrongParts : []),
    });
  }

  return {
    async show(request: WithDesignation, reply: FastifyReply) {
      const subject = await found(request);
      if (!subject) return notFound(reply);
      return render(reply, subject, {
        coreTrainingOn: datePartsOf(subject.designation.coreTrainingOn),
        provider: subject.designation.coreTrainingProvider ?? '',
      });
    },

    async submit(request: WithDesignation, reply: FastifyReply) {
      const subject = await found(request);
      if (!subject) return notFound(reply);
      const values = coreTrainingValues(bodyOf(request));
      const refused = refusedFormErrors(request);
      if (refused) return render(reply.code(400), subject, values, refused);
      const checked = checkCoreTraining(values);
      if (!checked.ok)
        return render(
          reply.code(400),
          subject,
          values,
          toFormErrors(checked.problems, FIELD_IDS(checked.wrongParts)),
          checked.wrongParts,
        );
      const outcome = await services.designatedLeaders.recordCoreTraining(
        actorOf(request),
        subject.leader.id,
        subject.designation.id,
        checked.value,
      );
      if (!outcome.ok) {
        const wrong: DatePart[] = ['day', 'month', 'year'];
        return render(reply.code(400), subject, values, toFormErrors(outcome.problems, FIELD_IDS(wrong)), wrong);
      }
      const name = DESIGNATION_ABBREVIATIONS[subject.designation.type];
      setFlash(
        reply,
        outcome.value
          ? `Core training for ${subject.leader.name}’s ${name} designation recorded`
          : 'Nothing was changed',
      );
      return reply.redirect(`/staff/leaders/${subject.leader.id}`, 303);
    },

    async again(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const subject = await found(request);
      if (!subject) throw formExpiredError();
      return render(
        reply.code(formProblemStatus(problem)),
        subject,
        coreTrainingValues(bodyOf(request)),
        formError(
          'This form had expired, so nothing was saved. Check your answers and try again',
          '#coreTrainingOn-day',
        ),
      );
    },
  };
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { formError, toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { actorOf, bodyOf, formProblemStatus } from '../../platform/http/requests.ts';
import { APPLICATION_RETENTION, RETENTION_COUNT_LABELS, type RetentionCounts } from './privacy.model.ts';
import { parseRetention, retentionFormValues, retentionValuesOf, type RetentionFormValues } from './privacy.schema.ts';
import type { RetentionService } from './retention.service.ts';

export type RetentionRouteServices = { retention: RetentionService };

export function previewRows(counts: RetentionCounts) {
  return (Object.keys(RETENTION_COUNT_LABELS) as Array<keyof RetentionCounts>).map((key) => ({
    key,
    label: RETENTION_COUNT_LABELS[key],
    count: counts[key],
  }));
}

/** Staff > Privacy: the retention schedule with what the next run will remove, and the way to a person. */
export function retentionHandlers(services: RetentionRouteServices) {
  async function render(reply: FastifyReply, page: { values?: RetentionFormValues; errors?: FormErrors }) {
    return reply.render('privacy/views/privacy.njk', {
      values: page.values ?? retentionValuesOf(await services.retention.schedule()),
      errors: page.errors,
      preview: previewRows(await services.retention.preview()),
      applicationRetention: APPLICATION_RETENTION,
    });
  }

  return {
    async show(_request: FastifyRequest, reply: FastifyReply) {
      return render(reply, {});
    },

    async submit(request: FastifyRequest, reply: FastifyReply) {
      const values = retentionFormValues(bodyOf(request));
      const parsed = parseRetention(values);
      if (!parsed.ok) return render(reply.code(400), { values, errors: toFormErrors(parsed.problems) });
      const changed = await services.retention.changeSchedule(actorOf(request), parsed.schedule);
      setFlash(reply, changed ? 'Retention schedule saved' : 'Nothing was changed');
      return reply.redirect('/staff/privacy', 303);
    },

    async submitAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const text = 'This form had expired, so nothing was saved. Check your answers and try again';
      return render(reply.code(formProblemStatus(problem)), {
        values: retentionFormValues(bodyOf(request)),
        errors: formError(text, '#closedEnquiryYears'),
      });
    },
  };
}

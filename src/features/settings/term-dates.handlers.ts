import type { FastifyReply, FastifyRequest } from 'fastify';
import { isCalendarDate } from '../../platform/calendar/calendar-date.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { actorOf, bodyOf, formProblemStatus } from '../../platform/http/requests.ts';
import { EMPTY_TERM, parseTerm, termFormValues, type TermFormValues } from './term-dates.schema.ts';
import { describeTerm, MAXIMUM_TERMS, type TermDatesService } from './term-dates.service.ts';

const TERM_FIELD_IDS = { firstDay: 'firstDay-day', lastDay: 'lastDay-day' };
const PAGE = '/staff/settings/term-dates';

/** The administrators' page of the alliance's term dates: the terms set, and a form to add one. */
export function termDatesHandlers(services: { termDates: TermDatesService }) {
  async function render(reply: FastifyReply, values: TermFormValues = EMPTY_TERM, errors?: FormErrors) {
    const terms = await services.termDates.list();
    return reply.render('settings/views/term-dates.njk', {
      terms: terms.map((term) => ({ ...term, label: describeTerm(term) })),
      maximumTerms: MAXIMUM_TERMS,
      values,
      errors,
    });
  }

  return {
    show: (_request: FastifyRequest, reply: FastifyReply) => render(reply),

    async add(request: FastifyRequest, reply: FastifyReply) {
      const values = termFormValues(bodyOf(request));
      const parsed = parseTerm(values);
      if (!parsed.ok) return render(reply.code(400), values, toFormErrors(parsed.problems, TERM_FIELD_IDS));
      const outcome = await services.termDates.add(actorOf(request), parsed.term);
      if (!outcome.ok)
        return render(reply.code(409), values, {
          summary: [{ text: outcome.message, href: '#firstDay-day' }],
          fields: { firstDay: { text: outcome.message } },
        });
      setFlash(reply, `Term added: ${describeTerm(parsed.term)}`);
      return reply.redirect(PAGE, 303);
    },

    async addAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const text = 'This form had expired, so nothing was saved. Check your answers and try again';
      return render(reply.code(formProblemStatus(problem)), termFormValues(bodyOf(request)), {
        summary: [{ text, href: '#firstDay-day' }],
        fields: {},
      });
    },

    async remove(request: FastifyRequest<{ Params: { firstDay: string } }>, reply: FastifyReply) {
      const { firstDay } = request.params;
      const removed = isCalendarDate(firstDay)
        ? await services.termDates.remove(actorOf(request), firstDay)
        : undefined;
      if (!removed) return reply.callNotFound();
      setFlash(reply, `Term removed: ${describeTerm(removed)}`);
      return reply.redirect(PAGE, 303);
    },
  };
}

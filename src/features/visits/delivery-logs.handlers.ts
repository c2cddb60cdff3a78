import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VisitRouteServices } from './visits.requests.ts';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import { dateInputItems, type DatePart } from '../../platform/date-input.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { toFormErrors, type FieldProblem, type FormErrors } from '../../platform/forms.ts';
import { agreementHeading } from '../agreements/agreement-page.ts';
import {
  defaultNoteSharing,
  NOTE_SHARING,
  NOTE_SHARING_HINTS,
  NOTE_SHARING_LABELS,
} from '../agreements/note-sharing.ts';
import { EXPIRED_FORM } from '../agreements/agreements.requests.ts';
import { actorOf, bodyOf, formProblemStatus, parseId } from '../../platform/http/requests.ts';
import { formExpiredError, notFound } from '../../platform/http/replies.ts';
import { HOURS_RULE } from './delivery-time.ts';
import { ACTIVITY_LABELS, pairingLabel } from './visits.labels.ts';
import type { DeliveryLog } from './visits.service.ts';
import { logDateOf, logFormFrom, logFormValues, parseLog, type LogFormValues } from './visits.schema.ts';
import {
  attendeeItems,
  backToAgreement,
  deliveryAgreement,
  type DeliveryRequest,
  type Ready,
} from './visits.requests.ts';
import { ACTIVITIES } from './visits.model.ts';

const DATE_PARTS: DatePart[] = ['day', 'month', 'year'];
const FIELD_IDS = { date: 'date-day', activities: 'activities', attendee: 'attendee', sharedWith: 'sharedWith' };

/** Logging delivered support against a signed agreement, and changing or deleting a log. */
export function deliveryLogHandlers(services: VisitRouteServices) {
  const objectiveIds = (context: Ready) => context.signed.objectives.map((objective) => objective.id);

  function renderForm(
    reply: FastifyReply,
    context: Ready,
    values: LogFormValues,
    page: { logId?: number; errors?: FormErrors },
  ) {
    const errors = page.errors;
    return reply.render('visits/views/log.njk', {
      heading: agreementHeading(context.agreement),
      backHref: backToAgreement(context),
      logId: page.logId,
      values,
      errors,
      startDate: formatLongDate(context.signed.terms.startDate),
      hoursRule: HOURS_RULE,
      dateItems: dateInputItems(values.date, errors?.fields.date ? DATE_PARTS : []),
      attendeeItems: attendeeItems(context, values.attendee, pairingLabel),
      activityItems: ACTIVITIES.map((activity) => ({
        value: activity,
        text: ACTIVITY_LABELS[activity],
        checked: values.activities.includes(activity),
      })),
      sharingItems: NOTE_SHARING.map((sharing) => ({
        value: sharing,
        text: NOTE_SHARING_LABELS[sharing],
        hint: { text: NOTE_SHARING_HINTS[sharing] },
        checked: values.sharedWith === sharing,
      })),
      objectives: context.signed.objectives.map((objective, index) => ({
        id: objective.id,
        number: index + 1,
        text: objective.objective,
        value: values.progress[String(objective.id)] ?? '',
        error: errors?.fields[`progress-${objective.id}`],
      })),
    });
  }

  /** The log named in the URL, if it is this agreement's and the person may change it; otherwise the page has been answered. */
  async function changeableLog(
    request: DeliveryRequest,
    reply: FastifyReply,
    context: Ready,
    expired?: FormProblem,
  ): Promise<DeliveryLog | undefined> {
    const logId = parseId(request.params.logId);
    const log = logId === undefined ? undefined : await services.delivery.log(actorOf(request), context, logId);
    if (!log) {
      if (expired) throw formExpiredError();
      notFound(reply);
      return undefined;
    }
    if (!services.delivery.mayChangeLog(actorOf(request), context, log)) {
      await reply.code(403).render('errors/forbidden.njk', { roles: actorOf(request).roles });
      return undefined;
    }
    return log;
  }

  const problemsToErrors = (problems: FieldProblem[]) => toFormErrors(problems, FIELD_IDS);

  /** The form's problems, with the date's rules for this agreement among them when the date itself is real. */
  function everyProblem(context: Ready, values: LogFormValues, problems: FieldProblem[]): FormErrors {
    const date = logDateOf(values);
    const dateProblem = date && services.delivery.logDateProblem(context.signed, date);
    return problemsToErrors(dateProblem ? [dateProblem, ...problems] : problems);
  }

  return {
    async showNew(request: DeliveryRequest, reply: FastifyReply) {
      const context = await deliveryAgreement(services, request, reply, { manage: true });
      if (!context) return reply;
      return renderForm(
        reply,
        context,
        logFormFrom(undefined, objectiveIds(context), defaultNoteSharing(context.agreement.agreement.kind)),
        {},
      );
    },

    async submitNew(request: DeliveryRequest, reply: FastifyReply) {
      const context = await deliveryAgreement(services, request, reply, { manage: true });
      if (!context) return reply;
      const values = logFormValues(bodyOf(request), objectiveIds(context));
      const parsed = parseLog(values);
      if (!parsed.ok)
        return renderForm(reply.code(400), context, values, { errors: everyProblem(context, values, parsed.problems) });
      const outcome = await services.delivery.logDelivery(actorOf(request), context, parsed.data);
      if (!outcome.ok)
        return renderForm(reply.code(400), context, values, { errors: problemsToErrors(outcome.problems) });
      setFlash(reply, `Delivery on ${formatLongDate(parsed.data.date)} logged`, { at: 'delivery' });
      return reply.redirect(`${backToAgreement(context)}#delivery`, 303);
    },

    async showChange(request: DeliveryRequest, reply: FastifyReply) {
      const context = await deliveryAgreement(services, request, reply, { manage: true });
      const log = context && (await changeableLog(request, reply, context));
      if (!context || !log) return reply;
      return renderForm(reply, context, logFormFrom(log, objectiveIds(context), log.sharedWith), { logId: log.id });
    },

    async submitChange(request: DeliveryRequest, reply: FastifyReply) {
      const context = await deliveryAgreement(services, request, reply, { manage: true });
      const log = context && (await changeableLog(request, reply, context));
      if (!context || !log) return reply;
      const values = logFormValues(bodyOf(request), objectiveIds(context));
      const parsed = parseLog(values);
      if (!parsed.ok)
        return renderForm(reply.code(400), context, values, {
          logId: log.id,
          errors: everyProblem(context, values, parsed.problems),
        });
      const outcome = await services.delivery.changeLog(actorOf(request), context, log, parsed.data);
      if (!outcome.ok)
        return renderForm(reply.code(400), context, values, {
          logId: log.id,
          errors: problemsToErrors(outcome.problems),
        });
      setFlash(reply, `Delivery on ${formatLongDate(parsed.data.date)} changed`, { at: 'delivery' });
      return reply.redirect(`${backToAgreement(context)}#delivery`, 303);
    },

    /** The form again after its CSRF token expired (or too many tries): nothing saved, the answers kept. */
    async formAgain(untyped: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      // The error handler passes the request untyped; this route's parameters are a DeliveryRequest's.
      const request = untyped as DeliveryRequest;
      const context = await deliveryAgreement(services, request, reply, { manage: true, expired: problem });
      // Changing a log: only one this person may change, so the page offers nothing more than the form did.
      const log =
        context && request.params.logId !== undefined
          ? await changeableLog(request, reply, context, problem)
          : undefined;
      if (!context || (request.params.logId !== undefined && !log)) return reply;
      return renderForm(
        reply.code(formProblemStatus(problem)),
        context,
        logFormValues(bodyOf(request), objectiveIds(context)),
        {
          logId: log?.id,
          errors: { summary: [{ text: EXPIRED_FORM, href: '#date-day' }], fields: {} },
        },
      );
    },

    async remove(request: DeliveryRequest, reply: FastifyReply) {
      const context = await deliveryAgreement(services, request, reply, { manage: true });
      const log = context && (await changeableLog(request, reply, context));
      if (!context || !log) return reply;
      await services.delivery.deleteLog(actorOf(request), context, log);
      setFlash(reply, `Delivery on ${formatLongDate(log.date)} deleted`, { at: 'delivery' });
      return reply.redirect(`${backToAgreement(context)}#delivery`, 303);
    },
  };
}

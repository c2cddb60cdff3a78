import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VisitRouteServices } from './visits.requests.ts';
import type { PlannedVisit } from './visits.service.ts';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import { dateInputItems, type DatePart } from '../../platform/date-input.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { agreementHeading } from '../agreements/agreement-page.ts';
import { agreementReference } from '../agreements/agreements.labels.ts';
import { EXPIRED_FORM } from '../agreements/agreements.requests.ts';
import { actorOf, bodyOf, formProblemStatus, parseId } from '../../platform/http/requests.ts';
import { notFound } from '../../platform/http/replies.ts';
import { LENGTH_LABELS, pairingLabel } from './visits.labels.ts';
import { LEADER, parsePlannedVisit, plannedVisitFormValues, type PlannedVisitFormValues } from './visits.schema.ts';
import {
  attendeeItems,
  backToAgreement,
  deliveryAgreement,
  type DeliveryRequest,
  type Ready,
} from './visits.requests.ts';
import { VISIT_LENGTHS } from './visits.model.ts';
import { visitsCalendar } from './visits.ics.ts';

const DATE_PARTS: DatePart[] = ['day', 'month', 'year'];

/** Planning the visits agreed on a signed agreement, and the calendar files of them. */
export function plannedVisitHandlers(services: VisitRouteServices) {
  function renderForm(reply: FastifyReply, context: Ready, values: PlannedVisitFormValues, errors?: FormErrors) {
    const { startDate, endDate } = context.signed.terms;
    return reply.render('visits/views/planned-visit.njk', {
      heading: agreementHeading(context.agreement),
      backHref: backToAgreement(context),
      values,
      errors,
      period: `${formatLongDate(startDate)} and ${formatLongDate(endDate)}`,
      dateItems: dateInputItems(values.date, errors?.fields.date ? DATE_PARTS : []),
      lengthItems: VISIT_LENGTHS.map((length) => ({
        value: length,
        text: LENGTH_LABELS[length],
        checked: values.length === length,
      })),
      attendeeItems: attendeeItems(context, values.attendee, pairingLabel),
    });
  }

  /** The supported school's name and where it is, for the place of a visit unless changed. */
  function defaultPlace(context: Ready): string {
    const school = context.agreement.supportedSchool;
    return [school.name, school.town, school.postcode].filter(Boolean).join(', ');
  }

  async function calendarReply(reply: FastifyReply, context: Ready, visits: PlannedVisit[], filename: string) {
    const alliance = await services.agreements.alliance();
    return reply
      .type('text/calendar; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .send(visitsCalendar(context, visits, alliance));
  }

  return {
    async showNew(request: DeliveryRequest, reply: FastifyReply) {
      const context = await deliveryAgreement(services, request, reply, { manage: true });
      if (!context) return reply;
      return renderForm(reply, context, {
        date: { day: '', month: '', year: '' },
        startTime: '',
        length: '',
        place: defaultPlace(context),
        attendee: LEADER,
      });
    },

    async submitNew(request: DeliveryRequest, reply: FastifyReply) {
      const context = await deliveryAgreement(services, request, reply, { manage: true });
      if (!context) return reply;
      const values = plannedVisitFormValues(bodyOf(request));
      const parsed = parsePlannedVisit(values);
      if (!parsed.ok)
        return renderForm(
          reply.code(400),
          context,
          values,
          toFormErrors(parsed.problems, { date: 'date-day', attendee: 'attendee', length: 'length' }),
        );
      const outcome = await services.delivery.planVisit(actorOf(request), context, parsed.data);
      if (!outcome.ok)
        return renderForm(reply.code(400), context, values, toFormErrors(outcome.problems, { date: 'date-day' }));
      setFlash(reply, `Visit planned for ${formatLongDate(parsed.data.date)}`, { at: 'visits' });
      return reply.redirect(`${backToAgreement(context)}#visits`, 303);
    },

    async newAgain(untyped: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      // The error handler passes the request untyped; this route's parameters are a DeliveryRequest's.
      const request = untyped as DeliveryRequest;
      const context = await deliveryAgreement(services, request, reply, { manage: true, expired: problem });
      if (!context) return reply;
      return renderForm(reply.code(formProblemStatus(problem)), context, plannedVisitFormValues(bodyOf(request)), {
        summary: [{ text: EXPIRED_FORM, href: '#date-day' }],
        fields: {},
      });
    },

    /** Removing a visit is asked for first, as withdrawing an agreement is: it cannot be undone. */
    async confirmRemove(request: DeliveryRequest, reply: FastifyReply) {
      const context = await deliveryAgreement(services, request, reply, { manage: true });
      if (!context) return reply;
      const visitId = parseId(request.params.visitId);
      const visit = visitId === undefined ? undefined : await services.delivery.plannedVisit(context, visitId);
      if (!visit) return notFound(reply);
      return reply.render('visits/views/remove-visit.njk', {
        heading: agreementHeading(context.agreement),
        backHref: `${backToAgreement(context)}#visits`,
        action: `${backToAgreement(context)}/visits/${visit.id}/remove`,
        date: formatLongDate(visit.date),
        place: visit.place,
      });
    },

    async remove(request: DeliveryRequest, reply: FastifyReply) {
      const context = await deliveryAgreement(services, request, reply, { manage: true });
      if (!context) return reply;
      const visitId = parseId(request.params.visitId);
      if (visitId === undefined || !(await services.delivery.removeVisit(actorOf(request), context, visitId)))
        return notFound(reply);
      setFlash(reply, 'Planned visit removed', { at: 'visits' });
      return reply.redirect(`${backToAgreement(context)}#visits`, 303);
    },

    /** Every planned visit of the agreement in one file: for anyone who may see the agreement. */
    async agreementCalendar(request: DeliveryRequest, reply: FastifyReply) {
      const context = await deliveryAgreement(services, request, reply, { manage: false });
      if (!context) return reply;
      const visits = await services.delivery.plannedVisits(context);
      return calendarReply(reply, context, visits, `${agreementReference(context.agreement.agreement.id)}-visits.ics`);
    },

    async visitCalendar(request: DeliveryRequest, reply: FastifyReply) {
      const context = await deliveryAgreement(services, request, reply, { manage: false });
      if (!context) return reply;
      const visitId = parseId(request.params.visitId);
      const visit = visitId === undefined ? undefined : await services.delivery.plannedVisit(context, visitId);
      if (!visit) return notFound(reply);
      return calendarReply(
        reply,
        context,
        [visit],
        `${agreementReference(context.agreement.agreement.id)}-visit-${visit.date}.ics`,
      );
    },
  };
}

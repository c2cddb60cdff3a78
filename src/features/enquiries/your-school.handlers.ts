import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import { formatLondonDateTime, londonDate } from '../../platform/calendar/london-time.ts';
import type { EnquiryDeskService } from './desk.service.ts';
import type { AgreementsOfEnquiry } from './desk.types.ts';
import { normaliseEnquiryReference } from './enquiry-reference.ts';
import { STATUS_LABELS_FOR_SCHOOLS, STATUS_TAG_CLASSES, type EnquiryStatus } from './enquiry-status.ts';
import { SUPPORT_TYPE_LABELS, TIMESCALES } from './enquiries.schema.ts';
import { shortDate, SUPPORT_TYPE_SHORT_LABELS } from './desk.pages.ts';
import { actorOf } from '../../platform/http/requests.ts';
import { notFound } from '../../platform/http/replies.ts';

const schoolTag = (status: EnquiryStatus) => ({
  text: STATUS_LABELS_FOR_SCHOOLS[status],
  classes: STATUS_TAG_CLASSES[status],
});

/**
 * What a school contact sees: their own school's enquiries and where each stands. Built from
 * SchoolEnquiryView, which holds no internal notes and no audit trail, so neither can reach the page.
 */
export function yourSchoolHandlers(services: { desk: EnquiryDeskService; agreements: AgreementsOfEnquiry }) {
  return {
    async list(request: FastifyRequest, reply: FastifyReply) {
      const { school, enquiries } = await services.desk.schoolEnquiries(actorOf(request));
      return reply.render('enquiries/views/your-school-list.njk', {
        school,
        rows: enquiries.map((enquiry) => ({
          reference: enquiry.reference,
          href: `/staff/your-school/enquiries/${enquiry.reference}`,
          kind: SUPPORT_TYPE_SHORT_LABELS[enquiry.supportType],
          receivedOn: shortDate(londonDate(enquiry.receivedAt)),
          status: schoolTag(enquiry.status),
          changedOn: shortDate(londonDate(enquiry.statusChangedAt ?? enquiry.receivedAt)),
        })),
      });
    },

    async show(request: FastifyRequest<{ Params: { reference: string } }>, reply: FastifyReply) {
      const reference =
        request.params.reference.length <= 20 ? normaliseEnquiryReference(request.params.reference) : undefined;
      const view = reference ? await services.desk.schoolEnquiry(actorOf(request), reference) : undefined;
      if (!view) return notFound(reply);
      return reply.render('enquiries/views/your-school-enquiry.njk', {
        view,
        agreements: await services.agreements.forEnquiry(actorOf(request), view.reference),
        status: schoolTag(view.status),
        supportType: SUPPORT_TYPE_LABELS[view.supportType],
        timescale: TIMESCALES[view.timescale as keyof typeof TIMESCALES] ?? view.timescale,
        receivedAt: formatLondonDateTime(view.receivedAt),
        respondBy: formatLongDate(view.respondBy),
        firstContactAt: view.firstContactAt ? formatLondonDateTime(view.firstContactAt) : undefined,
        history: view.history
          .map((change) => ({ when: formatLondonDateTime(change.at), status: STATUS_LABELS_FOR_SCHOOLS[change.to] }))
          .reverse(),
      });
    },
  };
}

import type { FastifyReply } from 'fastify';
import { academicYearOf } from '../../platform/calendar/academic-year.ts';
import { notFound } from '../../platform/http/replies.ts';
import { actorOf } from '../../platform/http/requests.ts';
import { agreementPageContext } from '../agreements/agreement-page.ts';
import { agreementIdOf, type AgreementRequest } from '../agreements/agreements.requests.ts';
import type { Agreement, AgreementService } from '../agreements/agreements.service.ts';
import { feedbackSection } from '../feedback/agreement-section.ts';
import type { FeedbackService } from '../feedback/feedback.service.ts';
import type { ReleaseService } from '../release/release.service.ts';
import { reviewsSection } from '../reviews/agreement-section.ts';
import type { ReviewService } from '../reviews/reviews.service.ts';
import { deliverySection } from '../visits/delivery-section.ts';
import type { DeliveryService } from '../visits/visits.service.ts';

export type AgreementPageServices = {
  agreements: AgreementService;
  delivery: DeliveryService;
  reviews: ReviewService;
  feedback: FeedbackService;
  release: ReleaseService;
};

/** An SLE deployment's link to its leader's release ledger for the year it starts in. */
function ledgerHref(agreement: Agreement): string | undefined {
  const terms = agreement.version.terms;
  if (agreement.agreement.kind !== 'sle-deployment' || !terms) return undefined;
  return `/staff/release-ledger/${agreement.leader.id}?year=${academicYearOf(terms.startDate).name}`;
}

/**
 * An agreement's page: the agreement itself (agreements), then what the capabilities built on it add:
 * the leader's release that year (release), visits and delivery (visits), reviews (reviews) and the
 * supported school's feedback (feedback). Each section is given what this person may see of it.
 */
export function agreementPageHandlers(services: AgreementPageServices) {
  return {
    async show(request: AgreementRequest, reply: FastifyReply) {
      const user = actorOf(request);
      const id = agreementIdOf(request);
      const agreement = id === undefined ? undefined : await services.agreements.find(user, id);
      if (!agreement) return notFound(reply);
      // One after another: PGlite serves one query at a time.
      const page = await agreementPageContext(services.agreements, user, agreement);
      const releaseWarning = await services.release.warningFor(user, agreement);
      const delivery = await deliverySection(services.delivery, user, agreement);
      const signed = await services.reviews.signedAgreement(user, agreement.agreement.id, agreement);
      const reviews = signed && (await reviewsSection(services, user, signed));
      const feedback = signed && (await feedbackSection(services.feedback, user, signed.agreement, signed));
      return reply.render('agreement-page/views/agreement.njk', {
        ...page,
        releaseWarning,
        ledgerHref: ledgerHref(agreement),
        delivery,
        reviewsSection: reviews,
        feedback,
      });
    },
  };
}

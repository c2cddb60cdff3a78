import type { CurrentUser } from '../../platform/access.ts';
import { formatLongDate, type CalendarDate } from '../../platform/calendar/calendar-date.ts';
import { formatLondonDateTime, londonDate } from '../../platform/calendar/london-time.ts';
import type { Agreement } from '../agreements/agreements.service.ts';
import { QUALITY_LABELS } from './feedback.schema.ts';
import type { FeedbackService } from './feedback.service.ts';

/**
 * The agreement page's feedback part (`feedback/views/_agreement-section.njk`): the supported school's
 * answer, or where asking for it stands. Undefined for anyone who may not read the feedback
 * (FeedbackService.forAgreement decides).
 */
export async function feedbackSection(
  feedback: FeedbackService,
  user: CurrentUser,
  agreement: Agreement,
  signed: { endDate: CalendarDate | null },
) {
  const found = await feedback.forAgreement(user, agreement);
  if (!found) return undefined;
  const { response, request } = found;
  const ended = signed.endDate !== null && signed.endDate <= feedback.today();
  return {
    endDate: signed.endDate ? formatLongDate(signed.endDate) : undefined,
    answer: response && {
      quality: `${response.quality}: ${QUALITY_LABELS[response.quality]}`,
      recommend: response.wouldRecommend ? 'Yes' : 'No',
      comments: response.comments,
      answered: `${formatLondonDateTime(response.answeredAt)}, ${response.answeredVia === 'signed-in' ? 'signed in' : 'from the emailed link'}`,
    },
    request: request && {
      recipients: request.recipients,
      noOneToAsk: request.recipients.length === 0,
      lastRequested: formatLongDate(londonDate(request.lastRequestedAt)),
      expires: request.linkExpiresAt ? formatLongDate(londonDate(request.linkExpiresAt)) : undefined,
      timesRequested: request.timesRequested,
    },
    canAnswer: found.mayAnswer && request !== undefined && !response,
    answerHref: `/staff/agreements/${agreement.agreement.id}/feedback`,
    canRequest: found.mayRequest && ended && !response,
    requestAction: `/staff/agreements/${agreement.agreement.id}/feedback/request`,
  };
}

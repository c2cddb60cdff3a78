import type { CurrentUser } from '../../platform/access.ts';
import type { CalendarDate } from '../../platform/calendar/calendar-date.ts';
import type { DesignationType } from './leaders.model.ts';

/** One of a leader's designation reviews as their staff page lists it, open or closed. */
export type LeaderReviewLine = {
  href: string;
  designationType: DesignationType;
  reason: string;
  openedOn: CalendarDate;
  dueOn: CalendarDate;
  /** The outcome's name once the review has closed; undefined while it is open. */
  outcome: string | undefined;
  closedOn: CalendarDate | null;
};

/**
 * A leader's designation reviews, newest first, for the person asking (none for someone who may not
 * see them). Reviews belong to the designation feature, which depends on leaders and not the other way
 * round, so the leader's page is given this where the app is composed (src/routes.ts).
 */
export type LeaderReviews = (user: CurrentUser, leaderId: number) => Promise<LeaderReviewLine[]>;

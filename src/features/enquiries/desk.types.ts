/** What the coordinators' desk hands to its pages. */
import type { CurrentUser, Role } from '../../platform/access.ts';
import type { CalendarDate } from '../../platform/calendar/calendar-date.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import type { School } from '../schools/schools.service.ts';
import type { EnquiryRow } from './enquiries.repository.ts';
import type { EnquiryStatus } from './enquiry-status.ts';
import type { QueueRow } from './desk.repository.ts';
import type { ClockState } from './enquiry-clock.ts';

/** Someone who works the desk: a coordinator or an administrator, not deactivated. */
export type DeskStaffMember = {
  id: number;
  name: string;
  email: string;
  roles: Role[];
  isCoordinator: boolean;
  canSignIn: boolean;
};
export const DESK_ROLES: readonly Role[] = ['administrator', 'coordinator'];

export type QueueItem = QueueRow & { clock: ClockState };
export type QueuePage = { items: QueueItem[]; total: number; page: number; pageCount: number; today: CalendarDate };
export type Outcome = { ok: true } | { ok: false; problems: FieldProblem[] };

export type StatusChange = {
  at: Date;
  actorName: string | null;
  from: EnquiryStatus | null;
  to: EnquiryStatus;
  note: string | null;
};

/** Everything about an enquiry that the alliance's staff see. */
export type EnquiryFile = {
  enquiry: EnquiryRow;
  school: School;
  specialismNames: string[];
  requestedLeader: { name: string; homeSchoolName: string } | undefined;
  coordinatorName: string | undefined;
  firstContactByName: string | undefined;
  clock: ClockState;
  /** Set when the reply-by date is after the last known bank holiday, so may not allow for one. */
  respondByBeyondBankHolidays: { knownUntil: CalendarDate | undefined } | undefined;
  history: StatusChange[];
  notes: Array<{ at: Date; authorName: string; body: string }>;
};

/**
 * What a school contact sees of their school's enquiry: what the school sent and where it stands.
 * Its own type, with no notes in it, so a page for schools cannot show an internal note by mistake.
 */
export type SchoolEnquiryView = {
  reference: string;
  school: School;
  contact: { name: string; role: string; email: string; phone: string };
  supportType: EnquiryRow['supportType'];
  specialismNames: string[];
  need: string;
  timescale: string;
  receivedAt: Date;
  respondBy: CalendarDate;
  status: EnquiryStatus;
  firstContactAt: Date | null;
  coordinatorName: string | undefined;
  history: Array<{ at: Date; to: EnquiryStatus }>;
};

/**
 * The agreements made in answer to an enquiry that a person may open. Agreements are built on
 * enquiries, so the school's page is handed this rather than reaching up to them.
 */
export type AgreementsOfEnquiry = {
  forEnquiry(user: CurrentUser, reference: string): Promise<Array<{ reference: string; href: string; status: string }>>;
};

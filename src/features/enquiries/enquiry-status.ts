/**
 * The life of an enquiry, in one place: its statuses and the moves between them. Pure, so the rules
 * are tested on their own; `moveEnquiry` (enquiry-lifecycle.service.ts) enforces them on every change.
 *
 *   new ──(first contact recorded)──> contacted ──> matching ──> proposed ──> agreed
 *                                                       ^            │
 *                                                       └────────────┤ (the proposal fell through)
 *                                                                    └──> declined by school
 *   any open status ──> withdrawn | closed as no match
 *   any closed status ──(reopened, with a reason)──> matching
 *
 * Closed statuses are final except for that reopening, which any coordinator or administrator may do
 * because schools do come back ("we withdrew, but now we are ready"); the reason is required so the
 * history says why a closed enquiry came back to life.
 */
export const ENQUIRY_STATUSES = [
  'new',
  'contacted',
  'matching',
  'proposed',
  'agreed',
  'declined-by-school',
  'withdrawn',
  'closed-no-match',
] as const;
export type EnquiryStatus = (typeof ENQUIRY_STATUSES)[number];

/** Statuses in which the alliance still has work to do. */
export const OPEN_STATUSES: readonly EnquiryStatus[] = ['new', 'contacted', 'matching', 'proposed'];
export const CLOSED_STATUSES: readonly EnquiryStatus[] = [
  'agreed',
  'declined-by-school',
  'withdrawn',
  'closed-no-match',
];

export function isOpen(status: EnquiryStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** What staff call each status. */
export const STATUS_LABELS: Record<EnquiryStatus, string> = {
  new: 'New',
  contacted: 'Contacted',
  matching: 'Matching',
  proposed: 'Proposed',
  agreed: 'Agreed',
  'declined-by-school': 'Declined by school',
  withdrawn: 'Withdrawn',
  'closed-no-match': 'Closed: no match',
};

/** What a school is told each status means, in its own terms. */
export const STATUS_LABELS_FOR_SCHOOLS: Record<EnquiryStatus, string> = {
  new: 'Received',
  contacted: 'We have been in touch',
  matching: 'Finding a leader',
  proposed: 'A leader has been proposed',
  agreed: 'Support agreed',
  'declined-by-school': 'Declined by your school',
  withdrawn: 'Withdrawn',
  'closed-no-match': 'Closed: no leader available',
};

/** GOV.UK tag colours, so a status reads the same on every page. */
export const STATUS_TAG_CLASSES: Record<EnquiryStatus, string> = {
  new: 'govuk-tag--blue',
  contacted: 'govuk-tag--light-blue',
  matching: 'govuk-tag--purple',
  proposed: 'govuk-tag--turquoise',
  agreed: 'govuk-tag--green',
  'declined-by-school': 'govuk-tag--grey',
  withdrawn: 'govuk-tag--grey',
  'closed-no-match': 'govuk-tag--grey',
};

const MOVES: Record<EnquiryStatus, readonly EnquiryStatus[]> = {
  new: ['contacted', 'withdrawn', 'closed-no-match'],
  contacted: ['matching', 'withdrawn', 'closed-no-match'],
  matching: ['proposed', 'withdrawn', 'closed-no-match'],
  proposed: ['agreed', 'matching', 'declined-by-school', 'withdrawn', 'closed-no-match'],
  agreed: ['matching'],
  'declined-by-school': ['matching'],
  withdrawn: ['matching'],
  'closed-no-match': ['matching'],
};

/**
 * Moves made on the desk's "change status" page. `proposed` and `agreed` are left to the
 * capabilities that record a proposal or an agreement (they call moveEnquiry in the same transaction),
 * and `contacted` to recording the first contact, so no status claims something that was not recorded.
 */
const DESK_MOVES: readonly EnquiryStatus[] = ['matching', 'declined-by-school', 'withdrawn', 'closed-no-match'];

/** How a move is being made: most through moveEnquiry, and `contacted` only by recording the first contact. */
export type MoveTrigger = 'move' | 'first-contact';

/** A refusal names what is wrong: the move itself, or the reason given for it. */
export type MoveCheck = { ok: true; reopening: boolean } | { ok: false; message: string; about?: 'reason' };

export const REASON_MAX_LENGTH = 2000;

/** Whether `from` may become `to` this way, and if not, a message that says why and what to do instead. */
export function checkMove(
  from: EnquiryStatus,
  to: EnquiryStatus,
  options: { trigger?: MoveTrigger; reason?: string | null } = {},
): MoveCheck {
  const trigger = options.trigger ?? 'move';
  const name = (status: EnquiryStatus) => `‘${STATUS_LABELS[status].toLowerCase()}’`;
  if (from === to) return { ok: false, message: `The enquiry is already ${name(to)}` };
  if (to === 'contacted' && trigger !== 'first-contact')
    return { ok: false, message: 'Record the first contact with the school to mark the enquiry as contacted' };
  if (trigger === 'first-contact' && to !== 'contacted')
    return { ok: false, message: 'Recording the first contact can only mark an enquiry as contacted' };
  if (!MOVES[from].includes(to)) {
    return {
      ok: false,
      message: `The enquiry is ${name(from)}, so it cannot become ${name(to)}. It can become ${joinOr(MOVES[from].map(name))}`,
    };
  }
  const reopening = !isOpen(from);
  if (reopening && !options.reason?.trim())
    return { ok: false, message: `Give a reason for reopening this ${name(from)} enquiry`, about: 'reason' };
  if ((options.reason ?? '').length > REASON_MAX_LENGTH)
    return {
      ok: false,
      message: `The reason must be ${REASON_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`,
      about: 'reason',
    };
  return { ok: true, reopening };
}

/** Every status `from` may become (by any trigger): for other capabilities and the tests. */
export function nextStatuses(from: EnquiryStatus): readonly EnquiryStatus[] {
  return MOVES[from];
}

/** The moves the desk's status page offers from `from`, in the order it shows them. */
export function deskMoves(from: EnquiryStatus): EnquiryStatus[] {
  return MOVES[from].filter((to) => DESK_MOVES.includes(to));
}

/** Whether the desk's status page may make this move (the rest come from other records). */
export function isDeskMove(to: EnquiryStatus): boolean {
  return DESK_MOVES.includes(to);
}

function joinOr(items: string[]): string {
  return items.length <= 1
    ? (items[0] ?? 'nothing else')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import { formatLondonDateTime } from '../../platform/calendar/london-time.ts';
import { describeSchool } from '../schools/schools.service.ts';
import { PHASE_LABELS } from '../leaders/leaders.schema.ts';
import { REQUEST_NAMES, STAGE_NAMES, type ApplicationStage } from './application-stage.ts';
import type { ApplicantRole, RequestKind } from './applications.model.ts';
import { TYPE_NAMES } from './designation.model.ts';
import { APPEAL_OUTCOME_NAMES, OUTCOME_NAMES } from './decision-names.ts';

export { APPEAL_OUTCOME_NAMES, OUTCOME_NAMES };
import type { ApplicationDetail, ApplicationSummary, RequestRow } from './staff-applications.service.ts';

/** How the staff pages and the panel's pages write the words the tables keep. */
export const ROLE_NAMES: Record<ApplicantRole, string> = {
  'middle-leader': 'Middle leader',
  'senior-leader': 'Senior leader',
  'deputy-headteacher': 'Deputy headteacher',
  headteacher: 'Headteacher',
  'acting-headteacher': 'Acting headteacher',
  'executive-headteacher': 'Executive headteacher',
  hlta: 'Higher level teaching assistant',
};

const STAGE_TAG_CLASSES: Record<ApplicationStage, string> = {
  started: 'govuk-tag--grey',
  'references-due': 'govuk-tag--yellow',
  'consent-due': 'govuk-tag--yellow',
  'ready-for-panel': 'govuk-tag--blue',
  'at-panel': 'govuk-tag--purple',
  decided: 'govuk-tag--green',
  appealed: 'govuk-tag--orange',
  withdrawn: 'govuk-tag--grey',
};

export const stageTag = (stage: ApplicationStage) => ({ text: STAGE_NAMES[stage], classes: STAGE_TAG_CLASSES[stage] });

const days = (count: number) => (count === 1 ? '1 day' : `${count} days`);

/** One row of Staff > Applications, as its table shows it. */
export function applicationRow(row: ApplicationSummary) {
  return {
    href: `/staff/applications/${row.id}`,
    reference: row.reference ?? 'Not sent',
    applicantName: row.applicantName,
    type: TYPE_NAMES[row.designationType],
    school: row.school?.name ?? 'Not given',
    stage: stageTag(row.standing.stage),
    waiting: days(row.standing.daysWaiting),
    since: formatLongDate(row.standing.since),
    missing: row.standing.missing,
  };
}

/** A reference or a consent as the application's page and its panel read it. */
export function requestCard(request: RequestRow) {
  const answered = request.answeredAt !== null;
  const consent = request.kind === 'head-consent' || request.kind === 'chair-consent';
  const supports = request.supports === null ? undefined : request.supports;
  return {
    id: request.id,
    title: REQUEST_NAMES[request.kind as RequestKind],
    person: [request.name, request.jobTitle, request.organisation].filter(Boolean).join(', '),
    email: request.email,
    current: request.supersededAt === null,
    answered,
    status: answered
      ? `Answered ${formatLondonDateTime(request.answeredAt!)}`
      : request.supersededAt
        ? `Replaced ${formatLondonDateTime(request.supersededAt)}`
        : request.sentAt
          ? `Asked ${formatLondonDateTime(request.sentAt)}, not answered yet`
          : 'Not asked yet',
    verdict:
      supports === undefined
        ? undefined
        : consent
          ? supports
            ? 'The school agrees to release them'
            : 'The school does not agree to release them'
          : supports
            ? 'Supports the application'
            : 'Does not support the application',
    releaseDays: consent && request.releaseDays !== null ? days(request.releaseDays) + ' a year' : undefined,
    answerText: request.answerText ?? '',
  };
}

/** The applicant's answers as summary list rows: what they told the alliance, in the application's order. */
export function answerRows(detail: ApplicationDetail) {
  const { application } = detail;
  const yesNo = (value: boolean | null) => (value === null ? 'Not answered' : value ? 'Yes' : 'No');
  const years = (value: number | null) => (value === null ? 'Not answered' : value === 1 ? '1 year' : `${value} years`);
  const rows: Array<[string, string]> = [
    ['Reference', application.reference ?? 'Not sent yet'],
    ['Applicant', application.applicantName],
    ['Email', application.applicantEmail],
    ['Designation sought', TYPE_NAMES[application.designationType]],
    ['School', detail.school ? describeSchool(detail.school) : 'Not given'],
    ['Job title', application.jobTitle ?? 'Not answered'],
    ['Role', application.role ? ROLE_NAMES[application.role] : 'Not answered'],
    ['Years in the role', years(application.yearsInRole)],
    [
      application.designationType === 'sle' ? 'Years in a leadership role' : 'Years of headship',
      years(application.leadershipYears),
    ],
  ];
  if (application.designationType !== 'sle')
    rows.push(
      ['Years they expect to stay', years(application.yearsStaying)],
      ['Governing body or trust board supports it', yesNo(application.governorsSupport)],
      ['Senior staff can run the school meanwhile', yesNo(application.seniorStaffCover)],
      ['Coaching or mentoring beyond their school', yesNo(application.coachingBeyondSchool)],
    );
  rows.push(
    ['Phases', application.phases.map((phase) => PHASE_LABELS[phase]).join(', ') || 'None'],
    ['Specialisms', detail.specialisms.join(', ') || 'None'],
    ['Another alliance', application.otherAlliance || 'None'],
    ['Sent', application.sentAt ? formatLondonDateTime(application.sentAt) : 'Not sent yet'],
  );
  return rows.map(([key, value]) => ({ key: { text: key }, value: { text: value } }));
}

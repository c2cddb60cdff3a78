import { describeSchool } from '../schools/schools.service.ts';
import { countWords, leadsASchool, ROLE_NAMES } from './application-eligibility.ts';
import type { ApplyServices } from './apply-pages.ts';
import { PHASE_NAMES } from './apply-questions.ts';
import type { Application } from './applications.service.ts';
import type { RequestKind } from './applications.model.ts';
import { TYPE_NAMES } from './designation.model.ts';

type Row = {
  key: { text: string };
  value: { html: string };
  actions: { items: Array<{ href: string; text: string; visuallyHiddenText: string }> };
};

const NOT_ANSWERED = 'Not answered yet';
const yesNo = (value: boolean | null) => (value === null ? NOT_ANSWERED : value ? 'Yes' : 'No');
const years = (value: number | null) => (value === null ? NOT_ANSWERED : `${value} year${value === 1 ? '' : 's'}`);

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** A value's lines as the summary list shows them: escaped, each on its own line. */
const lines = (value: string) =>
  value
    .replace(/[&<>"']/g, (character) => ENTITIES[character]!)
    .split('\n')
    .join('<br>');

function row(key: string, value: string, href: string): Row {
  return {
    key: { text: key },
    value: { html: lines(value || NOT_ANSWERED) },
    actions: { items: [{ href: `${href}?change=yes`, text: 'Change', visuallyHiddenText: key.toLowerCase() }] },
  };
}

function person(application: Application, kind: RequestKind): string {
  const request = application.requests.find((each) => each.kind === kind);
  if (!request) return '';
  return [request.name, request.jobTitle, request.organisation, request.email].filter(Boolean).join('\n');
}

/** The check-your-answers page: each answer with its Change link, in sections, and what is still missing. */
export async function checkAnswersRows(services: ApplyServices, application: Application) {
  const [criteria, active, problems] = await Promise.all([
    services.designationRules.criteria(),
    services.specialisms.active(),
    services.applications.problems(application),
  ]);
  const school = application.schoolUrn === null ? undefined : await services.schools.find(application.schoolUrn);
  const round = application.roundId === null ? undefined : await services.rounds.find(application.roundId);
  const type = application.designationType;
  const head = leadsASchool(type);
  const specialisms = active.filter((each) => application.specialismIds.includes(each.id)).map((each) => each.name);

  const about = [
    row(
      'Designation',
      TYPE_NAMES[type] + (round ? ` (in the round closing ${round.closesOn ?? 'when filled'})` : ''),
      '/apply/designation',
    ),
    row('Name', application.applicantName, '/apply/your-details'),
    row('Email address', application.applicantEmail, '/apply/your-details'),
    row('School', school ? describeSchool(school) : '', '/apply/school'),
    row('Role', application.role ? ROLE_NAMES[application.role] : '', '/apply/role'),
    row('Job title', application.jobTitle ?? '', '/apply/role'),
    row('Years in this role', years(application.yearsInRole), '/apply/role'),
    row(head ? 'Years of headship' : 'Years in a leadership role', years(application.leadershipYears), '/apply/role'),
    ...(head
      ? [
          row('Years you expect to stay', years(application.yearsStaying), '/apply/headship'),
          row('Governing body or trust board supports it', yesNo(application.governorsSupport), '/apply/headship'),
          row(
            'Senior staff can run the school while you are away',
            yesNo(application.seniorStaffCover),
            '/apply/headship',
          ),
          row('Coaching or mentoring beyond your school', yesNo(application.coachingBeyondSchool), '/apply/headship'),
        ]
      : []),
    row(
      'Another alliance',
      application.otherAlliance === null
        ? ''
        : application.otherAlliance === ''
          ? 'None'
          : `${application.otherAlliance} (this alliance registers you)`,
      '/apply/other-alliance',
    ),
    row('Specialisms', specialisms.join('\n') || (type === 'sle' ? '' : 'None'), '/apply/specialisms'),
    row('Phases', application.phases.map((phase) => PHASE_NAMES[phase]).join('\n'), '/apply/specialisms'),
  ];
  const evidence = criteria[type].map((criterion) => {
    const written = application.evidence[criterion.id] ?? '';
    return row(
      criterion.title,
      written ? `${written}\n(${countWords(written)} words)` : '',
      `/apply/evidence/${criterion.id}`,
    );
  });
  const people = [
    row(
      head ? 'Reference: your chair of governors' : 'Reference: your headteacher',
      person(application, 'line-manager-reference'),
      '/apply/referees',
    ),
    row('Reference: a leader you have supported', person(application, 'supported-leader-reference'), '/apply/referees'),
    ...(head ? [] : [row('Release consent: your headteacher', person(application, 'head-consent'), '/apply/consent')]),
    row('Release consent: your chair of governors', person(application, 'chair-consent'), '/apply/consent'),
  ];
  return {
    application,
    typeName: TYPE_NAMES[type],
    sections: [
      { title: 'About you', rows: about },
      { title: 'Your evidence', rows: evidence },
      { title: 'Your referees and release consent', rows: people },
    ],
    missing: problems,
  };
}

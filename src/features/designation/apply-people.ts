import type { FieldProblem } from '../../platform/forms.ts';
import { leadsASchool } from './application-eligibility.ts';
import type { RequestPerson } from './application-requests.repository.ts';
import type { ApplyServices, Question } from './apply-pages.ts';
import { parsePerson, personValues, type PersonValues } from './apply.schema.ts';
import type { Application } from './applications.service.ts';
import type { RequestKind } from './applications.model.ts';

const EMPTY: PersonValues = { name: '', email: '', jobTitle: '', organisation: '' };

function named(application: Application, kind: RequestKind): PersonValues {
  const request = application.requests.find((each) => each.kind === kind);
  return request
    ? { name: request.name, email: request.email, jobTitle: request.jobTitle, organisation: request.organisation }
    : EMPTY;
}

/** Each person's answers, parsed; the problems of all of them together, in the order of the page. */
function parsePeople(
  entries: Array<{ kind: RequestKind; prefix: string; who: string; full: boolean; values: PersonValues }>,
): { problems: FieldProblem[]; people: Partial<Record<RequestKind, RequestPerson>> } {
  const problems: FieldProblem[] = [];
  const people: Partial<Record<RequestKind, RequestPerson>> = {};
  for (const entry of entries) {
    const parsed = parsePerson(entry.values, entry.prefix, entry.who, entry.full);
    if (parsed.ok) people[entry.kind] = parsed.value;
    else problems.push(...parsed.problems);
  }
  return { problems, people };
}

type RefereeValues = { lineManager: PersonValues; supportedLeader: PersonValues };

/** The two referees: the applicant's headteacher (an LLE's chair of governors), and a leader they have supported. */
export function refereesQuestion(services: ApplyServices): Question<RefereeValues> {
  return {
    page: () => 'referees',
    view: 'designation/views/apply/referees.njk',
    valuesOf: ({ application }) => ({
      lineManager: named(application, 'line-manager-reference'),
      supportedLeader: named(application, 'supported-leader-reference'),
    }),
    read: (body) => ({
      lineManager: personValues(body, 'lineManager'),
      supportedLeader: personValues(body, 'supportedLeader'),
    }),
    async submit({ application }, values) {
      const lineManagerWho = leadsASchool(application.designationType) ? 'your chair of governors' : 'your headteacher';
      const { problems, people } = parsePeople([
        {
          kind: 'line-manager-reference',
          prefix: 'lineManager',
          who: lineManagerWho,
          full: true,
          values: values.lineManager,
        },
        {
          kind: 'supported-leader-reference',
          prefix: 'supportedLeader',
          who: 'your second referee',
          full: true,
          values: values.supportedLeader,
        },
      ]);
      const emails = [values.lineManager.email, values.supportedLeader.email].map((email) => email.toLowerCase());
      if (problems.length === 0 && emails[0] === emails[1])
        problems.push({
          field: 'supportedLeaderEmail',
          message: 'Your two referees must be different people, with different email addresses',
        });
      if (problems.length === 0 && emails.includes(application.applicantEmail.toLowerCase()))
        problems.push({
          field: 'lineManagerEmail',
          message: 'A referee cannot be you: enter someone else’s email address',
        });
      if (problems.length > 0) return { problems };
      await services.applications.namePeople(application, people);
      return { saved: true };
    },
  };
}

type ConsentValues = { head: PersonValues; chair: PersonValues };

/** Who confirms the school can release them: the head (not for an LLE, who is the head) and the chair of governors. */
export function consentQuestion(services: ApplyServices): Question<ConsentValues> {
  return {
    page: () => 'consent',
    view: 'designation/views/apply/consent.njk',
    valuesOf: ({ application }) => ({
      head: named(application, 'head-consent'),
      chair: named(application, 'chair-consent'),
    }),
    read: (body) => ({ head: personValues(body, 'head'), chair: personValues(body, 'chair') }),
    extra: async ({ application }) => ({ asksHead: !leadsASchool(application.designationType) }),
    async submit({ application }, values) {
      const asksHead = !leadsASchool(application.designationType);
      const school = application.schoolUrn === null ? undefined : await services.schools.find(application.schoolUrn);
      const organisation = school?.name ?? '';
      const { problems, people } = parsePeople([
        ...(asksHead
          ? [
              {
                kind: 'head-consent' as const,
                prefix: 'head',
                who: 'your headteacher',
                full: false,
                values: values.head,
              },
            ]
          : []),
        { kind: 'chair-consent', prefix: 'chair', who: 'your chair of governors', full: false, values: values.chair },
      ]);
      if (problems.length > 0) return { problems };
      await services.applications.namePeople(application, {
        'head-consent': asksHead ? { ...people['head-consent']!, jobTitle: 'Headteacher', organisation } : null,
        'chair-consent': { ...people['chair-consent']!, jobTitle: 'Chair of governors', organisation },
      });
      return { saved: true };
    },
  };
}

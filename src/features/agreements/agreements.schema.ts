import { z } from 'zod';
import { parseAcademicYear } from '../../platform/calendar/academic-year.ts';
import { field, problemsFromZod, type FieldProblem } from '../../platform/forms.ts';
import { parseDaysToHalfDays } from '../../platform/units.ts';
import type { ObjectiveFields, PairingFields } from './agreement-content.repository.ts';
import { optionalText, requiredText, type Parsed } from './agreement-terms.schema.ts';
import {
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  PARTIES,
  type AgreementKind,
  type AgreementStatus,
  type Party,
} from './agreements.model.ts';

function parse<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, data: result.data } : { ok: false, problems: problemsFromZod(result.error) };
}

export type ObjectiveFormValues = { objective: string; baseline: string; successMeasure: string };

export function objectiveFormValues(body: Record<string, unknown>): ObjectiveFormValues {
  return {
    objective: field(body, 'objective'),
    baseline: field(body, 'baseline'),
    successMeasure: field(body, 'successMeasure'),
  };
}

const objectiveSchema = z.object({
  objective: requiredText('Enter the objective', 1000, 'The objective'),
  baseline: requiredText('Enter the baseline: where the school is now', 1000, 'The baseline'),
  successMeasure: requiredText('Enter how success will be measured', 1000, 'The success measure'),
});

export function parseObjective(values: ObjectiveFormValues): Parsed<ObjectiveFields> {
  return parse(objectiveSchema, values);
}

export type PairingFormValues = {
  leaderSchoolRole: string;
  leaderSchoolName: string;
  supportedSchoolRole: string;
  supportedSchoolName: string;
  specialismId: string;
  days: string;
};

export function pairingFormValues(body: Record<string, unknown>): PairingFormValues {
  const names = [
    'leaderSchoolRole',
    'leaderSchoolName',
    'supportedSchoolRole',
    'supportedSchoolName',
    'specialismId',
    'days',
  ] as const;
  return Object.fromEntries(names.map((name) => [name, field(body, name)])) as PairingFormValues;
}

const pairingSchema = z.object({
  leaderSchoolRole: requiredText(
    'Enter the role of the person from the LLE’s school, for example Deputy headteacher',
    120,
    'The role',
  ),
  leaderSchoolName: optionalText(120, 'The name'),
  supportedSchoolRole: requiredText(
    'Enter the role of the person from the supported school, for example Deputy headteacher',
    120,
    'The role',
  ),
  supportedSchoolName: optionalText(120, 'The name'),
  specialismId: z
    .string()
    .regex(/^\d{1,9}$/, 'Select the pairing’s specialism')
    .transform(Number),
  days: z
    .string()
    .min(1, 'Enter the days for this pairing')
    .transform((typed, context) => {
      const halfDays = parseDaysToHalfDays(typed);
      if (halfDays === undefined || halfDays === 0) {
        context.addIssue({
          code: 'custom',
          message: 'Enter the days for this pairing in whole or half days, like 3 or 3.5',
        });
        return z.NEVER;
      }
      return halfDays;
    }),
});

export function parsePairing(values: PairingFormValues): Parsed<PairingFields> {
  const parsed = parse(pairingSchema, values);
  if (!parsed.ok) return parsed;
  const { days, ...rest } = parsed.data;
  return { ok: true, data: { ...rest, halfDays: days } };
}

export type ReasonFormValues = { reason: string };

export function parseReason(body: Record<string, unknown>, missing: string): Parsed<string> {
  const parsed = requiredText(missing, 1000, 'The reason').safeParse(field(body, 'reason'));
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, problems: [{ field: 'reason', message: parsed.error.issues[0]!.message }] };
}

/** The signing form: the party, how the person signs, and that they agree. */
export type SigningFormValues = {
  party: string;
  capacity: string;
  headName: string;
  confirm: string;
  fingerprint: string;
};

export function signingFormValues(body: Record<string, unknown>): SigningFormValues {
  return {
    party: field(body, 'party'),
    capacity: field(body, 'capacity'),
    headName: field(body, 'headName'),
    confirm: field(body, 'confirm'),
    fingerprint: field(body, 'fingerprint').slice(0, 64),
  };
}

export type ParsedSigning = {
  party: Party;
  capacity: 'head' | 'delegate' | 'alliance';
  headName: string | null;
  fingerprint: string;
};

export function parseSigning(values: SigningFormValues): Parsed<ParsedSigning> {
  const problems: FieldProblem[] = [];
  const party = PARTIES.find((candidate) => candidate === values.party);
  if (!party) return { ok: false, problems: [{ field: 'party', message: 'Choose a party to sign for' }] };
  let capacity: ParsedSigning['capacity'] = 'alliance';
  let headName: string | null = null;
  if (party !== 'alliance') {
    const capacityAndHead = capacityFrom(values, problems);
    capacity = capacityAndHead.capacity ?? 'head';
    headName = capacityAndHead.headName;
  }
  if (values.confirm !== 'yes')
    problems.push({ field: 'confirm', message: 'Confirm that you have read the agreement and agree to it' });
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, data: { party, capacity, headName, fingerprint: values.fingerprint } };
}

function capacityFrom(
  values: { capacity: string; headName: string },
  problems: FieldProblem[],
): { capacity: 'head' | 'delegate' | undefined; headName: string | null } {
  if (values.capacity === 'head') return { capacity: 'head', headName: null };
  if (values.capacity !== 'delegate') {
    problems.push({
      field: 'capacity',
      message: 'Select whether you sign as the headteacher or as someone they named',
    });
    return { capacity: undefined, headName: null };
  }
  if (values.headName === '')
    problems.push({ field: 'headName', message: 'Enter the name of the headteacher who named you to sign' });
  else if (values.headName.length > 120)
    problems.push({ field: 'headName', message: 'The headteacher’s name must be 120 characters or fewer' });
  return { capacity: 'delegate', headName: values.headName };
}

export type WitnessFormValues = SigningFormValues & { signatoryName: string; signatoryRole: string };

export function witnessFormValues(body: Record<string, unknown>): WitnessFormValues {
  return {
    ...signingFormValues(body),
    signatoryName: field(body, 'signatoryName'),
    signatoryRole: field(body, 'signatoryRole'),
  };
}

export type ParsedWitness = {
  party: 'supported-school' | 'home-school';
  capacity: 'head' | 'delegate';
  headName: string | null;
  signatoryName: string;
  signatoryRole: string;
  fingerprint: string;
};

export function parseWitness(values: WitnessFormValues): Parsed<ParsedWitness> {
  const problems: FieldProblem[] = [];
  const party = values.party === 'supported-school' || values.party === 'home-school' ? values.party : undefined;
  if (!party) problems.push({ field: 'party', message: 'Select the school the person signed for' });
  const name = requiredText('Enter the name of the person who signed', 120, 'The name').safeParse(values.signatoryName);
  if (!name.success) problems.push({ field: 'signatoryName', message: name.error.issues[0]!.message });
  const role = requiredText(
    'Enter the role of the person who signed, for example Headteacher',
    120,
    'The role',
  ).safeParse(values.signatoryRole);
  if (!role.success) problems.push({ field: 'signatoryRole', message: role.error.issues[0]!.message });
  const { capacity, headName } = capacityFrom(values, problems);
  if (values.confirm !== 'yes')
    problems.push({ field: 'confirm', message: 'Confirm that the person signed this version in front of you' });
  if (problems.length > 0 || !party || !capacity || !name.success || !role.success) return { ok: false, problems };
  return {
    ok: true,
    data: {
      party,
      capacity,
      headName,
      signatoryName: name.data,
      signatoryRole: role.data,
      fingerprint: values.fingerprint,
    },
  };
}

/** The list's filters, from the URL: anything unreadable is ignored rather than an error. */
export type ListFilters = { kind?: AgreementKind; status?: AgreementStatus; year?: number; q: string; page: number };

export function parseListFilters(query: Record<string, unknown>): ListFilters {
  const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string).trim() : '');
  const page = Number(text('page'));
  return {
    kind: AGREEMENT_KINDS.find((kind) => kind === text('kind')),
    status: AGREEMENT_STATUSES.find((status) => status === text('status')),
    year: parseAcademicYear(text('year'))?.startYear,
    q: text('q').slice(0, 100),
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

import { z } from 'zod';
import { ROLES, type Role } from '../../platform/access.ts';
import { asArray, field, problemsFromZod, type FieldProblem } from '../../platform/forms.ts';

export const ROLE_LABELS: Record<Role, { name: string; description: string }> = {
  administrator: {
    name: 'Administrator',
    description: 'Manages the alliance’s settings, its staff’s accounts and the list of specialisms',
  },
  coordinator: { name: 'Coordinator', description: 'Answers enquiries and brokers support between schools' },
  'system-leader': { name: 'System leader', description: 'Sees and updates their own support work' },
  'school-contact': { name: 'School contact', description: 'Sees their school’s enquiries and support' },
  'panel-member': {
    name: 'Panel member',
    description: 'Sits on designation panels: reads applications and scores them against the criteria',
  },
};

const EMAIL_MAX = 254;

const email = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(EMAIL_MAX, `Email address must be ${EMAIL_MAX} characters or fewer`)
    .pipe(z.email('Enter an email address in the correct format, like name@example.com'));

export type Parsed<T> = { ok: true; data: T } | { ok: false; problems: FieldProblem[] };

function parse<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, data: result.data } : { ok: false, problems: problemsFromZod(result.error) };
}

/** Passwords are never trimmed: a space is as good a character as any other. */
const signInSchema = z.object({
  email: email('Enter your email address'),
  password: z.string().min(1, 'Enter your password').max(1024, 'Enter your password'),
});

export function parseSignIn(body: Record<string, unknown>): Parsed<z.output<typeof signInSchema>> {
  return parse(signInSchema, {
    email: field(body, 'email'),
    password: typeof body.password === 'string' ? body.password : '',
  });
}

const emailOnlySchema = z.object({ email: email('Enter your email address') });

export function parseEmailOnly(body: Record<string, unknown>): Parsed<z.output<typeof emailOnlySchema>> {
  return parse(emailOnlySchema, { email: field(body, 'email') });
}

/** The two password boxes, as typed (the policy itself is checked against the account, in the service). */
export function passwordsFrom(body: Record<string, unknown>): { password: string; confirmPassword: string } {
  const raw = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  return { password: raw('password'), confirmPassword: raw('confirmPassword') };
}

const urn = z
  .string()
  .trim()
  .transform((value, context) => {
    if (value === '') return null;
    if (!/^\d{5,7}$/.test(value)) {
      context.addIssue({ code: 'custom', message: 'Enter the school’s URN, a number of 5 to 7 digits' });
      return z.NEVER;
    }
    return Number(value);
  });

const roles = z.array(z.enum(ROLES, { error: 'Select roles from the list' })).min(1, 'Select at least one role');

const inviteSchema = z.object({
  name: z.string().trim().min(1, 'Enter the person’s full name').max(120, 'Full name must be 120 characters or fewer'),
  email: email('Enter the person’s email address'),
  jobTitle: z
    .string()
    .trim()
    .min(1, 'Enter the person’s job title')
    .max(120, 'Job title must be 120 characters or fewer'),
  roles,
  schoolUrn: urn,
});

/** What the invite form holds, kept as typed so the form can be shown again. */
export type InviteFormValues = { name: string; email: string; jobTitle: string; roles: string[]; schoolUrn: string };

export function inviteFormValues(body: Record<string, unknown>): InviteFormValues {
  return {
    name: field(body, 'name'),
    email: field(body, 'email'),
    jobTitle: field(body, 'jobTitle'),
    roles: asArray(body.roles),
    schoolUrn: field(body, 'schoolUrn'),
  };
}

export function parseInvite(values: InviteFormValues): Parsed<z.output<typeof inviteSchema>> {
  return parse(inviteSchema, values);
}

const rolesSchema = z.object({ roles, schoolUrn: urn });

export type RolesFormValues = { roles: string[]; schoolUrn: string };

export function rolesFormValues(body: Record<string, unknown>): RolesFormValues {
  return { roles: asArray(body.roles), schoolUrn: field(body, 'schoolUrn') };
}

export function parseRoles(values: RolesFormValues): Parsed<z.output<typeof rolesSchema>> {
  return parse(rolesSchema, values);
}

/** A record's id from the URL: anything else is "not found", not an error. */
export { parseId } from '../../platform/ids.ts';

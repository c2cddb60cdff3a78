import type { LightMyRequestResponse } from 'fastify';
import { hashPassword } from '../../src/features/accounts/passwords.ts';
import type { CurrentUser, Role } from '../../src/platform/access.ts';
import { SESSION_COOKIE } from '../../src/platform/identity/session-cookie.ts';
import { cookiesFrom, openForm, submitForm, type TestApp } from './test-app.ts';

/** A good password for tests: long, not common, and free of any test email's local part. */
export const GOOD_PASSWORD = 'correct horse battery staple';

/**
 * A member of staff made by person(): their account (`id`, `email`, `name`, `password`), the
 * service's view of them when signed in (`user`), and a browser's cookies for a live session.
 */
export type Person = {
  id: number;
  email: string;
  name: string;
  password: string;
  user: CurrentUser;
  cookies: Record<string, string>;
};

export type PersonDetails = {
  roles: Role[];
  name?: string;
  email?: string;
  jobTitle?: string;
  /** A school contact's school. */
  schoolUrn?: number | null;
  /** A system leader's record (otherwise linked by email address, as the service links one). */
  leaderId?: number | null;
  /** GOOD_PASSWORD unless given; null for someone invited who has not set one. */
  password?: string | null;
  /** False: no session, for a test that signs in through the form itself. */
  signedIn?: boolean;
};

let counter = 0;

/**
 * The one way tests make a member of staff: the account with its roles through the users service (as
 * `npm run user:create` and the demo seed make one), then a real session for its cookies.
 */
export async function person(t: TestApp, details: PersonDetails): Promise<Person> {
  counter++;
  const roles = details.roles;
  const email = details.email ?? `staff-${counter}-${roles.join('-') || 'none'}@alliance.example`;
  const name = details.name ?? `Test ${roles.join(' ') || 'nobody'} ${counter}`;
  const jobTitle = details.jobTitle ?? 'Headteacher';
  const password = details.password === undefined ? GOOD_PASSWORD : details.password;
  const passwordHash = password === null ? null : await hashPassword(password);
  const alliance = await t.app.services.alliances.current();
  const created = await t.database.db.transaction((tx) =>
    t.app.services.users.ensureUser(tx, alliance, {
      email,
      name,
      jobTitle,
      roles,
      schoolUrn: details.schoolUrn ?? null,
      leaderId: details.leaderId ?? null,
      passwordHash,
    }),
  );
  const account = (await t.app.services.users.find(created.id))!;
  const user: CurrentUser = {
    id: created.id,
    email,
    name,
    jobTitle,
    roles,
    schoolUrn: account.schoolUrn,
    leaderId: account.leaderId,
    sessionId: 0,
  };
  const cookies = details.signedIn === false ? {} : await sessionCookiesFor(t, user);
  return { id: created.id, email, name, password: password ?? '', user, cookies };
}

/** The cookies of a real session for the user: a row made by the session service, in a signed cookie as the app sets it. */
export async function sessionCookiesFor(t: TestApp, user: { id: number }): Promise<Record<string, string>> {
  const token = await t.app.services.sessions.start(
    t.database.db,
    user.id,
    (await t.app.services.alliances.current()).id,
  );
  return { [SESSION_COOKIE]: t.app.signCookie(token) };
}

/** Signs in through the real form, as a browser does; the cookies include the new session when it worked. */
export async function signInThroughForm(
  t: TestApp,
  email: string,
  password: string,
  options: { cookies?: Record<string, string>; headers?: Record<string, string>; returnTo?: string } = {},
): Promise<{ response: LightMyRequestResponse; cookies: Record<string, string> }> {
  const form = await openForm(t.app, '/sign-in', options.cookies ?? {});
  const fields: Record<string, string> = { email, password };
  if (options.returnTo) fields.returnTo = options.returnTo;
  const response = await submitForm(t.app, '/sign-in', fields, form, options.headers);
  return { response, cookies: { ...form.cookies, ...cookiesFrom(response) } };
}

import type { LightMyRequestResponse } from 'fastify';
import { hashPassword } from '../../src/features/accounts/passwords.ts';
import { SESSION_COOKIE } from '../../src/features/accounts/session-cookie.ts';
import type { Role } from '../../src/platform/access.ts';
import { cookiesFrom, openForm, submitForm, type TestApp } from './test-app.ts';

export type TestUser = { id: number; email: string; name: string; password: string };

let counter = 0;

/** A good password for tests: long, not common, and free of any test email's local part. */
export const GOOD_PASSWORD = 'correct horse battery staple';

/** Creates an account with these roles through the users service, with a password unless told otherwise. */
export async function createUser(
  t: TestApp,
  details: { roles: Role[]; email?: string; name?: string; password?: string | null; schoolUrn?: number | null },
): Promise<TestUser> {
  counter++;
  const email = details.email ?? `staff-${counter}-${details.roles.join('-') || 'none'}@alliance.example`;
  const name = details.name ?? `Test ${details.roles.join(' ') || 'nobody'} ${counter}`;
  const password = details.password === undefined ? GOOD_PASSWORD : details.password;
  const passwordHash = password === null ? null : await hashPassword(password);
  const alliance = await t.app.services.alliances.current();
  const user = await t.database.db.transaction((tx) =>
    t.app.services.users.ensureUser(tx, alliance, { email, name, jobTitle: 'Tester', roles: details.roles, schoolUrn: details.schoolUrn ?? null, passwordHash }),
  );
  return { id: user.id, email, name, password: password ?? '' };
}

/** The cookies of a real session for the user: a row made by the session service, in a signed cookie as the app sets it. */
export async function sessionCookiesFor(t: TestApp, user: { id: number }): Promise<Record<string, string>> {
  const token = await t.app.services.sessions.start(t.database.db, user.id, (await t.app.services.alliances.current()).id);
  return { [SESSION_COOKIE]: t.app.signCookie(token) };
}

/** Signed in with these roles (a new account each time): the cookies a browser would hold. */
export async function signInAs(t: TestApp, roles: Role[]): Promise<{ user: TestUser; cookies: Record<string, string> }> {
  const user = await createUser(t, { roles });
  return { user, cookies: await sessionCookiesFor(t, user) };
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

/** The links in the error summary: where each message sends the person. */
export function errorSummary(html: string): Array<{ href: string; text: string }> {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((match) => ({ href: match[1]!, text: match[2]!.trim() }));
}

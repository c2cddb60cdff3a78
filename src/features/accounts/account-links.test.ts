import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import { buildTestApp, cookiesFrom, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { outboxMessages } from '../../platform/outbox/outbox.tables.ts';
import { accountTokens } from './accounts.tables.ts';
import { sessions, users } from '../../platform/identity/identity.tables.ts';
import { GOOD_PASSWORD, person, sessionCookiesFor, signInThroughForm } from '../../../test/support/people.ts';
import { errorSummary } from '../../../test/support/html.ts';

const HOUR = 60 * 60_000;
const NEW_PASSWORD = 'plum orchard lantern thimble';

describe('invitations and password resets', () => {
  let t: TestApp;
  before(async () => (t = await buildTestApp()));
  after(() => t.close());

  /** The newest email to this address, and the link in it (a path, ready for inject). */
  async function latestLink(email: string): Promise<{ path: string; body: string; kind: string }> {
    const [message] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, email))
      .orderBy(desc(outboxMessages.id))
      .limit(1);
    assert.ok(message, `an email was queued to ${email}`);
    const link = /http:\/\/localhost:3000(\/\S+)/.exec(message.body)?.[1];
    assert.ok(link, 'the email holds a link with the base URL');
    return { path: link, body: message.body, kind: message.kind };
  }

  async function invite(email: string, roles: string[] = ['coordinator']) {
    const { cookies } = await person(t, { roles: ['administrator'] });
    const form = await openForm(t.app, '/staff/users/invite', cookies);
    const response = await submitForm(
      t.app,
      '/staff/users/invite',
      { name: 'Nadia Khan', email, jobTitle: 'Coordinator', roles },
      form,
    );
    assert.equal(response.statusCode, 303);
    return latestLink(email);
  }

  async function setPassword(
    path: string,
    password: string,
    confirmPassword = password,
    cookies: Record<string, string> = {},
  ) {
    const form = await openForm(t.app, path, cookies);
    const token = new URL(path, 'http://x').searchParams.get('token')!;
    return submitForm(t.app, new URL(path, 'http://x').pathname, { token, password, confirmPassword }, form);
  }

  test('an invitation emails a single-use link, stores only its hash, and signs the person in once they set a password', async () => {
    const link = await invite('nadia.khan@alliance.example');
    assert.equal(link.kind, 'account-invitation');
    assert.match(link.body, /The link works once, until 30 November 2026 at 10am/);
    const token = new URL(link.path, 'http://x').searchParams.get('token')!;
    const stored = await t.database.db.select().from(accountTokens).where(eq(accountTokens.purpose, 'invitation'));
    assert.ok(
      stored.every((row) => row.tokenHash !== token && row.tokenHash.length === 64),
      'only a SHA-256 is stored',
    );

    const page = await t.app.inject({ url: link.path });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Welcome, Nadia Khan/);

    const response = await setPassword(link.path, NEW_PASSWORD);
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/staff');
    const home = await t.app.inject({ url: '/staff', cookies: cookiesFrom(response) });
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Your password is set and you are signed in/);
    assert.match(home.body, /nadia\.khan@alliance\.example/);

    const [user] = await t.database.db.select().from(users).where(eq(users.email, 'nadia.khan@alliance.example'));
    assert.match(user!.passwordHash!, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    const again = await t.app.inject({ url: link.path });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /This link has already been used/);
    const replay = await setPassword(link.path, 'another very long password').catch(() => undefined);
    assert.equal(replay, undefined, 'the used link shows no form to submit');
    assert.equal((await signInThroughForm(t, 'nadia.khan@alliance.example', NEW_PASSWORD)).response.statusCode, 303);
  });

  test('an invitation expires after 7 days, and a new one replaces the old', async () => {
    const link = await invite('late.starter@alliance.example');
    t.clock.advance(7 * 24 * HOUR + 60_000);
    const expired = await t.app.inject({ url: link.path });
    assert.equal(expired.statusCode, 400);
    assert.match(expired.body, /This link has expired/);

    const { cookies } = await person(t, { roles: ['administrator'] });
    const [user] = await t.database.db.select().from(users).where(eq(users.email, 'late.starter@alliance.example'));
    const page = await openForm(t.app, `/staff/users/${user!.id}`, cookies);
    assert.equal((await submitForm(t.app, `/staff/users/${user!.id}/resend-invitation`, {}, page)).statusCode, 303);
    const fresh = await latestLink('late.starter@alliance.example');
    assert.notEqual(fresh.path, link.path);
    assert.equal((await setPassword(fresh.path, NEW_PASSWORD)).statusCode, 303);
  });

  test('the password rules are explained with the error summary, and no password is ever shown again', async () => {
    const link = await invite('policy.check@alliance.example');
    const cases: Array<[string, string, { href: string; text: string }]> = [
      ['', '', { href: '#password', text: 'Enter a password' }],
      ['short pass', 'short pass', { href: '#password', text: 'Password must be 12 characters or more' }],
      ['x'.repeat(257), 'x'.repeat(257), { href: '#password', text: 'Password must be 256 characters or fewer' }],
      [
        'Password1234',
        'Password1234',
        {
          href: '#password',
          text: 'That password is too common and easy to guess. Try 3 random words you will remember',
        },
      ],
      [
        'QwertyUIOP123',
        'QwertyUIOP123',
        {
          href: '#password',
          text: 'That password is too common and easy to guess. Try 3 random words you will remember',
        },
      ],
      [
        'my Policy.Check password',
        'my Policy.Check password',
        { href: '#password', text: 'Password must not contain your email address or the part before the @' },
      ],
      [
        NEW_PASSWORD,
        'something else entirely',
        { href: '#confirmPassword', text: 'Enter the same password in both boxes' },
      ],
    ];
    for (const [password, confirmation, expected] of cases) {
      const response = await setPassword(link.path, password, confirmation);
      assert.equal(response.statusCode, 400, expected.text);
      assert.deepEqual(errorSummary(response.body), [expected]);
      if (password.length > 0)
        assert.doesNotMatch(
          response.body,
          new RegExp(password.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
          'the password is not in the page',
        );
      const inputs = response.body.match(/<input[^>]*type="password"[^>]*>/g) ?? [];
      assert.equal(inputs.length, 2);
      assert.ok(
        inputs.every((input) => !input.includes('value=')),
        'the password boxes come back empty',
      );
    }
    assert.equal(
      (await t.app.inject({ url: link.path })).statusCode,
      200,
      'a refused password does not use up the link',
    );
  });

  test('a reset gives the same answer for any address, and emails only an active account', async () => {
    const user = await person(t, { signedIn: false, roles: ['coordinator'] });
    const before = (await t.database.db.select().from(outboxMessages)).length;
    for (const email of ['no.one@alliance.example', user.email.toUpperCase()]) {
      const form = await openForm(t.app, '/forgot-password');
      const response = await submitForm(t.app, '/forgot-password', { email }, form);
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/forgot-password/sent');
    }
    await t.app.services.accountLinks.drainResetRequests();
    const sent = await t.database.db.select().from(outboxMessages);
    assert.equal(sent.length, before + 1, 'one email, to the real account');
    assert.equal(sent.at(-1)!.recipient, user.email);
    assert.match(
      (await t.app.inject({ url: '/forgot-password/sent' })).body,
      /If there is an account with that email address, we have sent it a link/,
    );

    const form = await openForm(t.app, '/forgot-password');
    const invalid = await submitForm(t.app, '/forgot-password', { email: 'not an address' }, form);
    assert.equal(invalid.statusCode, 400);
    assert.deepEqual(errorSummary(invalid.body), [
      { href: '#email', text: 'Enter an email address in the correct format, like name@example.com' },
    ]);
    assert.match(invalid.body, /value="not an address"/);
  });

  test('a reset link works once, within the hour; it ends the other sessions and unlocks the account', async () => {
    const user = await person(t, { signedIn: false, roles: ['coordinator'] });
    const elsewhere = await sessionCookiesFor(t, user);
    for (let attempt = 0; attempt < 5; attempt++) await signInThroughForm(t, user.email, 'a guess that is wrong');
    assert.equal((await signInThroughForm(t, user.email, GOOD_PASSWORD)).response.statusCode, 429, 'locked');

    await t.app.services.accountLinks.requestPasswordReset(user.email);
    await t.app.services.accountLinks.drainResetRequests();
    const link = await latestLink(user.email);
    assert.equal(link.kind, 'password-reset');
    assert.match(link.body, /The link works once, until/);

    const response = await setPassword(link.path, NEW_PASSWORD);
    assert.equal(response.statusCode, 303);
    assert.match(
      (await t.app.inject({ url: '/staff', cookies: cookiesFrom(response) })).body,
      /Your password has been changed and you are signed in/,
    );
    assert.equal(
      (await t.app.inject({ url: '/staff', cookies: elsewhere })).statusCode,
      303,
      'the other session ended',
    );
    assert.equal((await t.database.db.select().from(sessions).where(eq(sessions.userId, user.id))).length, 1);
    assert.match((await t.app.inject({ url: link.path })).body, /This link has already been used/);
    assert.equal(
      (await signInThroughForm(t, user.email, GOOD_PASSWORD)).response.statusCode,
      400,
      'the old password no longer works',
    );
    assert.equal(
      (await signInThroughForm(t, user.email, NEW_PASSWORD)).response.statusCode,
      303,
      'unlocked, with the new password',
    );

    await t.app.services.accountLinks.requestPasswordReset(user.email);
    await t.app.services.accountLinks.drainResetRequests();
    const older = await latestLink(user.email);
    await t.app.services.accountLinks.requestPasswordReset(user.email);
    await t.app.services.accountLinks.drainResetRequests();
    const newer = await latestLink(user.email);
    assert.match(
      (await t.app.inject({ url: older.path })).body,
      /This link has already been used/,
      'only the newest link works',
    );
    t.clock.advance(HOUR + 1000);
    const expired = await t.app.inject({ url: newer.path });
    assert.equal(expired.statusCode, 400);
    assert.match(expired.body, /This link has expired/);
  });

  test('a made-up or mangled link is refused without a form', async () => {
    for (const path of [
      '/reset-password',
      '/reset-password?token=abc',
      `/reset-password?token=${'A'.repeat(43)}`,
      `/accept-invitation?token=${'B'.repeat(43)}`,
    ]) {
      const response = await t.app.inject({ url: path });
      assert.equal(response.statusCode, 400, path);
      assert.match(response.body, /This link does not work/);
      assert.doesNotMatch(response.body, /name="password"/);
    }
  });

  test('reset emails to one account are limited to 3 an hour', async () => {
    const user = await person(t, { signedIn: false, roles: ['coordinator'] });
    for (let request = 0; request < 5; request++) await t.app.services.accountLinks.requestPasswordReset(user.email);
    await t.app.services.accountLinks.drainResetRequests();
    const mail = await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.recipient, user.email));
    assert.equal(mail.length, 3);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hash } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { users } from '../../platform/identity/identity.tables.ts';
import { person, signInThroughForm } from '../../../test/support/people.ts';
import { errorSummary } from '../../../test/support/html.ts';

const SERVICE_WORDS_MESSAGE =
  'Password must not be the alliance’s name or words like ‘school’ and ‘support’ that anyone would guess here. Try 3 random words you will remember';

describe('the password rules for the words of this service, white space and other ways of typing', () => {
  let t: TestApp;
  before(async () => (t = await buildTestApp()));
  after(() => t.close());

  /** A reset link for a new account, as a path for inject. */
  async function resetLinkFor(email: string): Promise<string> {
    await person(t, { signedIn: false, roles: ['coordinator'], email });
    const user = await t.app.services.userDirectory.findByEmail(email);
    assert.ok(user);
    const alliance = await t.app.services.alliances.current();
    const link = await t.database.db.transaction((tx) =>
      t.app.services.accountLinks.issue(tx, alliance, user, 'password-reset'),
    );
    return new URL(link).pathname + new URL(link).search;
  }

  async function setPassword(path: string, password: string) {
    const form = await openForm(t.app, path);
    const token = new URL(path, 'http://x').searchParams.get('token')!;
    return submitForm(t.app, '/reset-password', { token, password, confirmPassword: password }, form);
  }

  test('a password of only spaces, or of the alliance’s name and the service’s words, is refused with a clear error', async () => {
    const link = await resetLinkFor('words.check@alliance.example');
    const cases: Array<[string, string]> = [
      [' '.repeat(12), 'Password must not be only spaces: use words you will remember'],
      ['\t \u00a0\u3000 \u200b'.repeat(3), 'Password must not be only spaces: use words you will remember'],
      ['South Liverpool Schools Together', SERVICE_WORDS_MESSAGE],
      ['southliverpoolschoolstogether!', SERVICE_WORDS_MESSAGE],
      ['I love South Liverpool Schools Together', SERVICE_WORDS_MESSAGE],
      ['Liverpool Schools 2026!', SERVICE_WORDS_MESSAGE],
      ['school support leader', SERVICE_WORDS_MESSAGE],
      ['Alliance-Leaders-123', SERVICE_WORDS_MESSAGE],
      ['ＳＣＨＯＯＬ ＳＵＰＰＯＲＴ', SERVICE_WORDS_MESSAGE],
    ];
    for (const [password, message] of cases) {
      const response = await setPassword(link, password);
      assert.equal(response.statusCode, 400, JSON.stringify(password));
      assert.deepEqual(errorSummary(response.body), [{ href: '#password', text: message }], JSON.stringify(password));
    }
    const response = await setPassword(link, 'the school bus is yellow');
    assert.equal(response.statusCode, 303, 'a service word among words of its own is a good password');
  });

  test('a password is the same however it was typed: composed or not, full-width or not', async () => {
    const email = 'nfkc.check@alliance.example';
    const link = await resetLinkFor(email);
    assert.equal((await setPassword(link, 'ｃａｆｅ\u0301 plum lantern')).statusCode, 303);
    for (const typed of ['café plum lantern', 'cafe\u0301 plum lantern', 'ｃａｆé plum lantern']) {
      const { response } = await signInThroughForm(t, email, typed);
      assert.equal(response.statusCode, 303, JSON.stringify(typed));
    }
    assert.equal((await signInThroughForm(t, email, 'cafe plum lantern')).response.statusCode, 400);
  });

  test('hashes made before passwords were normalised still verify', async () => {
    for (const [email, password] of [
      ['ascii.before@alliance.example', 'an ascii password from before'],
      ['accent.before@alliance.example', 'cafe\u0301 from before the change'],
    ] as const) {
      const user = await person(t, { signedIn: false, roles: ['coordinator'], email });
      // The hash exactly as it was made before: of the password as typed.
      await t.database.db
        .update(users)
        .set({ passwordHash: await hash(password) })
        .where(eq(users.id, user.id));
      assert.equal((await signInThroughForm(t, email, password)).response.statusCode, 303, email);
    }
  });
});

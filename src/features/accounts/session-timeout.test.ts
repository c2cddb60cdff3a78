import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { GOOD_PASSWORD, person, sessionCookiesFor, signInThroughForm } from '../../../test/support/people.ts';
import { page, textsOf } from '../../../test/support/html.ts';
import { formatLondonTime } from '../../platform/calendar/london-time.ts';

const MINUTE = 60_000;
const NOTES = '/staff/enquiries/S2S-ABCD-12/notes';
const ENQUIRY_PAGE = '/staff/enquiries/S2S-ABCD-12?view=notes';

describe('the warning before a staff session ends, and coming back after it has', () => {
  let t: TestApp;
  // A shorter time-out than the default hour, as an installation may set.
  before(async () => (t = await buildTestApp({ env: { SESSION_IDLE_MINUTES: '20' } })));
  after(() => t.close());

  const warningOf = (html: string) => {
    const dialog = page(html).querySelector('#session-timeout');
    return {
      note: textsOf(html, '#session-note')[0],
      remainingSeconds: dialog?.getAttribute('data-remaining-seconds'),
      warningSeconds: dialog?.getAttribute('data-warning-seconds'),
      returnTo: dialog?.getAttribute('data-return-to'),
      heading: textsOf(html, '#session-timeout h2')[0],
      buttons: textsOf(html, '#session-timeout button'),
    };
  };

  test('every staff page says when the session ends, and holds the warning for 5 minutes before', async () => {
    const coordinator = await person(t, { signedIn: false, roles: ['coordinator'] });
    const cookies = await sessionCookiesFor(t, coordinator);
    const first = warningOf((await t.app.inject({ url: '/staff?x=1', cookies })).body);
    assert.deepEqual(first, {
      note: 'For your security, you will be signed out at 10:20am unless you open another page or save something before then.',
      remainingSeconds: '1200',
      warningSeconds: '300',
      returnTo: '/staff?x=1',
      heading: 'You’re about to be signed out',
      buttons: ['Stay signed in', 'Sign out'],
    });

    // Activity is recorded once a minute: 30 seconds on, the end has not moved, and less time is left.
    t.clock.advance(30_000);
    const soon = warningOf((await t.app.inject({ url: '/staff', cookies })).body);
    assert.equal(soon.remainingSeconds, '1170');
    assert.match(soon.note ?? '', /at 10:20am/);
    t.clock.advance(2 * MINUTE);
    const later = warningOf((await t.app.inject({ url: '/staff', cookies })).body);
    assert.equal(later.remainingSeconds, '1200');
    assert.match(later.note ?? '', /at 10:22am/);

    const signedOut = await t.app.inject({ url: '/request-support' });
    assert.equal(page(signedOut.body).querySelector('#session-timeout'), null, 'no warning for the public');
    assert.equal(textsOf(signedOut.body, '#session-note').length, 0);
  });

  test('“Stay signed in” starts the idle time again, without leaving the page or with a plain form', async () => {
    const leader = await person(t, { signedIn: false, roles: ['system-leader'] });
    const form = await openForm(t.app, '/staff', await sessionCookiesFor(t, leader));
    t.clock.advance(16 * MINUTE);
    const asked = await submitForm(t.app, '/session/extend', { returnTo: '/staff' }, form, {
      accept: 'application/json',
    });
    assert.equal(asked.statusCode, 200);
    assert.deepEqual(asked.json(), {
      remainingSeconds: 1200,
      endsAt: formatLondonTime(new Date(t.clock.now().getTime() + 20 * MINUTE)),
    });
    t.clock.advance(16 * MINUTE);
    assert.equal((await t.app.inject({ url: '/staff', cookies: form.cookies })).statusCode, 200, 'still signed in');

    t.clock.advance(16 * MINUTE);
    const plain = await submitForm(t.app, '/session/extend', { returnTo: '/staff/profile' }, form);
    assert.equal(plain.statusCode, 303);
    assert.equal(plain.headers.location, '/staff/profile');
    const elsewhere = await submitForm(t.app, '/session/extend', { returnTo: '//evil.example' }, form);
    assert.equal(elsewhere.headers.location, '/staff', 'only back to a page of this site');

    t.clock.advance(21 * MINUTE);
    const tooLate = await submitForm(t.app, '/session/extend', { returnTo: '/staff' }, form, {
      accept: 'application/json',
    });
    assert.equal(tooLate.statusCode, 303, 'an ended session is not brought back');
    assert.match(tooLate.headers.location ?? '', /^\/sign-in\?/);
  });

  test('a form sent after the session ended comes back to its page after signing in, saying it was not saved', async () => {
    const coordinator = await person(t, { signedIn: false, roles: ['coordinator'] });
    const form = await openForm(t.app, '/staff', await sessionCookiesFor(t, coordinator));
    t.clock.advance(21 * MINUTE);
    const sent = await submitForm(t.app, NOTES, { note: 'Spoke to the head.' }, form, {
      referer: `http://localhost${ENQUIRY_PAGE}`,
    });
    assert.equal(sent.statusCode, 303);
    const location = sent.headers.location as string;
    assert.equal(location, `/sign-in?returnTo=${encodeURIComponent(ENQUIRY_PAGE)}&signedOut=inactive&unsaved=true`);
    const signIn = await t.app.inject({ url: location });
    assert.deepEqual(textsOf(signIn.body, '.govuk-warning-text__text'), [
      'Warning You were signed out because you had not done anything for 20 minutes. Your changes were not saved. Sign in to go back to the page and make them again.',
    ]);
    assert.match(signIn.body, new RegExp(`name="returnTo" value="${ENQUIRY_PAGE.replace('?', '\\?')}"`));
    const { response } = await signInThroughForm(t, coordinator.email, GOOD_PASSWORD, { returnTo: ENQUIRY_PAGE });
    assert.equal(response.headers.location, ENQUIRY_PAGE);

    // A Referer from another site, or none, names no page: the sign-in leads to the staff home.
    for (const referer of ['https://evil.example/staff/users', 'not a url']) {
      const foreign = await submitForm(t.app, NOTES, { note: 'x' }, form, { referer });
      assert.equal(foreign.headers.location, '/sign-in?unsaved=true', referer);
    }
  });

  test('a page asked for after the session ended says for how long, and comes back after signing in', async () => {
    const leader = await person(t, { signedIn: false, roles: ['system-leader'] });
    const cookies = await sessionCookiesFor(t, leader);
    t.clock.advance(20 * MINUTE);
    const idle = await t.app.inject({ url: '/staff/agreements', cookies });
    assert.equal(idle.headers.location, '/sign-in?returnTo=%2Fstaff%2Fagreements&signedOut=inactive');
    const signIn = await t.app.inject({ url: idle.headers.location as string });
    assert.deepEqual(textsOf(signIn.body, '.govuk-inset-text'), [
      'You were signed out because you had not done anything for 20 minutes. Sign in again to carry on.',
    ]);
    // Signed in again (in another tab, say), the page does not claim otherwise.
    const again = await t.app.inject({
      url: idle.headers.location as string,
      cookies: await sessionCookiesFor(t, leader),
    });
    assert.doesNotMatch(again.body, /You were signed out/);
  });
});

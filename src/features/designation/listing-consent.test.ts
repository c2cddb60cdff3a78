import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  designate,
  insertSentApplication,
  listingConsentEmails,
  listingTokenIn,
} from '../../../test/support/designation-outcomes.ts';
import { errorSummary, page, summaryListRows } from '../../../test/support/html.ts';
import { person } from '../../../test/support/people.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { leaders } from '../leaders/leaders.tables.ts';
import { listingConsentRequests } from './designation-outcomes.tables.ts';

const mainText = (html: string) => page(html).querySelector('main')!.text.replace(/\s+/g, ' ');

describe('a new leader’s consent to be listed in the public directory, by the emailed link', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ now: '2026-12-04T15:00:00Z' });
  });
  after(() => t.close());

  /** Designates a new SLE called `name`; their leader id and the token in the email asking them. */
  async function designated(name: string) {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}@school.example`;
    const applicationId = await insertSentApplication(t, { name, email, specialisms: ['Maths', 'SEN'] });
    const { leaderId } = await designate(t, applicationId, '2026-12-04');
    const message = (await listingConsentEmails(t)).find((sent) => sent.recipient === email)!;
    return { leaderId, token: listingTokenIn(message.body), email };
  }
  const directoryShows = async (name: string) =>
    mainText((await t.app.inject({ url: `/system-leaders?q=${encodeURIComponent(name)}` })).body).includes(name);

  test('the link shows what the directory would show, without contact details; yes lists them at once', async () => {
    const { leaderId, token, email } = await designated('Priya Listwell');
    assert.equal(await directoryShows('Priya Listwell'), false, 'not listed before they answer');

    const question = await openForm(t.app, `/listing-consent?token=${token}`);
    assert.equal(question.page.statusCode, 200);
    assert.deepEqual(summaryListRows(question.page.body), [
      ['Name', 'Priya Listwell'],
      ['School', 'Palmerston School, Liverpool'],
      ['Designation', 'Specialist Leader of Education'],
      ['Specialisms', 'Maths, SEN'],
      ['Phases', 'Primary'],
    ]);
    assert.ok(!question.page.body.includes(email), 'no email address');

    const answered = await submitForm(t.app, '/listing-consent', { token, answer: 'yes' }, question);
    assert.equal(answered.statusCode, 200);
    assert.match(mainText(answered.body), /You are listed in the directory/);
    assert.equal(await directoryShows('Priya Listwell'), true);
    const profile = await t.app.inject({ url: `/system-leaders/${leaderId}` });
    assert.equal(profile.statusCode, 200);

    const [leader] = await t.database.db.select().from(leaders).where(eq(leaders.id, leaderId));
    assert.deepEqual([leader?.listed, leader?.listedConsentOn], [true, '2026-12-04']);
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, String(leaderId)));
    const consented = events.find((event) => event.action === 'listing-consented');
    assert.deepEqual(consented?.after, { listed: true, listedConsentOn: '4 December 2026' });

    const again = await t.app.inject({ url: `/listing-consent?token=${token}` });
    assert.equal(again.statusCode, 409);
    assert.match(mainText(again.body), /You have already answered/);
    const resent = await submitForm(t.app, '/listing-consent', { token, answer: 'no' }, question);
    assert.equal(resent.statusCode, 409, 'the link works once');
    assert.equal(await directoryShows('Priya Listwell'), true);
  });

  test('no leaves them designated but unlisted, and on the trail', async () => {
    const { leaderId, token } = await designated('Quentin Private');
    const question = await openForm(t.app, `/listing-consent?token=${token}`);
    const answered = await submitForm(t.app, '/listing-consent', { token, answer: 'no' }, question);
    assert.equal(answered.statusCode, 200);
    assert.match(mainText(answered.body), /You will not be listed.*You are still designated/);
    assert.equal(await directoryShows('Quentin Private'), false);
    const [leader] = await t.database.db.select().from(leaders).where(eq(leaders.id, leaderId));
    assert.equal(leader?.listed, false);
    const [request] = await t.database.db
      .select()
      .from(listingConsentRequests)
      .where(eq(listingConsentRequests.leaderId, leaderId));
    assert.equal(request?.consented, false);
    const coordinator = await person(t, { roles: ['coordinator'] });
    const staffPage = await t.app.inject({ url: `/staff/leaders/${leaderId}`, cookies: coordinator.cookies });
    assert.match(mainText(staffPage.body), /Declined to be listed in the public directory, by the emailed link/);
  });

  test('a coordinator can email a new link, which replaces the one before', async () => {
    const { leaderId, token, email } = await designated('Tariq Later');
    const coordinator = await person(t, { roles: ['coordinator'] });
    const leaderPage = await openForm(t.app, `/staff/leaders/${leaderId}`, coordinator.cookies);
    assert.match(mainText(leaderPage.page.body), /Email them a link to agree to be listed/);
    const asked = await submitForm(t.app, `/staff/leaders/${leaderId}/listing-consent`, {}, leaderPage);
    assert.equal(asked.statusCode, 303);
    assert.equal(asked.headers.location, `/staff/leaders/${leaderId}`);

    const sent = (await listingConsentEmails(t)).filter((message) => message.recipient === email);
    assert.equal(sent.length, 2);
    assert.equal(sent[1]!.subject, 'May we list you in our directory of system leaders?');
    const newToken = listingTokenIn(sent[1]!.body);
    assert.equal((await t.app.inject({ url: `/listing-consent?token=${token}` })).statusCode, 404, 'the old link');
    const question = await openForm(t.app, `/listing-consent?token=${newToken}`);
    await submitForm(t.app, '/listing-consent', { token: newToken, answer: 'yes' }, question);
    assert.equal(await directoryShows('Tariq Later'), true);

    const again = await submitForm(t.app, `/staff/leaders/${leaderId}/listing-consent`, {}, leaderPage);
    assert.equal(again.statusCode, 303);
    assert.equal((await listingConsentEmails(t)).filter((message) => message.recipient === email).length, 2);
    const after = await t.app.inject({
      url: `/staff/leaders/${leaderId}`,
      cookies: {
        ...leaderPage.cookies,
        ...Object.fromEntries(again.cookies.map((cookie) => [cookie.name, cookie.value])),
      },
    });
    assert.match(mainText(after.body), /Tariq Later is already listed in the directory/);
    assert.match(mainText(after.body), /Emailed a link asking whether they agree to be listed/);
  });

  test('sending no answer shows the error summary and changes nothing', async () => {
    const { leaderId, token } = await designated('Rhea Undecided');
    const question = await openForm(t.app, `/listing-consent?token=${token}`);
    const refused = await submitForm(t.app, '/listing-consent', { token, answer: 'maybe' }, question);
    assert.equal(refused.statusCode, 400);
    assert.deepEqual(errorSummary(refused.body), [
      { href: '#answer', text: 'Select whether you agree to be listed in the directory' },
    ]);
    const [request] = await t.database.db
      .select()
      .from(listingConsentRequests)
      .where(eq(listingConsentRequests.leaderId, leaderId));
    assert.equal(request?.answeredAt, null);
  });

  test('a link that is wrong or out of date says so', async () => {
    const { token } = await designated('Sol Late');
    for (const wrong of ['', 'not-a-token', 'A'.repeat(43)]) {
      const response = await t.app.inject({ url: `/listing-consent?token=${wrong}` });
      assert.equal(response.statusCode, 404);
      assert.match(mainText(response.body), /This link does not work/);
    }
    t.clock.set('2027-01-04T15:00:00Z');
    const expired = await t.app.inject({ url: `/listing-consent?token=${token}` });
    assert.equal(expired.statusCode, 404);
    assert.match(mainText(expired.body), /This link has expired/);
    t.clock.set('2026-12-04T15:00:00Z');
  });
});

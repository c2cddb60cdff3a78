import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { buildTestApp, cookiesFrom, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { errorSummary, formFields, page, summaryListRows } from '../../../test/support/html.ts';
import {
  answer,
  answerSleApplication,
  emailsTo,
  linkIn,
  openRound,
  REFEREES,
  type Jar,
} from '../../../test/support/apply-journey.ts';
import { person } from '../../../test/support/people.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { applicationRequests, applications } from './applications.tables.ts';

const mainText = (html: string) => page(html).querySelector('main')!.text.replace(/\s+/g, ' ');

describe('applying for designation at /apply', () => {
  let t: TestApp;
  before(async () => (t = await buildTestApp()));
  after(() => t.close());

  test('the start page says what is needed, from the alliance’s rules and criteria', async () => {
    const response = await t.app.inject({ url: '/apply' });
    assert.equal(response.statusCode, 200);
    const text = mainText(response.body);
    assert.match(text, /an SLE needs at least 2; an LLE at least 3 years of headship/);
    assert.match(text, /in up to 500 words each/);
    assert.match(text, /Track record/);
  });

  test('an SLE applies from start to sent: a reference, a confirmation and four links that work', async () => {
    const applicant = { name: 'Nadia Quist', email: 'nadia.quist@palmerston.example' };
    const jar = await answerSleApplication(t, applicant);
    const resume = await linkIn(t, applicant.email, /\/apply\/resume\/[\w-]{43}/);
    assert.ok(resume, 'the save-and-return link was emailed when the application was made');

    const check = await t.app.inject({ url: '/apply/check', cookies: jar });
    assert.equal(check.statusCode, 200);
    const rows = Object.fromEntries(summaryListRows(check.body));
    assert.equal(rows['Name'], 'Nadia Quist');
    assert.match(rows['School']!, /Palmerston School/);
    assert.match(rows['Specialisms']!, /English/);
    assert.match(rows['Reference: your headteacher']!, /Hana Okafor/);
    assert.ok(page(check.body).querySelectorAll('.govuk-summary-list__actions a').length >= 10, 'Change links');

    const sent = await answer(t, jar, '/apply/check', {});
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, '/apply/sent');
    const confirmation = await t.app.inject({ url: '/apply/sent', cookies: jar });
    const reference = page(confirmation.body).querySelector('.govuk-panel strong')!.text;
    assert.match(reference, /^SLE-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/);

    const [row] = await t.database.db.select().from(applications).where(eq(applications.reference, reference));
    assert.equal(row!.status, 'sent');
    assert.ok(row!.sentAt);
    const confirmationEmail = (await emailsTo(t, applicant.email)).at(-1)!;
    assert.match(confirmationEmail.subject, new RegExp(reference));

    const requests = await t.database.db
      .select()
      .from(applicationRequests)
      .where(eq(applicationRequests.applicationId, row!.id));
    assert.deepEqual(requests.map((request) => request.kind).sort(), [
      'chair-consent',
      'head-consent',
      'line-manager-reference',
      'supported-leader-reference',
    ]);
    assert.ok(requests.every((request) => request.sentAt && request.tokenHash && request.tokenExpiresAt));
    // The head is asked twice (reference and consent): two emails, two links.
    assert.equal((await emailsTo(t, REFEREES.head.email)).length, 2);

    // Every question page now sends the applicant to the confirmation: a sent application does not change.
    const again = await t.app.inject({ url: '/apply/role', cookies: jar });
    assert.equal(again.headers.location, '/apply/sent');
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, String(row!.id)));
    assert.ok(events.some((event) => event.entityType === 'application' && event.action === 'sent'));
  });

  test('save and return: the emailed link opens the application in another browser; a new link can be asked for', async () => {
    const applicant = { name: 'Owen Price', email: 'owen.price@palmerston.example' };
    const jar: Jar = {};
    await answer(t, jar, `/apply/your-details?round=${await openRound(t, 'lle')}`, applicant);
    const link = await linkIn(t, applicant.email, /\/apply\/resume\/[\w-]{43}/);

    const elsewhere = await t.app.inject({ url: link });
    assert.equal(elsewhere.statusCode, 303);
    assert.equal(elsewhere.headers.location, '/apply/check');
    const otherBrowser = cookiesFrom(elsewhere);
    const check = await t.app.inject({ url: '/apply/check', cookies: otherBrowser });
    assert.equal(Object.fromEntries(summaryListRows(check.body))['Name'], 'Owen Price');
    assert.match(mainText(check.body), /Before you can send it/);

    const asked = await answer(t, {}, '/apply/resume', { email: 'OWEN.PRICE@palmerston.example' });
    assert.equal(asked.statusCode, 200);
    assert.match(mainText(asked.body), /Check your email/);
    const newLink = await linkIn(t, applicant.email, /\/apply\/resume\/[\w-]{43}/);
    assert.notEqual(newLink, link);
    assert.equal((await t.app.inject({ url: link })).statusCode, 404, 'the earlier link stops working');
    const unknown = await answer(t, {}, '/apply/resume', { email: 'nobody@nowhere.example' });
    assert.match(mainText(unknown.body), /Check your email/, 'the page does not say who has applied');

    t.clock.set(new Date(t.clock.now().getTime() + 31 * 86_400_000).toISOString());
    assert.equal((await t.app.inject({ url: newLink })).statusCode, 404, 'links expire after 30 days');
    assert.equal((await t.app.inject({ url: '/apply/check', cookies: otherBrowser })).headers.location, '/apply');
  });
});

describe('recruitment rounds on the journey', () => {
  let t: TestApp;
  before(async () => (t = await buildTestApp()));
  after(() => t.close());

  test('without an open round there is nothing to apply for', async () => {
    assert.match(
      mainText((await t.app.inject({ url: '/apply' })).body),
      /We are not taking applications at the moment/,
    );
    const designation = await t.app.inject({ url: '/apply/designation' });
    assert.equal(page(designation.body).querySelector('form'), null);
  });

  test('an open round is offered, and an application in it is for its designation', async () => {
    const coordinator = await person(t, { roles: ['coordinator'] });
    const round = await t.app.services.recruitmentRounds.open(coordinator.user, {
      designationType: 'lle',
      opensOn: '2026-11-01',
      closesOn: '2026-12-18',
      note: '',
      specialismIds: [],
    });
    assert.ok(round.ok);
    assert.match(
      mainText((await t.app.inject({ url: '/apply' })).body),
      /Local Leader of Education \(LLE\), closing Friday 18 December 2026/,
    );
    const jar: Jar = {};
    const unchosen = await answer(t, jar, '/apply/designation', {});
    assert.equal(unchosen.statusCode, 400);
    assert.deepEqual(errorSummary(unchosen.body), [
      { href: '#roundId', text: 'Select what you are applying for, from the rounds open now' },
    ]);
    const chosen = await answer(t, jar, '/apply/designation', { roundId: String(round.value) });
    const href = `/apply/your-details?round=${round.value}`;
    assert.equal(chosen.headers.location, href);
    const details = await answer(t, jar, href, { name: 'Ravi Shah', email: 'ravi.shah@school.example' });
    assert.equal(details.headers.location, '/apply/school');
    const [row] = await t.database.db.select().from(applications).where(eq(applications.applicantName, 'Ravi Shah'));
    assert.equal(row!.roundId, round.value);
    assert.equal(row!.designationType, 'lle');
    assert.equal((await t.app.inject({ url: '/apply/evidence/999999', cookies: jar })).statusCode, 404);

    const closing = await t.app.services.recruitmentRounds.find(round.value);
    await t.app.services.recruitmentRounds.close(coordinator.user, closing!);
    const closed = await t.app.inject({ url: href });
    assert.equal(closed.headers.location, '/apply/designation', 'a closed round takes no new applications');
    const check = await t.app.inject({ url: '/apply/check', cookies: jar });
    assert.match(mainText(check.body), /The recruitment round you applied in has closed/);
  });
});

describe('refusals and errors on the journey', () => {
  let t: TestApp;
  before(async () => (t = await buildTestApp()));
  after(() => t.close());

  async function startedAs(type: 'sle' | 'lle'): Promise<Jar> {
    const jar: Jar = {};
    const response = await answer(t, jar, `/apply/your-details?round=${await openRound(t, type)}`, {
      name: 'Tess Ward',
      email: `tess.ward.${type}@school.example`,
    });
    assert.equal(response.statusCode, 303);
    return jar;
  }

  const reasonOn = async (location: string) => {
    const response = await t.app.inject({ url: location });
    assert.equal(response.statusCode, 200);
    assert.match(mainText(response.body), /You cannot apply/);
    return page(response.body).querySelector('#reason')!.text;
  };

  test('an HLTA, a head applying as an SLE, or too few years stop with the reason', async () => {
    const jar = await startedAs('sle');
    const role = { role: 'hlta', jobTitle: 'HLTA', yearsInRole: '4', leadershipYears: '4' };
    let response = await answer(t, jar, '/apply/role', role);
    assert.equal(response.headers.location, '/apply/cannot-apply?reason=hlta');
    assert.match(await reasonOn(response.headers.location!), /Higher level teaching assistants are not eligible/);

    response = await answer(t, jar, '/apply/role', { ...role, role: 'acting-headteacher' });
    assert.match(await reasonOn(response.headers.location!), /not the headteacher/);

    response = await answer(t, jar, '/apply/role', { ...role, role: 'middle-leader', leadershipYears: '1' });
    assert.match(await reasonOn(response.headers.location!), /at least 2 years in a leadership role/);
  });

  test('an LLE is asked about their headship, and refused without the governors’ support', async () => {
    const jar = await startedAs('lle');
    const role = await answer(t, jar, '/apply/role', {
      role: 'headteacher',
      jobTitle: 'Headteacher',
      yearsInRole: '5',
      leadershipYears: '5',
    });
    assert.equal(role.headers.location, '/apply/headship');
    const answers = { yearsStaying: '3', governorsSupport: 'no', seniorStaffCover: 'yes', coachingBeyondSchool: 'yes' };
    const refused = await answer(t, jar, '/apply/headship', answers);
    assert.match(await reasonOn(refused.headers.location!), /support of their governing body or trust board/);
    const fine = await answer(t, jar, '/apply/headship', { ...answers, governorsSupport: 'yes' });
    assert.equal(fine.headers.location, '/apply/other-alliance');
  });

  test('registered by another alliance: may apply only if this one is to register them', async () => {
    const jar = await startedAs('sle');
    const other = {
      designatedElsewhere: 'yes',
      otherAllianceName: 'Wirral Schools Alliance',
      registeredBy: 'other-alliance',
    };
    const refused = await answer(t, jar, '/apply/other-alliance', other);
    assert.match(await reasonOn(refused.headers.location!), /registered and deployed by one/);
    const fine = await answer(t, jar, '/apply/other-alliance', { ...other, registeredBy: 'this-alliance' });
    assert.equal(fine.headers.location, '/apply/specialisms');
  });

  test('each page explains what is wrong, keeps what was typed, and saves nothing', async () => {
    const details = await answer(t, {}, `/apply/your-details?round=${await openRound(t, 'sle')}`, {
      name: '',
      email: 'not an email',
    });
    assert.equal(details.statusCode, 400);
    assert.deepEqual(errorSummary(details.body), [
      { href: '#name', text: 'Enter your full name' },
      { href: '#email', text: 'Enter an email address in the correct format, like name@example.com' },
    ]);
    assert.equal(formFields(details.body).email, 'not an email');

    const jar = await startedAs('sle');
    // Without JavaScript, a name several schools match offers them; the one chosen is kept, whatever the box holds.
    const offered = await answer(t, jar, '/apply/school', { school: 'Banks' });
    assert.equal(offered.statusCode, 400);
    assert.equal(errorSummary(offered.body)[0]!.href, '#schoolUrn');
    assert.ok(page(offered.body).querySelector('input[name="schoolUrn"][value="104516"]'));
    const chosen = await answer(t, jar, '/apply/school', { school: 'Banks', schoolUrn: '104516' });
    assert.equal(chosen.headers.location, '/apply/role');
    const kept = await answer(t, jar, '/apply/school?change=yes', { school: '', currentSchoolUrn: '104516' });
    assert.equal(kept.headers.location, '/apply/check');
    assert.match(
      Object.fromEntries(summaryListRows((await t.app.inject({ url: '/apply/check', cookies: jar })).body))['School']!,
      /Banks Road Primary School/,
    );

    const role = await answer(t, jar, '/apply/role', {
      role: 'middle-leader',
      jobTitle: 'Head of PE',
      yearsInRole: 'three',
      leadershipYears: '99',
    });
    assert.equal(role.statusCode, 400);
    assert.deepEqual(
      errorSummary(role.body).map((error) => error.href),
      ['#yearsInRole', '#leadershipYears'],
    );
    assert.equal(formFields(role.body).yearsInRole, 'three');

    const specialisms = await answer(t, jar, '/apply/specialisms', { specialisms: [], phases: [] });
    assert.deepEqual(
      errorSummary(specialisms.body).map((error) => error.text),
      ['Select at least one specialism', 'Select the phases you work in'],
    );

    const criterionId = (await t.app.services.designationRules.criteria()).sle[0]!.id;
    const tooLong = 'word '.repeat(501);
    const evidence = await answer(t, jar, `/apply/evidence/${criterionId}`, { evidence: tooLong });
    assert.equal(evidence.statusCode, 400);
    assert.deepEqual(errorSummary(evidence.body), [
      { href: '#evidence', text: 'Your evidence must be 500 words or fewer (it is 501)' },
    ]);
    assert.equal(String(formFields(evidence.body).evidence).trim(), tooLong.trim());

    const referees = await answer(t, jar, '/apply/referees', {
      lineManagerName: 'Ann Lee',
      lineManagerEmail: 'ann@school.example',
      lineManagerJobTitle: 'Headteacher',
      lineManagerOrganisation: 'Palmerston School',
      supportedLeaderName: '',
      supportedLeaderEmail: 'ann@school.example',
    });
    assert.equal(referees.statusCode, 400);
    assert.deepEqual(
      errorSummary(referees.body).map((error) => error.href),
      ['#supportedLeaderName', '#supportedLeaderJobTitle', '#supportedLeaderOrganisation'],
    );
    assert.equal(formFields(referees.body).lineManagerName, 'Ann Lee');

    const check = await t.app.inject({ url: '/apply/check', cookies: jar });
    assert.equal(page(check.body).querySelector('#send'), null, 'no send button while answers are missing');
    // A stale page could still post: the send is refused with what is missing.
    const form = await openForm(t.app, '/apply/role', jar);
    const send = await submitForm(t.app, '/apply/check', {}, { csrfToken: form.csrfToken, cookies: form.cookies });
    assert.equal(send.statusCode, 400);
    assert.ok(errorSummary(send.body).some((error) => error.text === 'Give your first referee’s details'));
  });
});

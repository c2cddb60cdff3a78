import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { receiveEnquiry, type ReceivedEnquiry } from '../../../test/support/enquiries.ts';
import { errorSummary } from '../../../test/support/html.ts';
import { addLeader, linkUserToLeader } from '../../../test/support/leaders.ts';
import { signedAgreement } from '../../../test/support/agreements.ts';
import { person, type Person } from '../../../test/support/people.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { users } from '../../platform/identity/identity.tables.ts';
import { enquiries } from '../enquiries/enquiries.tables.ts';
import { leaders } from '../leaders/leaders.tables.ts';
import { agreementSignatures, agreements } from '../agreements/agreements.tables.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';

const EMAIL = 'lee.person@school.example';
const NAME = 'Lee Person';

describe('a person’s records: subject access and erasure', () => {
  let t: TestApp;
  let admin: Person;
  let subject: Person;
  let enquiry: ReceivedEnquiry;
  let leaderId: number;
  let agreementId: number;
  before(async () => {
    t = await buildTestApp({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '1000' } });
    admin = await person(t, { roles: ['administrator'] });
    const coordinator = await person(t, { roles: ['coordinator'] });
    // One person in every role the service knows: a school's contact, a system leader with an account.
    enquiry = await receiveEnquiry(t, '2026-11-20T10:00:00Z', {
      contactEmail: 'Lee.Person@School.example',
      contactName: NAME,
    });
    t.clock.set('2026-11-23T10:00:00Z');
    leaderId = await addLeader(t, { name: NAME, email: EMAIL });
    subject = await person(t, { roles: ['system-leader'], email: EMAIL, name: NAME });
    await linkUserToLeader(t, subject.id, leaderId);
    agreementId = await signedAgreement(t, coordinator, { leaderId, schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn });
  });
  after(() => t.close());

  test('an administrator finds everything held about an address, as a page and as JSON, in well under a second', async () => {
    const started = performance.now();
    const page = await t.app.inject({
      url: `/staff/privacy/people?email=${encodeURIComponent(' LEE.person@school.example ')}`,
      cookies: admin.cookies,
    });
    assert.ok(performance.now() - started < 2000);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(enquiry.reference), 'the enquiry they made');
    for (const id of ['account', 'enquiries', 'leader', 'designations', 'agreements', 'emails', 'auditEntries'])
      assert.match(page.body, new RegExp(`id="section-${id}">[^(]+\\(([1-9]\\d*)\\)`), id);
    const json = await t.app.inject({
      url: `/staff/privacy/people/export.json?email=${EMAIL}`,
      cookies: admin.cookies,
    });
    assert.equal(json.statusCode, 200);
    assert.match(
      String(json.headers['content-disposition']),
      /^attachment; filename="subject-access-2026-11-23\.json"$/,
    );
    const report = json.json() as { found: boolean; records: Record<string, Array<Record<string, unknown>>> };
    assert.equal(report.found, true);
    assert.equal(report.records.enquiries![0]!.reference, enquiry.reference);
    assert.equal(report.records.account![0]!.name, NAME);
    assert.equal(report.records.leader![0]!.id, leaderId);
    assert.deepEqual(
      report.records.agreements!.map((row) => row.id),
      [agreementId],
    );
    assert.ok(report.records.emails!.length >= 1, 'the acknowledgement sent to them');
  });

  test('a wrong address is refused with the error summary; an unknown one holds nothing; only administrators may look', async () => {
    const bad = await t.app.inject({ url: '/staff/privacy/people?email=not-an-address', cookies: admin.cookies });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      errorSummary(bad.body).map((item) => item.href),
      ['#email'],
    );
    assert.match(bad.body, /value="not-an-address"/);
    assert.equal(
      (await t.app.inject({ url: '/staff/privacy/people/export.json?email=x', cookies: admin.cookies })).statusCode,
      400,
    );
    const unknown = await t.app.inject({
      url: '/staff/privacy/people?email=nobody@nowhere.example',
      cookies: admin.cookies,
    });
    assert.match(unknown.body, /id="nothing-held"/);
    const coordinator = await person(t, { roles: ['coordinator'] });
    assert.equal(
      (await t.app.inject({ url: `/staff/privacy/people?email=${EMAIL}`, cookies: coordinator.cookies })).statusCode,
      403,
    );
  });

  test('erasure asks for confirmation, keeps an expired form, then erases all but the signed agreement, audited by reference only', async () => {
    const confirm = await openForm(t.app, `/staff/privacy/people/erase?email=${EMAIL}`, admin.cookies);
    assert.match(confirm.page.body, /id="kept">1 signed support agreements/);
    const unconfirmed = await submitForm(t.app, '/staff/privacy/people/erase', { email: EMAIL }, confirm);
    assert.equal(unconfirmed.statusCode, 400);
    assert.deepEqual(
      errorSummary(unconfirmed.body).map((item) => item.href),
      ['#confirm'],
    );
    const expired = await submitForm(
      t.app,
      '/staff/privacy/people/erase',
      { email: EMAIL, confirm: 'yes' },
      { ...confirm, csrfToken: 'stale' },
    );
    assert.equal(expired.statusCode, 403);
    assert.match(expired.body, /This form had expired, so nothing was erased/);
    assert.match(expired.body, /value="yes" checked/);
    assert.equal((await t.database.db.select().from(users).where(eq(users.id, subject.id)))[0]!.name, NAME);

    const erased = await submitForm(t.app, '/staff/privacy/people/erase', { email: EMAIL, confirm: 'yes' }, confirm);
    assert.equal(erased.statusCode, 303, erased.body);
    const [account] = await t.database.db.select().from(users).where(eq(users.id, subject.id));
    assert.equal(account!.name, 'Erased person');
    assert.doesNotMatch(account!.email, /lee/i);
    assert.equal(account!.passwordHash, null);
    const [row] = await t.database.db.select().from(enquiries).where(eq(enquiries.id, enquiry.id));
    assert.equal(row!.contactName, 'Removed');
    assert.equal(row!.contactEmail, '');
    const [leader] = await t.database.db.select().from(leaders).where(eq(leaders.id, leaderId));
    assert.equal(leader!.name, NAME, 'kept: a signed agreement in its retention period names them');
    assert.equal(leader!.listed, false);
    assert.doesNotMatch(leader!.email, /lee/i);
    // The signed agreement reads as it was signed.
    const agreement = await t.app.inject({ url: `/staff/agreements/${agreementId}`, cookies: admin.cookies });
    assert.equal(agreement.statusCode, 200);
    assert.ok(agreement.body.includes(NAME));

    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'person-erased'));
    assert.equal(events.length, 1);
    assert.match(events[0]!.entityId, /^ERASURE-\d+$/);
    const recorded = JSON.stringify(events[0]);
    assert.ok(!/lee/i.test(recorded), 'the trail holds no name or address of the person erased');
    // Nothing is found by their address any more.
    const after = await t.app.inject({ url: `/staff/privacy/people?email=${EMAIL}`, cookies: admin.cookies });
    assert.match(after.body, /id="nothing-held"/);
  });
  test('when its retention period ends, the run removes the names the erasure had to keep on the signed agreement', async () => {
    // The agreement ends in 2027 (the test terms); 6 years on, it is due.
    t.clock.set('2034-01-10T10:00:00Z');
    const [before] = await t.database.db.select().from(agreementSignatures);
    assert.notEqual(before!.signatoryName, 'Removed');
    assert.equal(await t.app.services.retention.runIfDue(), 'done');
    const [run] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'retention-run'));
    assert.equal((run!.after as Record<string, number>).agreementsAnonymised, 1);
    const signatures = await t.database.db.select().from(agreementSignatures);
    assert.ok(signatures.length >= 3 && signatures.every((row) => row.signatoryName === 'Removed'));
    const [agreement] = await t.database.db.select().from(agreements).where(eq(agreements.id, agreementId));
    assert.ok(agreement!.personalDataRemovedAt);
    assert.equal(agreement!.status, 'signed', 'kept for the reports, without the names');
  });
});

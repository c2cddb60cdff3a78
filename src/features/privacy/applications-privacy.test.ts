import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { sentApplication } from '../../../test/support/applications.ts';
import { page, tableRows } from '../../../test/support/html.ts';
import { person, type Person } from '../../../test/support/people.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { applicationEvidence, applicationRequests, applications } from '../designation/applications.tables.ts';
import { insertAppeal, insertDecision } from '../designation/panels.repository.ts';
import { RETENTION_COUNT_LABELS } from './privacy.model.ts';

const APPLICANT = 'ava.applicant@palmerston.example';
const REFEREE = 'rhys.referee@banks-road.example';

describe('applicants’, referees’ and consenters’ personal data in the privacy tools', () => {
  let t: TestApp;
  let admin: Person;
  let mine: { id: number; reference: string };
  let draft: { id: number };
  let theirs: { id: number; reference: string };

  const application = async (id: number) =>
    (await t.database.db.select().from(applications).where(eq(applications.id, id)))[0];
  const report = async (email: string) =>
    (
      await t.app.inject({ url: `/staff/privacy/people/export.json?email=${email}`, cookies: admin.cookies })
    ).json() as { found: boolean; records: Record<string, Array<Record<string, unknown>>> };

  before(async () => {
    t = await buildTestApp({ now: '2026-11-23T10:00:00Z' });
    admin = await person(t, { roles: ['administrator'] });
    const palmerston = EXAMPLE_SCHOOLS.palmerston.urn;
    mine = await sentApplication(t, {
      applicantName: 'Ava Applicant',
      applicantEmail: APPLICANT,
      schoolUrn: palmerston,
    });
    draft = await sentApplication(t, {
      applicantName: 'Ava Applicant',
      applicantEmail: 'Ava.Applicant@palmerston.example',
      schoolUrn: palmerston,
      status: 'started',
    });
    // Ava's colleague names Rhys as the leader they supported; he wrote a reference.
    theirs = await sentApplication(t, { applicantName: 'Colm Colleague', schoolUrn: palmerston });
    await t.database.db
      .update(applicationRequests)
      .set({ name: 'Rhys Referee', email: REFEREE, answerText: 'Colm transformed our maths department.' })
      .where(
        and(
          eq(applicationRequests.applicationId, theirs.id),
          eq(applicationRequests.kind, 'supported-leader-reference'),
        ),
      );
  });
  after(() => t.close());

  test('subject access finds an applicant’s applications with their answers and evidence, and a referee’s words', async () => {
    const html = (await t.app.inject({ url: `/staff/privacy/people?email=${APPLICANT}`, cookies: admin.cookies })).body;
    assert.match(
      page(html).querySelector('#section-applications')!.text,
      /Applications for designation they made \(2\)/,
    );
    assert.ok(html.includes(mine.reference));
    const applicant = await report(APPLICANT);
    assert.equal(applicant.found, true);
    assert.deepEqual(
      applicant.records.applications!.map((row) => [row.status, row.applicant_name, row.job_title]),
      [
        ['sent', 'Ava Applicant', 'Head of maths'],
        ['started', 'Ava Applicant', 'Head of maths'],
      ],
    );
    assert.ok(applicant.records.applicationEvidence!.every((row) => /^Evidence of /.test(String(row.evidence))));
    assert.ok(applicant.records.applicationEvidence!.length > 0);

    const referee = await report(REFEREE);
    assert.equal(referee.found, true);
    assert.deepEqual(
      referee.records.requestsAnswered!.map((row) => [row.application, row.applicant, row.what_they_wrote]),
      [[theirs.reference, 'Colm Colleague', 'Colm transformed our maths department.']],
    );
  });

  test('erasing an applicant: the page says what goes and what stays; the draft is deleted, the sent one withdrawn and emptied', async () => {
    const confirm = await openForm(t.app, `/staff/privacy/people/erase?email=${APPLICANT}`, admin.cookies);
    const erased = page(confirm.page.body).querySelector('#erased')!.text.replace(/\s+/g, ' ');
    assert.match(erased, /2 applications for designation they made: their name, contact details, evidence/);
    assert.match(
      page(confirm.page.body).querySelector('#kept-applications')!.text,
      /the panel’s decision and scores stay/,
    );
    const done = await submitForm(t.app, '/staff/privacy/people/erase', { email: APPLICANT, confirm: 'yes' }, confirm);
    assert.equal(done.statusCode, 303, done.body);

    assert.equal(await application(draft.id), undefined, 'never sent: deleted');
    const kept = (await application(mine.id))!;
    assert.equal(kept.applicantName, 'Removed');
    assert.equal(kept.applicantEmail, '');
    assert.equal(kept.status, 'withdrawn', 'sent and undecided: it goes to no panel');
    assert.equal(kept.schoolUrn, EXAMPLE_SCHOOLS.palmerston.urn);
    const evidence = await t.database.db
      .select()
      .from(applicationEvidence)
      .where(eq(applicationEvidence.applicationId, mine.id));
    assert.ok(evidence.every((row) => row.evidence === 'Removed'));
    const requests = await t.database.db
      .select()
      .from(applicationRequests)
      .where(eq(applicationRequests.applicationId, mine.id));
    assert.ok(requests.every((row) => row.name === 'Removed' && row.email === '' && row.tokenHash === null));
    assert.ok(requests.every((row) => row.answerText === null || row.answerText === 'Removed'));
    assert.ok(
      requests.some((row) => row.supports === true && row.releaseDays === 15),
      'what was agreed stays',
    );
    assert.equal((await report(APPLICANT)).found, false);
    const staffPage = await t.app.inject({ url: `/staff/applications/${mine.id}`, cookies: admin.cookies });
    assert.equal(staffPage.statusCode, 200);
    assert.doesNotMatch(staffPage.body, /Ava Applicant|from applicant \d+\./);
  });

  test('erasing a referee removes their name, address and words from the reference, keeping that they supported it', async () => {
    const confirm = await openForm(t.app, `/staff/privacy/people/erase?email=${REFEREE}`, admin.cookies);
    assert.match(
      page(confirm.page.body).querySelector('#erased')!.text,
      /1 references and release consents asked of them/,
    );
    const done = await submitForm(t.app, '/staff/privacy/people/erase', { email: REFEREE, confirm: 'yes' }, confirm);
    assert.equal(done.statusCode, 303, done.body);
    const [reference] = await t.database.db
      .select()
      .from(applicationRequests)
      .where(
        and(
          eq(applicationRequests.applicationId, theirs.id),
          eq(applicationRequests.kind, 'supported-leader-reference'),
        ),
      );
    assert.deepEqual(
      [reference!.name, reference!.email, reference!.answerText, reference!.supports],
      ['Removed', '', 'Removed', true],
    );
    assert.equal((await application(theirs.id))!.applicantName, 'Colm Colleague', 'the applicant’s own record stays');
    assert.equal((await report(REFEREE)).found, false);
  });

  test('the retention schedule states the period; the daily run empties applications closed a year ago and deletes old drafts', async () => {
    const palmerston = EXAMPLE_SCHOOLS.palmerston.urn;
    const oldWithdrawn = await sentApplication(t, { applicantName: 'Wendy Withdrawn', schoolUrn: palmerston });
    const recentWithdrawn = await sentApplication(t, { applicantName: 'Rosa Recent', schoolUrn: palmerston });
    const oldDraft = await sentApplication(t, { applicantName: 'Dan Draft', schoolUrn: palmerston, status: 'started' });
    const freshDraft = await sentApplication(t, {
      applicantName: 'Fay Fresh',
      schoolUrn: palmerston,
      status: 'started',
    });
    const notDesignated = await sentApplication(t, { applicantName: 'Nia Notyet', schoolUrn: palmerston });
    const appealing = await sentApplication(t, { applicantName: 'Abe Appealing', schoolUrn: palmerston });
    const set = (id: number, values: Partial<typeof applications.$inferInsert>) =>
      t.database.db.update(applications).set(values).where(eq(applications.id, id));
    // Both decided in October 2025, not designated; Abe's appeal is still waiting for a panel.
    const panelId = await t.app.services.panels.create(admin.user, {
      meetsOn: '2025-10-06',
      hearing: 'application',
      note: '',
    });
    const decided = { panelId, outcome: 'not-designated' as const, feedback: 'More evidence of impact, please.' };
    const when = { decidedOn: '2025-10-06', decidedByUserId: admin.id, recordedAt: new Date('2025-10-06T16:00:00Z') };
    await insertDecision(t.database.db, { applicationId: notDesignated.id, ...decided, ...when });
    const decisionId = await insertDecision(t.database.db, { applicationId: appealing.id, ...decided, ...when });
    await insertAppeal(t.database.db, {
      decisionId: decisionId!,
      lodgedOn: '2025-10-20',
      grounds: 'The panel misread my evidence',
    });
    await set(oldWithdrawn.id, { status: 'withdrawn', withdrawnAt: new Date('2025-10-01T09:00:00Z') });
    await set(recentWithdrawn.id, { status: 'withdrawn', withdrawnAt: new Date('2026-06-01T09:00:00Z') });
    await set(oldDraft.id, { updatedAt: new Date('2026-04-01T09:00:00Z') });
    await set(freshDraft.id, { updatedAt: new Date('2026-10-01T09:00:00Z') });

    const notice = page((await t.app.inject({ url: '/privacy' })).body).querySelector('#retention-schedule')!.text;
    assert.match(notice, /Applications for designation that did not lead to one: 1 year after/);
    const privacy = (await t.app.inject({ url: '/staff/privacy', cookies: admin.cookies })).body;
    const labels = Object.values(RETENTION_COUNT_LABELS);
    const preview = new Map(tableRows(privacy, '#retention-preview').map(([n], index) => [labels[index], Number(n)]));
    assert.equal(preview.get(RETENTION_COUNT_LABELS.applicationsAnonymised), 2, 'Wendy’s and Nia’s');
    assert.equal(preview.get(RETENTION_COUNT_LABELS.unsentApplicationsDeleted), 1);

    assert.equal(await t.app.services.retention.runIfDue(), 'done');
    assert.equal((await application(oldWithdrawn.id))!.applicantName, 'Removed');
    assert.equal((await application(recentWithdrawn.id))!.applicantName, 'Rosa Recent');
    assert.equal((await application(notDesignated.id))!.applicantName, 'Removed');
    assert.equal((await application(appealing.id))!.applicantName, 'Abe Appealing', 'an appeal is waiting');
    assert.equal(await application(oldDraft.id), undefined);
    assert.equal((await application(freshDraft.id))!.applicantName, 'Fay Fresh');
  });
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, openForm, type TestApp } from '../../../test/support/test-app.ts';
import { holdImportLock, submitUpload } from '../../../test/support/uploads.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { countLeaders, findLeaderRowByEmail } from './leaders.repository.ts';
import { errorSummary, summaryListRows, tableRows } from '../../../test/support/html.ts';
import { person, type Person } from '../../../test/support/people.ts';

const ROSTER = fs.readFileSync(path.resolve(import.meta.dirname, '../../../test/fixtures/roster.csv'));
const UPLOAD_LIMIT = 4000;

/** Upload directories left in the temporary directory: every upload's file must be gone once answered. */
const leftovers = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('s2s-upload-'));

describe('uploading a roster of system leaders', () => {
  let t: TestApp;
  let coordinator: Person;
  let allianceId: number;
  let before0: string[];
  const upload = async (
    content: string | Buffer,
    filename = 'roster.csv',
    session?: { csrfToken?: string; cookies: Record<string, string> },
  ) => {
    const form = session ?? (await openForm(t.app, '/staff/leaders/roster', coordinator.cookies));
    return submitUpload(t.app, '/staff/leaders/roster', { field: 'roster', filename, content }, form);
  };
  const rosterEvents = () =>
    t.database.db.select().from(auditEvents).where(eq(auditEvents.entityType, 'leader-roster')).orderBy(auditEvents.id);

  before(async () => {
    t = await buildTestApp({ env: { ROSTER_UPLOAD_MAX_BYTES: String(UPLOAD_LIMIT) } });
    coordinator = await person(t, { roles: ['coordinator'] });
    allianceId = (await t.app.services.alliances.current()).id;
    before0 = leftovers();
  });
  after(async () => {
    await t.close();
    assert.deepEqual(leftovers(), before0, 'no uploaded file is left behind');
  });

  test('a roster is imported and its report shown, with each rejected row’s line and reason; the upload is one audit event', async () => {
    const response = await upload(ROSTER, 'Alliance roster.csv');
    assert.equal(response.statusCode, 303);
    const reportUrl = String(response.headers.location);
    assert.match(reportUrl, /^\/staff\/leaders\/roster\/\d+$/);
    assert.deepEqual(leftovers(), before0, 'the file is deleted once imported');

    const report = await t.app.inject({ url: reportUrl, cookies: coordinator.cookies });
    assert.equal(report.statusCode, 200);
    assert.match(report.body, /<span class="govuk-caption-l">Alliance roster\.csv<\/span>/);
    const counts = Object.fromEntries(
      summaryListRows(report.body)
        .filter(([, value]) => /^\d+$/.test(value))
        .map(([key, value]) => [key, Number(value)]),
    );
    assert.deepEqual(counts, {
      'Rows read': 9,
      'Leaders added': 3,
      'Leaders updated': 0,
      'Leaders unchanged': 0,
      'Rows rejected': 5,
    });
    const rows = tableRows(report.body, 'table').map(([line, reason]) => [Number(line), reason]);
    assert.deepEqual(rows, [
      [5, 'No school has the URN 999999'],
      [6, 'Enter an email address'],
      [7, 'The designation date ‘31/02/2023’ is not a date (use DD/MM/YYYY or YYYY-MM-DD)'],
      [8, 'Designation type must be SLE, LLE or NLE'],
      [9, 'Unknown specialism: Juggling'],
    ]);

    const [event] = await rosterEvents();
    assert.deepEqual(
      [event!.action, event!.actorUserId, event!.entityId, event!.before],
      ['imported', coordinator.user.id, String(allianceId), null],
    );
    assert.deepEqual(event!.after, {
      file: 'Alliance roster.csv',
      rowsRead: 9,
      added: 3,
      updated: 0,
      unchanged: 0,
      rejected: 5,
      rejectedRows: [
        '5: No school has the URN 999999',
        '6: Enter an email address',
        '7: The designation date ‘31/02/2023’ is not a date (use DD/MM/YYYY or YYYY-MM-DD)',
        '8: Designation type must be SLE, LLE or NLE',
        '9: Unknown specialism: Juggling',
      ],
    });
    // Each leader added has the detail on their own trail.
    const amira = await findLeaderRowByEmail(t.database.db, allianceId, 'a.hussain@palmerston.example');
    const [added] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'leader'), eq(auditEvents.entityId, String(amira!.id))));
    assert.equal(added?.action, 'roster-added');
    assert.equal(
      (added?.after as Record<string, unknown>).homeSchool,
      'Palmerston School, Liverpool L17 6AU (URN 104748)',
    );

    const page = await t.app.inject({ url: '/staff/leaders/roster', cookies: coordinator.cookies });
    assert.match(
      page.body,
      new RegExp(
        `href="${reportUrl}">Alliance roster\\.csv, 23 November 2026 at 10am</a> by Test coordinator \\d+:\\s+3 added, 0 updated, 5 rejected`,
      ),
    );

    const second = await upload(ROSTER);
    const secondReport = await t.app.inject({ url: String(second.headers.location), cookies: coordinator.cookies });
    assert.match(
      secondReport.body,
      /Leaders unchanged\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*3\s*</,
      'the same file again changes nothing',
    );
  });

  test('no file, an empty file, a file too large, a spreadsheet and a file without the roster’s columns are each explained, and change nothing', async () => {
    const leaders = await countLeaders(t.database.db, allianceId);
    const events = (await rosterEvents()).length;
    const form = await openForm(t.app, '/staff/leaders/roster', coordinator.cookies);
    const none = await submitUpload(t.app, '/staff/leaders/roster', undefined, form);
    assert.equal(none.statusCode, 400);
    assert.deepEqual(errorSummary(none.body), [{ href: '#roster', text: 'Select a CSV file of system leaders' }]);
    const unchosen = await submitUpload(
      t.app,
      '/staff/leaders/roster',
      { field: 'roster', filename: '', content: '' },
      form,
    );
    assert.deepEqual(errorSummary(unchosen.body), [{ href: '#roster', text: 'Select a CSV file of system leaders' }]);
    assert.deepEqual(errorSummary((await upload('', 'empty.csv')).body), [
      { href: '#roster', text: 'The selected file is empty' },
    ]);

    const tooLarge = await upload(`${ROSTER.toString()}${'x'.repeat(UPLOAD_LIMIT)}`);
    assert.equal(tooLarge.statusCode, 413);
    assert.deepEqual(errorSummary(tooLarge.body), [
      { href: '#roster', text: 'The selected file must be smaller than 4 KB' },
    ]);
    assert.match(tooLarge.body, /class="govuk-file-upload govuk-file-upload--error"/);

    const workbook = await upload(
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]),
      'roster.xlsx',
    );
    assert.equal(workbook.statusCode, 400);
    assert.deepEqual(errorSummary(workbook.body), [
      {
        href: '#roster',
        text: 'Nothing was imported. The file is an Excel workbook, not CSV. In Excel, choose File > Save As > CSV (comma delimited), then upload that file',
      },
    ]);
    const wrongColumns = await upload(
      'Name,Email,URN,Role\nAda Lovelace,ada@x.example,104748,Teacher\n',
      'teachers.csv',
    );
    assert.deepEqual(errorSummary(wrongColumns.body), [
      {
        href: '#roster',
        text: 'Nothing was imported. The first row must name the roster’s columns. Missing: Designation, Designation date. Found: Name, Email, URN, Role',
      },
    ]);
    const broken = await upload(
      'Name,Email,Home school URN,Designation,Designation date\n"Ada Lovelace,ada@x.example,104748,SLE,01/09/2024\n',
      'broken.csv',
    );
    assert.deepEqual(errorSummary(broken.body), [
      {
        href: '#roster',
        text: 'Nothing was imported. Line 2: a quoted cell is never closed, so the file may have been cut off',
      },
    ]);

    assert.equal(await countLeaders(t.database.db, allianceId), leaders);
    assert.equal((await rosterEvents()).length, events);
    assert.deepEqual(leftovers(), before0);
  });

  test('an upload while another is running is refused with who started it, and nothing is imported', async () => {
    const other = await person(t, { roles: ['coordinator'] });
    const key = `roster:${allianceId}`;
    const finishOther = await holdImportLock(t, key, other.user.id);
    try {
      const refused = await upload(
        'Name,Email,Home school URN,Designation,Designation date\nBusy Bee,busy@bee.example,104748,SLE,01/09/2024\n',
      );
      assert.equal(refused.statusCode, 409);
      assert.deepEqual(errorSummary(refused.body), [
        {
          href: '#roster',
          text: `Another upload of a roster is running (started by ${other.user.name} at 10am), so this file was not imported. Wait for it to finish, then upload the file again`,
        },
      ]);
      assert.equal(await findLeaderRowByEmail(t.database.db, allianceId, 'busy@bee.example'), undefined);
      // Once the other upload has finished, this one goes ahead.
      await finishOther();
      assert.equal(
        (
          await upload(
            'Name,Email,Home school URN,Designation,Designation date\nBusy Bee,busy@bee.example,104748,SLE,01/09/2024\n',
          )
        ).statusCode,
        303,
      );
      assert.ok(await findLeaderRowByEmail(t.database.db, allianceId, 'busy@bee.example'));
    } finally {
      await finishOther();
    }
  });

  test('two uploads at the same moment add the leaders once: the second is refused, or runs after and adds no one', async () => {
    const file =
      'Name,Email,Home school URN,Designation,Designation date\nTwin One,twin.one@same.example,104748,SLE,01/09/2024\nTwin Two,twin.two@same.example,104516,LLE,01/09/2024\n';
    const leadersBefore = await countLeaders(t.database.db, allianceId);
    const [formA, formB] = [
      await openForm(t.app, '/staff/leaders/roster', coordinator.cookies),
      await openForm(t.app, '/staff/leaders/roster', coordinator.cookies),
    ];
    const statuses = (await Promise.all([upload(file, 'a.csv', formA), upload(file, 'b.csv', formB)]))
      .map((response) => response.statusCode)
      .sort();
    // Usually the second finds the lock held and is refused; on PostgreSQL the first can finish before the
    // second begins, and then the second, run after it, finds both leaders there and adds no one.
    assert.ok(
      JSON.stringify(statuses) === '[303,409]' || JSON.stringify(statuses) === '[303,303]',
      JSON.stringify(statuses),
    );
    for (const email of ['twin.one@same.example', 'twin.two@same.example'])
      assert.ok(await findLeaderRowByEmail(t.database.db, allianceId, email), email);
    assert.equal(await countLeaders(t.database.db, allianceId), leadersBefore + 2);
  });

  test('the CSRF token is checked after the file is read: without it nothing is imported and the file is deleted', async () => {
    const leaders = await countLeaders(t.database.db, allianceId);
    const form = await openForm(t.app, '/staff/leaders/roster', coordinator.cookies);
    const file =
      'Name,Email,Home school URN,Designation,Designation date\nForged Fay,fay@forged.example,104748,SLE,01/09/2024\n';
    const missing = await upload(file, 'forged.csv', { cookies: form.cookies });
    assert.equal(missing.statusCode, 403);
    assert.deepEqual(errorSummary(missing.body), [
      { href: '#roster', text: 'This form had expired, so nothing was imported. Select the file and upload it again' },
    ]);
    const other = await person(t, { roles: ['coordinator'] });
    const otherForm = await openForm(t.app, '/staff/leaders/roster', other.cookies);
    const wrongSession = await upload(file, 'forged.csv', { csrfToken: otherForm.csrfToken, cookies: form.cookies });
    assert.equal(wrongSession.statusCode, 403);
    assert.equal(await countLeaders(t.database.db, allianceId), leaders);
    assert.deepEqual(leftovers(), before0);
  });

  test('only coordinators and administrators may upload or read a report', async () => {
    const [event] = await rosterEvents();
    for (const roles of [['system-leader'], ['school-contact']] as const) {
      const who = await person(t, { roles: [...roles] });
      assert.equal(
        (await t.app.inject({ url: `/staff/leaders/roster/${event!.id}`, cookies: who.cookies })).statusCode,
        403,
      );
      const form = await openForm(t.app, '/staff', who.cookies);
      assert.equal((await upload(ROSTER, 'roster.csv', form)).statusCode, 403);
    }
    const admin = await person(t, { roles: ['administrator'] });
    assert.equal(
      (await t.app.inject({ url: `/staff/leaders/roster/${event!.id}`, cookies: admin.cookies })).statusCode,
      200,
    );
    // A record of another kind is not a roster report.
    const [leaderEvent] = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityType, 'leader'))
      .limit(1);
    assert.equal(
      (await t.app.inject({ url: `/staff/leaders/roster/${leaderEvent!.id}`, cookies: admin.cookies })).statusCode,
      404,
    );
  });
});

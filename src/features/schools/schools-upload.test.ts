import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { buildTestApp, cookiesFrom, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { holdImportLock, submitUpload } from '../../../test/support/uploads.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { findSchoolByUrn } from './schools.repository.ts';
import { schools } from './schools.tables.ts';
import { errorSummary } from '../../../test/support/html.ts';
import { person, type Person } from '../../../test/support/people.ts';

const fixtures = path.resolve(import.meta.dirname, '../../../test/fixtures');
const GIAS = fs.readFileSync(path.join(fixtures, 'gias-edubasealldata.csv'));
const EXTRACT = fs.readFileSync(path.join(fixtures, 'schools-extract.csv'));
const ROSTER = fs.readFileSync(path.join(fixtures, 'roster.csv'));
const SHIPPED_OPEN_SCHOOLS = 22_010;
const UPLOAD_LIMIT = 64 * 1024;

const leftovers = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('s2s-upload-'));

/** Uploads a file and follows the redirect to the check page; returns it, its form and the upload's token. */
async function upload(
  t: TestApp,
  cookies: Record<string, string>,
  content: Buffer | string,
  filename: string,
  fields: Record<string, string> = {},
) {
  const form = await openForm(t.app, '/staff/schools/import', cookies);
  const uploaded = await submitUpload(
    t.app,
    '/staff/schools/import',
    { field: 'register', filename, content },
    form,
    fields,
  );
  assert.equal(uploaded.statusCode, 303, uploaded.body.slice(0, 500));
  const location = String(uploaded.headers.location);
  assert.match(location, /^\/staff\/schools\/import\/check\?upload=[\w-]+$/);
  const check = await openForm(t.app, location, form.cookies);
  return { check, token: new URL(location, 'http://localhost').searchParams.get('upload')! };
}

describe('a full import of the register from GIAS', () => {
  let t: TestApp;
  let admin: Person;
  const countOpen = async () =>
    (
      await t.database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(schools)
        .where(eq(schools.status, 'open'))
    )[0]!.n;
  const registerEvents = () =>
    t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityType, 'school-register'))
      .orderBy(auditEvents.id);
  const uploadAndCheck = (content: Buffer, filename: string) => upload(t, admin.cookies, content, filename);

  before(async () => {
    t = await buildTestApp();
    admin = await person(t, { roles: ['administrator'] });
  });
  after(() => t.close());

  test('a full GIAS import says how many schools it will close, and closes none until that is confirmed', async () => {
    const { check, token } = await uploadAndCheck(GIAS, 'edubasealldata20251101.csv');
    assert.match(check.page.body, /GIAS edubasealldata, in WINDOWS-1252/);
    assert.match(check.page.body, /Full: the file lists every school/);
    // Every open school but the 5 the file lists (St Anne's among them: the file itself closes it).
    const stated = SHIPPED_OPEN_SCHOOLS - 5;
    assert.match(check.page.body, /This will close 22,005 schools not in the file\./);
    assert.match(check.page.body, /value="22005"/);

    const unconfirmed = await submitForm(
      t.app,
      '/staff/schools/import/check',
      { upload: token, decision: 'import' },
      check,
    );
    assert.equal(unconfirmed.statusCode, 400);
    assert.deepEqual(errorSummary(unconfirmed.body), [
      {
        href: '#confirmClosures',
        text: `Confirm that ${stated.toLocaleString('en-GB')} open schools not in the file will be marked closed`,
      },
    ]);
    const wrongNumber = await submitForm(
      t.app,
      '/staff/schools/import/check',
      { upload: token, decision: 'import', confirmClosures: '3' },
      check,
    );
    assert.equal(wrongNumber.statusCode, 400);
    assert.equal((await registerEvents()).length, 0);
    assert.equal(await countOpen(), SHIPPED_OPEN_SCHOOLS);

    // The register changes after the check (another way in: a school closes): the count is checked again.
    await t.database.db.update(schools).set({ status: 'closed' }).where(eq(schools.urn, 100000));
    const changed = await submitForm(
      t.app,
      '/staff/schools/import/check',
      { upload: token, decision: 'import', confirmClosures: String(stated) },
      check,
    );
    assert.equal(changed.statusCode, 400);
    assert.deepEqual(errorSummary(changed.body), [
      {
        href: '#confirmClosures',
        text: `The register has changed since the file was checked: importing it will now close ${(stated - 1).toLocaleString('en-GB')} schools. Check and confirm again`,
      },
    ]);
    assert.equal(await countOpen(), SHIPPED_OPEN_SCHOOLS - 1);

    const imported = await submitForm(
      t.app,
      '/staff/schools/import/check',
      { upload: token, decision: 'import', confirmClosures: String(stated - 1) },
      check,
    );
    assert.equal(imported.statusCode, 303);
    const event = (await registerEvents()).at(-1)!;
    const after = event.after as Record<string, unknown>;
    assert.deepEqual(
      [
        after.file,
        after.format,
        after.full,
        after.read,
        after.added,
        after.changed,
        after.unchanged,
        after.closed,
        after.rejected,
        after.unlocated,
      ],
      ['edubasealldata20251101.csv', 'GIAS edubasealldata', true, 16, 4, 5, 0, stated - 1, 7, 1],
    );
    assert.deepEqual(after.unlocatedRows, ['10: URN 999903 has no coordinates, grid reference or known postcode']);
    assert.equal(
      (await findSchoolByUrn(t.database.db, 105000))?.status,
      'closed',
      'a school the file leaves out is closed',
    );
    const report = await t.app.inject({ url: String(imported.headers.location), cookies: admin.cookies });
    assert.match(
      report.body,
      /Schools not in the file, marked closed\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*22,004\s*</,
    );
  });
});

describe('administrators updating the register of schools from an upload, step by step', () => {
  let t: TestApp;
  let admin: Person;
  let before0: string[];
  const registerEvents = () =>
    t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityType, 'school-register'))
      .orderBy(auditEvents.id);

  const uploadAndCheck = (content: Buffer | string, filename: string, fields: Record<string, string> = {}) =>
    upload(t, admin.cookies, content, filename, fields);

  before(async () => {
    t = await buildTestApp({ env: { SCHOOLS_UPLOAD_MAX_BYTES: String(UPLOAD_LIMIT) } });
    admin = await person(t, { roles: ['administrator'] });
    before0 = leftovers();
  });
  after(async () => {
    await t.close();
    assert.deepEqual(leftovers(), before0, 'files waiting for a confirmation are deleted when the service stops');
  });

  test('an update from the extract: checked, imported on request, with its report and one audit event', async () => {
    const { check, token } = await uploadAndCheck(EXTRACT, 'schools.csv');
    assert.match(check.page.body, /schools\.csv \(2 KB\)/);
    assert.match(check.page.body, /The register extract, in UTF-8/);
    assert.match(check.page.body, /Rows in the file\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*12\s*</);
    assert.match(check.page.body, /An update: schools not in the file are left as they are/);
    assert.doesNotMatch(check.page.body, /confirmClosures/);
    assert.equal((await findSchoolByUrn(t.database.db, 104516))?.town, 'Liverpool', 'checking changes nothing');

    const imported = await submitForm(
      t.app,
      '/staff/schools/import/check',
      { upload: token, decision: 'import' },
      check,
    );
    assert.equal(imported.statusCode, 303);
    assert.match(String(imported.headers.location), /^\/staff\/schools\/imports\/\d+$/);
    assert.equal((await findSchoolByUrn(t.database.db, 104516))?.town, 'Garston');

    const [event] = await registerEvents();
    assert.deepEqual([event!.action, event!.actorUserId, event!.entityId], ['imported', admin.user.id, 'england']);
    assert.deepEqual(event!.after, {
      file: 'schools.csv',
      format: 'The register extract',
      full: false,
      read: 12,
      added: 4,
      changed: 2,
      unchanged: 1,
      closed: 0,
      rejected: 5,
      rejectedRows: [
        '8: URN ‘abc’ is not a number',
        '9: open_date ‘30-02-2021’ is not a date (DD-MM-YYYY)',
        '10: lat and lng must be given together (found lat/lng ‘53.4’, ‘’)',
        '11: lat/lng ‘0’, ‘0’ is not a place in Great Britain',
        '12: No school name (name is empty)',
      ],
      unlocated: 0,
      unlocatedRows: [],
    });
    const report = await t.app.inject({ url: String(imported.headers.location), cookies: admin.cookies });
    assert.match(report.body, /Schools added\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*4\s*</);
    assert.match(report.body, /None: not a full import/);
    assert.match(
      report.body,
      /<td class="govuk-table__cell">9<\/td><td class="govuk-table__cell">open_date ‘30-02-2021’ is not a date \(DD-MM-YYYY\)<\/td>/,
    );
    assert.deepEqual(leftovers(), before0, 'the file is deleted once imported');

    const again = await t.app.inject({ url: `/staff/schools/import/check?upload=${token}`, cookies: check.cookies });
    assert.equal(again.statusCode, 303, 'a file imported cannot be imported twice');
  });

  test('a file that is not a register, a broken one, none, and one too large are each explained, and change nothing', async () => {
    const events = (await registerEvents()).length;
    const form = await openForm(t.app, '/staff/schools/import', admin.cookies);
    const refused = async (content: Buffer | string | undefined, filename: string) => {
      const response = await submitUpload(
        t.app,
        '/staff/schools/import',
        content === undefined ? undefined : { field: 'register', filename, content },
        form,
      );
      return { status: response.statusCode, summary: errorSummary(response.body) };
    };
    assert.deepEqual(await refused(undefined, ''), {
      status: 400,
      summary: [{ href: '#register', text: 'Select a CSV file of schools' }],
    });
    assert.deepEqual(await refused('', 'empty.csv'), {
      status: 400,
      summary: [{ href: '#register', text: 'The selected file is empty' }],
    });
    assert.deepEqual(await refused(ROSTER, 'leaders.csv'), {
      status: 400,
      summary: [
        {
          href: '#register',
          text: 'This file cannot be imported. The first row of leaders.csv names no columns this importer knows. Expected GIAS edubasealldata (URN, EstablishmentName, ...) or the register extract (urn, name, ...); found Name,Email,Home school URN,Designation,Designation date,Specialisms',
        },
      ],
    });
    assert.deepEqual(await refused('urn,name\n"104748,Palmerston\n', 'broken.csv'), {
      status: 400,
      summary: [
        {
          href: '#register',
          text: 'This file cannot be imported. Line 2: a quoted cell is never closed, so the file may have been cut off',
        },
      ],
    });
    assert.deepEqual(await refused('urn,name\n104748,Palmerston,surplus\n', 'fields.csv'), {
      status: 400,
      summary: [{ href: '#register', text: 'This file cannot be imported. Line 2 has 3 fields; the header has 2' }],
    });
    assert.deepEqual(await refused('urn,name\n', 'header-only.csv'), {
      status: 400,
      summary: [{ href: '#register', text: 'This file cannot be imported. The file has a header row but no schools' }],
    });
    assert.deepEqual(await refused(Buffer.alloc(UPLOAD_LIMIT + 1, 'a'), 'huge.csv'), {
      status: 413,
      summary: [{ href: '#register', text: 'The selected file must be smaller than 64 KB' }],
    });
    assert.equal((await registerEvents()).length, events);
    assert.deepEqual(leftovers(), before0);
  });

  test('an import while another is running is refused clearly, and can be made once it has finished; cancelling deletes the file', async () => {
    const { check, token } = await uploadAndCheck(EXTRACT, 'again.csv');
    const other = await person(t, { roles: ['administrator'] });
    const finishOther = await holdImportLock(t, 'schools', other.user.id);
    const busy = await submitForm(t.app, '/staff/schools/import/check', { upload: token, decision: 'import' }, check);
    assert.equal(busy.statusCode, 409);
    assert.deepEqual(errorSummary(busy.body), [
      {
        href: '#import-file',
        text: `Another import of the register is running (started by ${other.user.name} at 10am), so this file was not imported. Wait for it to finish, then import it again`,
      },
    ]);
    await finishOther();
    const events = (await registerEvents()).length;

    const cancelled = await submitForm(
      t.app,
      '/staff/schools/import/check',
      { upload: token, decision: 'cancel' },
      check,
    );
    assert.equal(cancelled.statusCode, 303);
    const page = await t.app.inject({
      url: '/staff/schools/import',
      cookies: { ...check.cookies, ...cookiesFrom(cancelled) },
    });
    assert.match(page.body, /Cancelled: the register was not changed, and the file is deleted/);
    assert.equal((await registerEvents()).length, events);
    assert.deepEqual(leftovers(), before0);
  });

  test('an upload is its uploader’s: another administrator cannot import it; the CSRF token is checked after the file is read', async () => {
    const { token } = await uploadAndCheck(EXTRACT, 'mine.csv');
    const other = await person(t, { roles: ['administrator'] });
    const theirs = await openForm(t.app, '/staff/schools/import', other.cookies);
    const refused = await submitForm(
      t.app,
      '/staff/schools/import/check',
      { upload: token, decision: 'import' },
      theirs,
    );
    assert.equal(refused.statusCode, 303);
    assert.equal(refused.headers.location, '/staff/schools/import');

    const events = (await registerEvents()).length;
    const forged = await submitUpload(
      t.app,
      '/staff/schools/import',
      { field: 'register', filename: 'forged.csv', content: EXTRACT },
      { cookies: theirs.cookies },
    );
    assert.equal(forged.statusCode, 403);
    assert.match(forged.body, /This form had expired, so nothing was uploaded/);
    assert.equal((await registerEvents()).length, events);
  });

  test('only administrators reach these pages', async () => {
    const coordinator = await person(t, { roles: ['coordinator'] });
    for (const url of [
      '/staff/schools/import',
      '/staff/schools/import/check?upload=x',
      `/staff/schools/imports/${(await registerEvents())[0]!.id}`,
    ]) {
      assert.equal((await t.app.inject({ url, cookies: coordinator.cookies })).statusCode, 403, url);
    }
    const form = await openForm(t.app, '/staff', coordinator.cookies);
    assert.equal(
      (
        await submitUpload(
          t.app,
          '/staff/schools/import',
          { field: 'register', filename: 'x.csv', content: EXTRACT },
          form,
        )
      ).statusCode,
      403,
    );
  });
});

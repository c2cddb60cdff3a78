import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count } from 'drizzle-orm';
import { leaders } from '../src/features/leaders/leaders.tables.ts';
import { schools } from '../src/features/schools/schools.tables.ts';
import { auditEvents } from '../src/platform/audit/audit.tables.ts';
import { importLocks } from '../src/platform/uploads/uploads.tables.ts';
import { person, type Person } from './support/people.ts';
import { buildTestApp, openForm, type TestApp } from './support/test-app.ts';
import { submitMalformedUpload, submitUpload } from './support/uploads.ts';

describe('an upload that did not arrive whole is a 400 that says so, and changes nothing', () => {
  let t: TestApp;
  let administrator: Person;
  before(async () => {
    t = await buildTestApp();
    administrator = await person(t, { roles: ['administrator'] });
  });
  after(() => t.close());

  const rowCounts = () =>
    Promise.all(
      [leaders, schools, auditEvents, importLocks].map(
        async (table) => (await t.database.db.select({ n: count() }).from(table))[0]!.n,
      ),
    );

  for (const [url, field] of [
    ['/staff/leaders/roster', 'roster'],
    ['/staff/schools/import', 'register'],
  ] as const) {
    test(`${url}: no boundary, or cut off before the closing boundary`, async () => {
      const before = await rowCounts();
      for (const how of ['no-boundary', 'cut-off'] as const) {
        const session = await openForm(t.app, url, administrator.cookies);
        const response = await submitMalformedUpload(t.app, url, how, session);
        assert.equal(response.statusCode, 400, `${how}: ${response.statusCode}`);
        assert.match(response.body, /The file did not arrive whole/, how);
      }
      assert.deepEqual(await rowCounts(), before);
      // The form still works afterwards, and a handler's own refusal is not taken for a broken upload.
      const session = await openForm(t.app, url, administrator.cookies);
      const empty = await submitUpload(t.app, url, { field, filename: 'empty.csv', content: '' }, session);
      assert.equal(empty.statusCode, 400);
      assert.doesNotMatch(empty.body, /did not arrive whole/);
    });
  }
});

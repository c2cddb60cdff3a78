import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { findLeaderRowByEmail } from './leaders.repository.ts';
import { defaultReviewDate, loadLeader } from './leaders.service.ts';
import { importRoster } from './roster-import.ts';

const ROSTER = path.resolve(import.meta.dirname, '../../../test/fixtures/roster.csv');

describe('importing a roster of system leaders', () => {
  let t: TestApp;
  let allianceId: number;
  before(async () => {
    t = await buildTestApp();
    allianceId = (await t.app.services.alliances.current()).id;
  });
  after(() => t.close());

  test('adds the readable leaders and rejects each bad row with its line and reason', async () => {
    const report = await importRoster(t.database.db, allianceId, ROSTER, t.clock.now());
    assert.equal(report.rowsRead, 9);
    assert.equal(report.added, 3);
    assert.deepEqual(report.rejected, [
      { line: 5, reason: 'No school has the URN 999999' },
      { line: 6, reason: 'Enter an email address' },
      { line: 7, reason: 'The designation date ‘31/02/2023’ is not a date (use DD/MM/YYYY or YYYY-MM-DD)' },
      { line: 8, reason: 'Designation type must be SLE, LLE or NLE' },
      { line: 9, reason: 'Unknown specialism: Juggling' },
    ]);
  });

  test('stores each leader with their school, specialisms, phases and designations', async () => {
    const row = await findLeaderRowByEmail(t.database.db, allianceId, 'A.Hussain@palmerston.example');
    const amira = await loadLeader(t.database.db, allianceId, row!.id);
    assert.equal(amira?.name, 'Amira Hussain');
    assert.equal(amira?.homeSchool.name, 'Palmerston School');
    assert.deepEqual(
      amira?.specialisms.map((specialism) => specialism.name),
      ['Assessment', 'Maths'],
    );
    assert.deepEqual(amira?.phases, ['primary', 'special']);
    assert.equal(amira?.listed, true);
    assert.equal(amira?.profile, 'Maths lead who rebuilt assessment across a special school, "from scratch".');
    assert.deepEqual(
      amira?.designations.map(({ type, status, startDate, reviewDate }) => ({ type, status, startDate, reviewDate })),
      [{ type: 'sle', status: 'designated', startDate: '2023-09-01', reviewDate: '2027-09-01' }],
    );

    // Two rows for one person become one leader holding both designations and both rows' specialisms.
    const ben = await loadLeader(
      t.database.db,
      allianceId,
      (await findLeaderRowByEmail(t.database.db, allianceId, 'b.carter@banks-road.example'))!.id,
    );
    assert.deepEqual(ben?.activeTypes.sort(), ['lle', 'sle']);
    assert.deepEqual(ben?.designations.find((designation) => designation.type === 'lle')?.reviewDate, null);
    assert.deepEqual(
      ben?.specialisms.map((specialism) => specialism.name),
      ['Leadership of CPD'],
    );
  });

  test('running the same file again changes nothing', async () => {
    const report = await importRoster(t.database.db, allianceId, ROSTER, t.clock.now());
    assert.deepEqual(
      { added: report.added, updated: report.updated, unchanged: report.unchanged },
      { added: 0, updated: 0, unchanged: 3 },
    );
  });

  test('an SLE designation is reviewed 4 years after it starts, leap days included', () => {
    assert.equal(defaultReviewDate('sle', '2023-09-01'), '2027-09-01');
    assert.equal(defaultReviewDate('sle', '2020-02-29'), '2024-02-29');
    assert.equal(defaultReviewDate('sle', '2021-02-28'), '2025-02-28');
    assert.equal(defaultReviewDate('lle', '2023-09-01'), null);
  });
});

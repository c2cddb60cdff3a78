import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { resolveSchool, urnIn } from './schools.service.ts';

describe('finding a school', () => {
  let t: TestApp;
  before(async () => (t = await buildTestApp()));
  after(() => t.close());

  test('the shipped register is loaded: every school in England', async () => {
    const page = await t.app.inject({ url: '/api/schools?q=104748' });
    assert.deepEqual(page.json().results, [
      { urn: 104748, name: 'Palmerston School', town: 'Liverpool', postcode: 'L17 6AU', phase: 'Not applicable', label: 'Palmerston School, Liverpool L17 6AU (URN 104748)' },
    ]);
  });

  test('type-ahead matches words in any order across name, town and postcode, names starting with the query first', async () => {
    const results = (await t.app.inject({ url: '/api/schools?q=booker%20avenue' })).json().results;
    assert.deepEqual(results.map((school: { name: string }) => school.name), ['Booker Avenue Infant School', 'Booker Avenue Junior School']);
    const byTown = (await t.app.inject({ url: '/api/schools?q=primary%20L19%208JZ' })).json().results;
    assert.ok(byTown.some((school: { urn: number }) => school.urn === 104516));
    assert.ok((await t.app.inject({ url: '/api/schools?q=a' })).json().results.length === 0, 'one letter is too little to search');
    assert.equal((await t.app.inject({ url: '/api/schools?q=100%25' })).statusCode, 200, 'LIKE wildcards are treated as text');
  });

  test('a query over 100 characters is refused with a clear 400', async () => {
    const response = await t.app.inject({ url: `/api/schools?q=${'x'.repeat(101)}` });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(response.json(), { errors: [{ field: 'q', message: 'q must be 100 characters or fewer' }] });
  });

  test('resolves what a person typed: a URN, a type-ahead label, an exact name, or a choice', async () => {
    const db = t.database.db;
    assert.equal((await resolveSchool(db, '104748')).kind, 'found');
    const label = await resolveSchool(db, 'Palmerston School, Liverpool L17 6AU (URN 104748)');
    assert.equal(label.kind === 'found' && label.school.urn, 104748);
    const exact = await resolveSchool(db, 'palmerston school');
    assert.equal(exact.kind === 'found' && exact.school.urn, 104748);
    const several = await resolveSchool(db, 'St Mary');
    assert.equal(several.kind, 'ambiguous');
    assert.equal(several.kind === 'ambiguous' && several.candidates.length, 10);
    assert.equal((await resolveSchool(db, '999999')).kind, 'not-found');
  });
});

describe('reading what a person typed', () => {
  test('finds a URN in typed text', () => {
    assert.equal(urnIn(' 104748 '), 104748);
    assert.equal(urnIn('Palmerston School (URN 104748)'), 104748);
    assert.equal(urnIn('Palmerston'), undefined);
  });
});

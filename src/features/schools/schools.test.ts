import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { locatePlace, resolveSchool, urnIn } from './schools.service.ts';
import { withinOneEdit } from './one-edit.ts';

describe('finding a school', () => {
  let t: TestApp;
  before(async () => (t = await buildTestApp()));
  after(() => t.close());

  test('the shipped register is loaded: every school in England', async () => {
    const page = await t.app.inject({ url: '/api/schools?q=104748' });
    assert.deepEqual(page.json().results, [
      {
        urn: 104748,
        name: 'Palmerston School',
        town: 'Liverpool',
        postcode: 'L17 6AU',
        phase: 'Not applicable',
        label: 'Palmerston School, Liverpool L17 6AU (URN 104748)',
      },
    ]);
  });

  test('type-ahead matches words in any order across name, town and postcode, names starting with the query first', async () => {
    const results = (await t.app.inject({ url: '/api/schools?q=booker%20avenue' })).json().results;
    assert.deepEqual(
      results.map((school: { name: string }) => school.name),
      ['Booker Avenue Infant School', 'Booker Avenue Junior School'],
    );
    const byTown = (await t.app.inject({ url: '/api/schools?q=primary%20L19%208JZ' })).json().results;
    assert.ok(byTown.some((school: { urn: number }) => school.urn === 104516));
    assert.ok(
      (await t.app.inject({ url: '/api/schools?q=a' })).json().results.length === 0,
      'one letter is too little to search',
    );
    assert.equal(
      (await t.app.inject({ url: '/api/schools?q=100%25' })).statusCode,
      200,
      'LIKE wildcards are treated as text',
    );
  });

  test('among equal matches the type-ahead lists the alliance’s own area first (its lead school, Palmerston)', async () => {
    const palmerston: [number, number] = [53.367117, -2.929299];
    const miles = (school: { latitude: number | null; longitude: number | null }) =>
      Math.hypot((school.latitude! - palmerston[0]) * 69.1, (school.longitude! - palmerston[1]) * 41.3);
    const found = await t.app.services.schools.search("st mary's");
    assert.equal(found.length, 10);
    assert.ok(found.every((school) => school.name.toLowerCase().startsWith("st mary's")));
    const distances = found.map(miles);
    assert.ok(distances[0]! < 15, `the first is near south Liverpool, not ${found[0]!.name}, ${found[0]!.town}`);
    assert.deepEqual(
      distances,
      [...distances].sort((a, b) => a - b),
      'nearest first',
    );
  });

  test('a one-letter slip still finds the school, when nothing matches as typed', async () => {
    const names = async (q: string) =>
      (await t.app.inject({ url: `/api/schools?q=${encodeURIComponent(q)}` }))
        .json()
        .results.map((school: { urn: number }) => school.urn);
    assert.ok((await names('Mathew Arnold')).includes(104557), 'a letter dropped');
    assert.ok((await names('Matthew Arnlod')).includes(104557), 'two letters swapped');
    assert.ok((await names('Palmerstone')).includes(104748), 'a letter added');
    assert.deepEqual(await names('Qxzqx Arnold'), [], 'more than one slip is not guessed');
  });

  test('one edit: a letter added, dropped, changed, or two swapped', () => {
    for (const [a, b] of [
      ['mathew', 'matthew'],
      ['matthew', 'mathew'],
      ['arnlod', 'arnold'],
      ['bookr', 'booker'],
      ['avenue', 'avanue'],
      ['same', 'same'],
    ])
      assert.equal(withinOneEdit(a!, b!), true, `${a} ~ ${b}`);
    for (const [a, b] of [
      ['mathew', 'matthews'],
      ['arnold', 'ranodl'],
      ['ab', 'abcd'],
      ['abcd', 'badc'],
    ])
      assert.equal(withinOneEdit(a!, b!), false, `${a} !~ ${b}`);
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

describe('locating what a person typed as "near"', () => {
  let t: TestApp;
  before(async () => (t = await buildTestApp()));
  after(() => t.close());

  test('a school’s URN, or the type-ahead’s label for it, is the school’s position', async () => {
    const palmerston = { latitude: 53.367117, longitude: -2.929299, label: 'Palmerston School', precision: 'school' };
    assert.deepEqual(await locatePlace(t.database.db, ' 104748 '), palmerston);
    assert.deepEqual(await locatePlace(t.database.db, 'Palmerston School, Liverpool L17 6AU (URN 104748)'), palmerston);
  });

  test('a full postcode, in any case and spacing, is its own position', async () => {
    assert.deepEqual(await locatePlace(t.database.db, 'l176au'), {
      latitude: 53.367117,
      longitude: -2.929299,
      label: 'L17 6AU',
      precision: 'postcode',
    });
  });

  test('an outcode, a postcode cut short, or a postcode not held, is the centre of its district', async () => {
    const l17 = { latitude: 53.378657, longitude: -2.942297, label: 'L17', precision: 'outcode' };
    assert.deepEqual(await locatePlace(t.database.db, 'L17'), l17);
    assert.deepEqual(await locatePlace(t.database.db, 'l17 6'), l17);
    assert.deepEqual(await locatePlace(t.database.db, 'L17 9ZZ'), l17, 'L17 9ZZ is no postcode');
    // Only Merseyside's postcodes are shipped; every outcode in England is.
    assert.deepEqual(await locatePlace(t.database.db, 'SW1A 2AA'), {
      latitude: 51.501973,
      longitude: -0.133889,
      label: 'SW1A',
      precision: 'outcode',
    });
  });

  test('anything else is not a place it can find', async () => {
    // 999999 is no school; 143762 (Halcyon Way School) has no postcode or position; ZZ99 is no outcode.
    for (const text of ['', '   ', 'Liverpool', '999999', '143762', 'ZZ99', 'ZZ99 9ZZ']) {
      assert.equal(await locatePlace(t.database.db, text), undefined, `‘${text}’`);
    }
  });
});

describe('reading what a person typed', () => {
  test('finds a URN in typed text', () => {
    assert.equal(urnIn(' 104748 '), 104748);
    assert.equal(urnIn('Palmerston School (URN 104748)'), 104748);
    assert.equal(urnIn('Palmerston'), undefined);
  });
});

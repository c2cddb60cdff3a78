import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { EXAMPLE_LEADERS } from '../../seed/examples.ts';
import { generateLeaders } from '../../seed/leader-generator.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { enquiries } from '../enquiries/enquiries.tables.ts';
import type { LeaderInput } from '../leaders/leaders.schema.ts';
import { saveLeader } from '../leaders/leaders.service.ts';
import { schools } from '../schools/schools.tables.ts';
import { openSchoolsOtherThan } from '../../../test/support/schools.ts';
import { errorSummary, formFields, linksOf, page as parsed, textsOf } from '../../../test/support/html.ts';

/** Straight-line miles, worked out here independently of the SQL under test. */
function haversineMiles(a: [number, number], b: [number, number]): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const [lat1, lng1] = a.map(radians) as [number, number];
  const [lat2, lng2] = b.map(radians) as [number, number];
  const h = Math.sin((lat2 - lat1) / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin((lng2 - lng1) / 2) ** 2;
  return 2 * 3958.8 * Math.asin(Math.sqrt(h));
}

const PALMERSTON: [number, number] = [53.367117, -2.929299];
const SCHOOLS = {
  palmerston: { urn: 104748, at: PALMERSTON },
  bookerAvenue: { urn: 104522, at: [53.370701, -2.905149] as [number, number] },
  banksRoad: { urn: 104516, at: [53.347754, -2.890527] as [number, number] },
  matthewArnold: { urn: 104557, at: [53.378213, -2.961741] as [number, number] },
  somerville: { urn: 105000, at: [53.413409, -3.030238] as [number, number] },
  abbott: { urn: 105387, at: [53.490715, -2.226913] as [number, number] },
  aldgate: { urn: 100000, at: [51.513662, -0.077486] as [number, number] },
};

function leader(name: string, school: keyof typeof SCHOOLS, overrides: Partial<LeaderInput> = {}): LeaderInput {
  return {
    name,
    email: `${name.toLowerCase().replace(/\W+/g, '.')}@test.example`,
    jobTitle: 'Deputy headteacher',
    homeSchoolUrn: SCHOOLS[school].urn,
    profile: '',
    phases: ['primary'],
    listed: true,
    specialisms: ['Maths'],
    designations: [{ type: 'sle', status: 'designated', startDate: '2024-09-01', reviewDate: null }],
    ...overrides,
  };
}

const KNOWN: Array<[LeaderInput, keyof typeof SCHOOLS]> = [
  [EXAMPLE_LEADERS.amiraHussain, 'palmerston'],
  [EXAMPLE_LEADERS.benCarter, 'banksRoad'],
  [EXAMPLE_LEADERS.carysJones, 'matthewArnold'],
  [
    leader('Dev Sharma', 'bookerAvenue', {
      specialisms: ['English', 'Phonics'],
      profile: 'Transformed early reading with systematic phonics.',
    }),
    'bookerAvenue',
  ],
  [leader('Ella Morris', 'somerville', { specialisms: ['Maths'], phases: ['secondary'] }), 'somerville'],
  [
    leader('Finn Doherty', 'abbott', {
      specialisms: ['SEN'],
      designations: [{ type: 'nle', status: 'designated', startDate: '2021-09-01', reviewDate: null }],
    }),
    'abbott',
  ],
  [leader('Grace Lee', 'aldgate', { specialisms: ['Maths', 'Assessment'] }), 'aldgate'],
  [
    leader('Harry Lapsed', 'palmerston', {
      designations: [{ type: 'sle', status: 'lapsed', startDate: '2018-09-01', reviewDate: null }],
    }),
    'palmerston',
  ],
  [
    leader('Iris Applicant', 'palmerston', {
      designations: [{ type: 'sle', status: 'applicant', startDate: '2026-09-01', reviewDate: null }],
    }),
    'palmerston',
  ],
];
/** Listed, with a designation in force: who the public directory shows. */
const VISIBLE = ['Amira Hussain', 'Ben Carter', 'Dev Sharma', 'Ella Morris', 'Finn Doherty', 'Grace Lee'];

type ApiResult = {
  id: number;
  name: string;
  types: string[];
  specialisms: string[];
  phases: string[];
  homeSchool: { urn: number; name: string };
  distanceMiles: number | null;
};

describe('the directory of system leaders', () => {
  let t: TestApp;
  const idOf = new Map<string, number>();
  const api = async (query: string) => {
    const response = await t.app.inject({ url: `/api/system-leaders${query}` });
    return {
      status: response.statusCode,
      body: response.json() as { total: number; page: number; results: ApiResult[]; errors?: unknown },
    };
  };
  const names = async (query: string) => (await api(query)).body.results.map((result) => result.name);

  before(async () => {
    t = await buildTestApp();
    const alliance = await t.app.services.alliances.current();
    for (const [input] of KNOWN) {
      const outcome = await t.database.db.transaction((tx) => saveLeader(tx, alliance.id, input, t.clock.now()));
      assert.ok(outcome.ok);
      idOf.set(input.name, outcome.leaderId);
    }
  });
  after(() => t.close());

  test('lists only leaders who agreed to be listed and hold a designation in force, by name', async () => {
    assert.deepEqual(await names(''), VISIBLE);
    assert.equal((await api('')).body.total, VISIBLE.length);
  });

  test('sorts by straight-line distance from a school, with the distance in miles', async () => {
    const { body } = await api('?near=104748');
    const expected = KNOWN.filter(([input]) => VISIBLE.includes(input.name))
      .map(([input, school]) => ({ name: input.name, miles: haversineMiles(PALMERSTON, SCHOOLS[school].at) }))
      .sort((a, b) => a.miles - b.miles);
    assert.deepEqual(
      body.results.map((result) => result.name),
      expected.map((entry) => entry.name),
    );
    for (const [index, result] of body.results.entries()) {
      assert.ok(
        Math.abs(result.distanceMiles! - expected[index]!.miles) <= 0.05,
        `${result.name}: ${result.distanceMiles} vs ${expected[index]!.miles}`,
      );
    }
    // London is about 180 miles from south Liverpool.
    assert.ok(body.results.at(-1)!.distanceMiles! > 170 && body.results.at(-1)!.distanceMiles! < 190);
  });

  test('within a distance leaves out leaders further away', async () => {
    const { body } = await api('?near=104748&within=3');
    assert.deepEqual(
      body.results.map((result) => result.name),
      ['Amira Hussain', 'Dev Sharma', 'Ben Carter'],
    );
    assert.ok(body.results.every((result) => result.distanceMiles! <= 3));
    assert.deepEqual(await names('?near=104748&within=50'), [
      'Amira Hussain',
      'Dev Sharma',
      'Ben Carter',
      'Ella Morris',
      'Finn Doherty',
    ]);
  });

  test('finds places by postcode and by outcode as well as by school', async () => {
    const byPostcode = (await api('?near=L17%206AU&within=3')).body;
    assert.deepEqual(
      byPostcode.results.map((result) => result.name),
      ['Amira Hussain', 'Dev Sharma', 'Ben Carter'],
    );
    const page = await t.app.inject({ url: '/system-leaders?near=l17' });
    assert.match(page.body, /system leaders\s+near L17/);
  });

  test('when the register moves or renames a school, its leaders’ entries follow', async () => {
    const { schools } = await import('../schools/schools.tables.ts');
    // Move Booker Avenue Junior School to the Aldgate School's position, in London.
    await t.database.db
      .update(schools)
      .set({ name: 'Booker Avenue Junior (moved)', latitude: 51.513662, longitude: -0.077486 })
      .where(eq(schools.urn, 104522));
    const { body } = await api('?near=104748&within=3');
    assert.deepEqual(
      body.results.map((result) => result.name),
      ['Amira Hussain', 'Ben Carter'],
    );
    const dev = (await api('?q=sharma&near=104748')).body.results[0]!;
    assert.equal(dev.homeSchool.name, 'Booker Avenue Junior (moved)');
    assert.ok(Math.abs(dev.distanceMiles! - haversineMiles(PALMERSTON, SCHOOLS.aldgate.at)) < 0.1);
    await t.database.db
      .update(schools)
      .set({
        name: 'Booker Avenue Junior School',
        latitude: SCHOOLS.bookerAvenue.at[0],
        longitude: SCHOOLS.bookerAvenue.at[1],
      })
      .where(eq(schools.urn, 104522));
  });

  test('renaming a specialism finds its leaders by the new name', async () => {
    const { person } = await import('../../../test/support/people.ts');
    const admin = await person(t, { roles: ['administrator'] });
    const phonics = (await t.app.services.specialisms.all()).find((specialism) => specialism.name === 'Phonics')!;
    const form = await openForm(t.app, `/staff/specialisms/${phonics.id}`, admin.cookies);
    const renamed = await submitForm(
      t.app,
      `/staff/specialisms/${phonics.id}`,
      { name: 'Systematic synthetic phonics', groupName: phonics.groupName },
      form,
    );
    assert.equal(renamed.statusCode, 303);
    assert.deepEqual(await names('?q=synthetic'), ['Dev Sharma']);
    assert.deepEqual(
      (await api('?specialism=Systematic%20synthetic%20phonics')).body.results.map((result) => result.specialisms),
      [['English', 'Systematic synthetic phonics']],
    );
    await submitForm(
      t.app,
      `/staff/specialisms/${phonics.id}`,
      { name: 'Phonics', groupName: phonics.groupName },
      form,
    );
  });

  test('searches are cached, yet a change written by any instance shows at once', async () => {
    assert.match((await t.app.inject({ url: '/system-leaders?type=nle' })).body, /Finn Doherty/);
    assert.deepEqual(await names('?type=nle'), ['Finn Doherty']);
    // Written straight to the database, as another instance would: this instance's cache is not told.
    const alliance = await t.app.services.alliances.current();
    const finn = KNOWN.find(([input]) => input.name === 'Finn Doherty')![0];
    await t.database.db.transaction((tx) => saveLeader(tx, alliance.id, { ...finn, listed: false }, t.clock.now()));
    assert.deepEqual(await names('?type=nle'), [], 'unlisting takes effect at once, though the search was cached');
    assert.doesNotMatch((await t.app.inject({ url: '/system-leaders?type=nle' })).body, /Finn Doherty/);
    await t.database.db.transaction((tx) => saveLeader(tx, alliance.id, finn, t.clock.now()));
    assert.deepEqual(await names('?type=nle'), ['Finn Doherty']);
  });

  test('sorting by name works with a distance filter too', async () => {
    assert.deepEqual(await names('?near=104748&within=3&sort=name'), ['Amira Hussain', 'Ben Carter', 'Dev Sharma']);
  });

  test('filters combine: any of the specialisms, types and phases chosen, and all the filters together', async () => {
    assert.deepEqual(await names('?specialism=Maths'), ['Amira Hussain', 'Ella Morris', 'Grace Lee']);
    assert.deepEqual(await names('?specialism=maths&specialism=SEN'), [
      'Amira Hussain',
      'Ella Morris',
      'Finn Doherty',
      'Grace Lee',
    ]);
    assert.deepEqual(await names('?type=lle'), ['Ben Carter']);
    assert.deepEqual(await names('?type=lle&type=nle'), ['Ben Carter', 'Finn Doherty']);
    assert.deepEqual(await names('?phase=secondary'), ['Ella Morris']);
    assert.deepEqual(await names('?specialism=Maths&type=sle&phase=primary&near=104748&within=100'), ['Amira Hussain']);
    assert.deepEqual(await names('?specialism=Phonics&type=lle'), []);
  });

  test('free text finds words, and the start of words, in names, specialisms and profiles', async () => {
    assert.deepEqual(await names('?q=hussa'), ['Amira Hussain']);
    assert.deepEqual(await names('?q=phonics'), ['Dev Sharma']);
    assert.deepEqual(await names('?q=early%20reading'), ['Dev Sharma']);
    assert.deepEqual(await names('?q=assessment'), ['Amira Hussain', 'Grace Lee']);
    assert.deepEqual(await names('?q=%27%3A*%26%7C!()'), VISIBLE, 'punctuation alone is no search');
  });

  test('never shows a leader’s email address', async () => {
    const page = await t.app.inject({ url: '/system-leaders' });
    const json = await t.app.inject({ url: '/api/system-leaders' });
    for (const body of [page.body, json.body]) assert.doesNotMatch(body, /@(palmerston|banks-road|test)\.example/);
    assert.deepEqual(Object.keys((await api('')).body.results[0]!).sort(), [
      'distanceMiles',
      'homeSchool',
      'id',
      'name',
      'phases',
      'profileUrl',
      'specialisms',
      'types',
    ]);
  });

  test('refuses bad filters with a 400 that says what to fix', async () => {
    assert.deepEqual((await api('?specialism=Juggling')).body.errors, [
      { field: 'specialism', message: 'We have no specialism called ‘Juggling’' },
    ]);
    assert.deepEqual((await api('?within=5')).body.errors, [
      { field: 'near', message: 'Enter a postcode or school to search within a distance of' },
    ]);
    assert.deepEqual((await api('?near=999999')).body.errors, [
      {
        field: 'near',
        message:
          'We could not find ‘999999’. Enter a full postcode, the first part of one (like L17), or a school’s URN',
      },
    ]);
    assert.deepEqual((await api('?page=two&type=head')).body.errors, [
      { field: 'type', message: 'Type must be sle, lle or nle' },
      { field: 'page', message: 'Page must be a whole number' },
    ]);
    const page = await t.app.inject({ url: '/system-leaders?within=5&q=maths' });
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /<a href="#near">Enter a postcode or school to search within a distance of<\/a>/);
    assert.match(page.body, /name="q" type="search" value="maths"/);
  });

  test('a school with no known position, or a postcode outside England, is told apart from one not found', async () => {
    const [school] = await openSchoolsOtherThan(
      t,
      Object.values(SCHOOLS).map((known) => known.urn),
    );
    await t.database.db.update(schools).set({ latitude: null, longitude: null }).where(eq(schools.urn, school!.urn));
    try {
      const unplaced = await t.app.inject({ url: `/system-leaders?near=${school!.urn}&within=5` });
      assert.equal(unplaced.statusCode, 400);
      assert.deepEqual(errorSummary(unplaced.body), [
        {
          href: '#near',
          text: `We know ${school!.name} but not where it is, so we cannot search by distance from it. Enter its postcode instead`,
        },
      ]);
    } finally {
      await t.database.db
        .update(schools)
        .set({ latitude: school!.latitude, longitude: school!.longitude })
        .where(eq(schools.urn, school!.urn));
    }
    for (const outside of ['CF10 1AA', 'eh1', 'BT1 5GS']) {
      const { status, body } = await api(`?near=${encodeURIComponent(outside)}`);
      assert.equal(status, 400);
      assert.deepEqual(body.errors, [
        {
          field: 'near',
          message: `This service covers schools in England, and ‘${outside}’ is not in England. Enter a postcode in England, the first part of one (like L17), or a school’s URN`,
        },
      ]);
    }
    const page = await t.app.inject({ url: '/system-leaders?near=CF10%201AA' });
    assert.match(textsOf(page.body, '.govuk-error-summary')[0]!, /This service covers schools in England/);
    assert.equal(formFields(page.body).near, 'CF10 1AA', 'what was typed is kept');
  });

  test('one mile is a mile, and on a phone a link skips the filters to the results', async () => {
    const page = await t.app.inject({ url: '/system-leaders?near=104748&within=1' });
    assert.match(
      textsOf(page.body, '#results-heading')[0]!,
      /^\d+ system leaders? within 1 mile of Palmerston School$/,
    );
    assert.deepEqual(linksOf(page.body, '.app-skip-to-results a'), [{ text: 'Skip to results', href: '#results' }]);
    assert.ok(parsed(page.body).querySelector('#results #results-heading'), 'the link leads to the results');
  });

  test('the page keeps every filter in its URL and form, and says what to try when nothing matches', async () => {
    const page = await t.app.inject({ url: '/system-leaders?specialism=Maths&type=sle&near=104748&within=5&q=amira' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /1 system leader\s+within 5 miles of Palmerston School/);
    assert.match(page.body, /value="Maths" checked/);
    assert.match(page.body, /value="sle" checked/);
    assert.match(page.body, /value="5" selected/);
    assert.match(page.body, new RegExp(`href="/system-leaders/${idOf.get('Amira Hussain')}\\?specialism=Maths"`));

    const empty = await t.app.inject({ url: '/system-leaders?specialism=Phonics&type=nle' });
    assert.match(empty.body, /0 system leaders/);
    assert.match(empty.body, /No system leaders match your search/);
    assert.match(empty.body, /tell us what your school needs/);
  });

  test('a profile shows the leader and a link to ask for their support, with the specialism filled in', async () => {
    const id = idOf.get('Amira Hussain')!;
    const profile = await t.app.inject({ url: `/system-leaders/${id}?specialism=Maths` });
    assert.equal(profile.statusCode, 200);
    assert.match(profile.body, /<h1 class="govuk-heading-l">Amira Hussain<\/h1>/);
    assert.match(profile.body, /SLE since 1 September 2023/);
    assert.match(profile.body, /Assessment, Maths, SEN/);
    assert.doesNotMatch(profile.body, /a\.hussain@/);
    assert.match(profile.body, new RegExp(`href="/request-support\\?leader=${id}&amp;specialism=Maths"`));

    for (const hidden of ['Carys Jones', 'Harry Lapsed', 'Iris Applicant']) {
      assert.equal((await t.app.inject({ url: `/system-leaders/${idOf.get(hidden)}` })).statusCode, 404, hidden);
    }
    assert.equal((await t.app.inject({ url: '/system-leaders/not-a-number' })).statusCode, 404);
    assert.equal((await t.app.inject({ url: '/system-leaders/99999999999' })).statusCode, 404);
  });

  test('asking for support from a leader carries them into the enquiry', async () => {
    const id = idOf.get('Amira Hussain')!;
    const session = await openForm(t.app, `/request-support?leader=${id}&specialism=Maths`);
    assert.match(
      session.page.body,
      /You are asking for support from <strong>Amira Hussain<\/strong> \(SLE, Palmerston School\)/,
    );
    assert.match(session.page.body, new RegExp(`name="leaderId" value="${id}"`));
    assert.match(session.page.body, /value="Maths" checked/);
    const sent = await submitForm(
      t.app,
      '/request-support',
      {
        school: '104557',
        leaderId: String(id),
        contactName: 'Tom Okafor',
        contactRole: 'Headteacher',
        contactEmail: 'tom@example.com',
        contactPhone: '0151 727 5678',
        supportType: 'sle',
        specialisms: 'Maths',
        need: 'Maths leadership',
        timescale: 'this-term',
      },
      session,
    );
    assert.equal(sent.statusCode, 303);
    const [stored] = await t.database.db.select().from(enquiries).where(eq(enquiries.contactEmail, 'tom@example.com'));
    assert.equal(stored?.requestedLeaderId, id);

    const ben = idOf.get('Ben Carter')!;
    assert.match(
      (await t.app.inject({ url: `/request-support?leader=${ben}` })).body,
      /value="lle" checked/,
      'an LLE is asked for as an LLE',
    );
  });
});

describe('paging through the directory', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    const alliance = await t.app.services.alliances.current();
    const many = generateLeaders([{ urn: 104748, phase: 'Primary' }], 45, 7).map((input) => ({
      ...input,
      listed: true,
      designations: [{ ...input.designations[0]!, status: 'designated' as const }],
    }));
    await t.database.db.transaction(async (tx) => {
      for (const input of many) assert.ok((await saveLeader(tx, alliance.id, input, t.clock.now())).ok);
    });
  });
  after(() => t.close());

  test('pages of 20, a short last page, and an empty page past the end that still knows the total', async () => {
    const page = async (number: number) => (await t.app.inject({ url: `/api/system-leaders?page=${number}` })).json();
    const [first, second, third, fourth] = await Promise.all([1, 2, 3, 4].map(page));
    assert.deepEqual(
      [first.results.length, second.results.length, third.results.length, fourth.results.length],
      [20, 20, 5, 0],
    );
    assert.deepEqual([first.total, fourth.total], [45, 45]);
    const ids = [...first.results, ...second.results, ...third.results].map((result: { id: number }) => result.id);
    assert.equal(new Set(ids).size, 45, 'no leader on two pages, none missed');
  });

  test('the page links keep the filters and mark the current page', async () => {
    const html = (await t.app.inject({ url: '/system-leaders?type=sle&type=lle&type=nle&page=2' })).body;
    assert.match(
      html,
      /href="\/system-leaders\?type=sle&amp;type=lle&amp;type=nle" rel="prev"|class="govuk-pagination__prev"[\s\S]*?href="\/system-leaders\?type=sle&amp;type=lle&amp;type=nle"/,
    );
    assert.match(html, /href="\/system-leaders\?type=sle&amp;type=lle&amp;type=nle&amp;page=3"/);
    assert.match(html, /aria-current="page"[^>]*>\s*2|govuk-pagination__item--current[\s\S]{0,200}>\s*2\s*</);
    const past = await t.app.inject({ url: '/system-leaders?page=9' });
    assert.match(past.body, /There are no results on this page/);
  });
});

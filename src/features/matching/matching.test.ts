import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import type { EnquirySubmissionInput } from '../enquiries/enquiries.schema.ts';
import type { LeaderInput } from '../leaders/leaders.schema.ts';
import { saveLeader } from '../leaders/leaders.service.ts';
import { schools } from '../schools/schools.tables.ts';
import { enquiries } from '../enquiries/enquiries.tables.ts';
import { MatchingService } from './matching.service.ts';
import { positionsTable, saveWeights } from './matching.repository.ts';
import { DEFAULT_WEIGHTS } from './matching.weights.ts';

/** Real Liverpool schools with known positions (GIAS / ONS). */
const PALMERSTON = 104748;
const BOOKER_AVENUE = 104522; // 1.0 mile from Palmerston
const BANKS_ROAD = 104516; // 2.1 miles
const MATTHEW_ARNOLD = 104557; // 1.5 miles
const SOMERVILLE = 105000; // Wallasey, 6.6 miles
const ABBOTT = 105387; // Manchester, 31 miles

function leader(name: string, homeSchoolUrn: number, overrides: Partial<LeaderInput> = {}): LeaderInput {
  return {
    name,
    email: `${name.toLowerCase().replace(/\W+/g, '.')}@match.example`,
    jobTitle: null,
    homeSchoolUrn,
    profile: '',
    phases: ['primary'],
    listed: false,
    specialisms: ['Maths'],
    designations: [{ type: 'sle', status: 'designated', startDate: '2024-09-01', reviewDate: null }],
    ...overrides,
  };
}

const enquiry = (overrides: Partial<EnquirySubmissionInput> = {}): EnquirySubmissionInput => ({
  schoolUrn: BANKS_ROAD,
  contactName: 'Priya Shah',
  contactRole: 'Deputy headteacher',
  contactEmail: 'p.shah@banks-road.example',
  contactPhone: '0151 427 1234',
  supportType: 'sle',
  specialisms: ['Maths', 'Assessment'],
  need: 'Maths and assessment',
  timescale: 'this-term',
  ...overrides,
});

describe('ranking leaders for an enquiry, in the database', () => {
  let t: TestApp;
  let allianceId: number;
  const ids = new Map<string, number>();
  let positions = new Map<number, { releasedHalfDays: number | null; committedHalfDays: number }>();
  let supportGiven = new Map<number, number>();
  let matching: MatchingService;

  async function submit(overrides: Partial<EnquirySubmissionInput> = {}): Promise<number> {
    const response = await t.app.inject({ method: 'POST', url: '/api/enquiries', payload: enquiry(overrides) });
    const { reference } = response.json();
    return (await t.app.services.enquiries.findByReference(reference))!.id;
  }
  const names = async (enquiryId: number) =>
    (await matching.rankForEnquiry(enquiryId))!.ranked.map((ranked) => ranked.name);

  before(async () => {
    t = await buildTestApp({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '1000' } });
    allianceId = (await t.app.services.alliances.current()).id;
    matching = new MatchingService(t.database.db, t.app.services.alliances, t.app.services.specialisms, t.clock, {
      releasePositions: () => positionsTable(positions),
      supportGiven: async () => supportGiven,
    });
    // Two schools in one trust, so the trust rule can be seen.
    await t.database.db
      .update(schools)
      .set({ trustReference: 'TR-TEST', trustName: 'Test Trust' })
      .where(eq(schools.urn, BANKS_ROAD));
    await t.database.db
      .update(schools)
      .set({ trustReference: 'TR-TEST', trustName: 'Test Trust' })
      .where(eq(schools.urn, MATTHEW_ARNOLD));
    const people: LeaderInput[] = [
      leader('Ada Both', BOOKER_AVENUE, { specialisms: ['Maths', 'Assessment'] }),
      leader('Ben Maths Far', ABBOTT, { specialisms: ['Maths', 'Assessment'] }),
      leader('Cat Maths Near', PALMERSTON, { specialisms: ['Maths'] }),
      leader('Dee Secondary', SOMERVILLE, { specialisms: ['Maths', 'Assessment'], phases: ['secondary'] }),
      leader('Eve Own School', BANKS_ROAD, { specialisms: ['Maths', 'Assessment'] }),
      leader('Fay Same Trust', MATTHEW_ARNOLD, { specialisms: ['Maths', 'Assessment'] }),
      leader('Gus LLE', PALMERSTON, {
        specialisms: [],
        designations: [{ type: 'lle', status: 'designated', startDate: '2018-01-01', reviewDate: null }],
      }),
      leader('Hal Lapsed', PALMERSTON, {
        designations: [{ type: 'sle', status: 'lapsed', startDate: '2018-01-01', reviewDate: null }],
      }),
      leader('Ivy Overdue', SOMERVILLE, {
        specialisms: ['Assessment'],
        designations: [{ type: 'sle', status: 'designated', startDate: '2020-09-01', reviewDate: '2024-09-01' }],
      }),
      // Overdue too, but its review is under way: it stands until the review's outcome.
      leader('Ivo Under Review', SOMERVILLE, {
        specialisms: ['Assessment'],
        designations: [{ type: 'sle', status: 'under-review', startDate: '2020-09-01', reviewDate: '2024-09-01' }],
      }),
      leader('Jude Reviewed', SOMERVILLE, {
        specialisms: ['Assessment'],
        designations: [{ type: 'sle', status: 'under-review', startDate: '2020-09-01', reviewDate: '2028-09-01' }],
      }),
      // An SLE designation lapsed, an NLE one in force: ranked for a head's support, not for an SLE's.
      leader('Kit Mixed', SOMERVILLE, {
        designations: [
          { type: 'sle', status: 'designated', startDate: '2019-01-01', reviewDate: '2023-01-01' },
          { type: 'nle', status: 'designated', startDate: '2019-01-01', reviewDate: null },
        ],
      }),
    ];
    for (const person of people) {
      const outcome = await t.database.db.transaction((tx) => saveLeader(tx, allianceId, person, t.clock.now()));
      assert.ok(outcome.ok);
      ids.set(person.name, outcome.leaderId);
    }
  });
  after(() => t.close());
  beforeEach(() => {
    positions = new Map();
    supportGiven = new Map();
  });

  /** The score out of 100 by the documented formula, worked out here from the schools' positions. */
  const AT: Record<number, [number, number]> = {
    [PALMERSTON]: [53.367117, -2.929299],
    [BOOKER_AVENUE]: [53.370701, -2.905149],
    [BANKS_ROAD]: [53.347754, -2.890527],
    [SOMERVILLE]: [53.413409, -3.030238],
    [ABBOTT]: [53.490715, -2.226913],
  };
  function miles(a: number, b: number): number {
    const [lat1, lng1] = AT[a]!.map((degrees) => (degrees * Math.PI) / 180) as [number, number];
    const [lat2, lng2] = AT[b]!.map((degrees) => (degrees * Math.PI) / 180) as [number, number];
    const h = Math.sin((lat2 - lat1) / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin((lng2 - lng1) / 2) ** 2;
    return 2 * 3958.8 * Math.asin(Math.sqrt(h));
  }
  const expected = (specialism: number, phase: number, home: number, extra = 0) =>
    Math.round(
      ((40 * specialism + 15 * phase + 20 * Math.max(0, 1 - miles(home, BANKS_ROAD) / 30) + extra) / 100) * 1000,
    ) / 10;

  test('ranks by the weighted reasons, best first, and leaves out the school’s own leaders and its trust’s', async () => {
    const result = (await matching.rankForEnquiry(await submit()))!;
    const want = [
      ['Ada Both', expected(1, 1, BOOKER_AVENUE)],
      ['Cat Maths Near', expected(0.5, 1, PALMERSTON)],
      ['Jude Reviewed', expected(0.5, 1, SOMERVILLE)],
      ['Ivo Under Review', expected(0.5, 1, SOMERVILLE)],
      ['Dee Secondary', expected(1, 0, SOMERVILLE)],
      ['Ben Maths Far', expected(1, 1, ABBOTT)],
    ].sort((a, b) => (b[1] as number) - (a[1] as number) || String(a[0]).localeCompare(String(b[0])));
    assert.deepEqual(
      result.ranked.map((ranked) => [ranked.name, ranked.score]),
      want,
    );
    assert.deepEqual(
      result.excluded.map(({ name, reason }) => [name, reason]),
      [
        ['Eve Own School', 'Works at this school'],
        ['Fay Same Trust', 'Works in the same trust as this school'],
        ['Ivy Overdue', 'Designation lapsed: its review was due on Sunday 1 September 2024'],
        ['Kit Mixed', 'Designation lapsed: its review was due on Sunday 1 January 2023'],
      ],
    );
    assert.ok(
      !result.ranked.some((ranked) => ['Gus LLE', 'Hal Lapsed'].includes(ranked.name)),
      'only SLEs in force, for SLE support',
    );
    assert.equal(
      result.rankedCount,
      6,
      'every SLE in force and reviewed (or under review) was ranked, the four excluded apart',
    );
  });

  test('explains every reason', async () => {
    const result = (await matching.rankForEnquiry(await submit()))!;
    const ivy = result.ranked.find((ranked) => ranked.name === 'Jude Reviewed')!;
    assert.deepEqual(
      ivy.reasons.map((reason) => reason.text),
      [
        'Holds 1 of the 2 specialisms asked for: Assessment',
        'Supports primary, the school’s phase',
        `${miles(SOMERVILLE, BANKS_ROAD).toFixed(1)} miles from the school`,
        'No release agreed by their school for 2026/27',
        'Has not supported this school before',
        'Not a priority school',
      ],
    );
    assert.deepEqual(ivy.warnings, ['Training due'], 'no core training is recorded for them');
    const dee = result.ranked.find((ranked) => ranked.name === 'Dee Secondary')!;
    assert.equal(dee.reasons[1]!.text, 'Supports secondary; the school is primary');
  });

  test('release capacity left and support already given move a leader up', async () => {
    const enquiryId = await submit();
    assert.notEqual((await names(enquiryId))[0], 'Ben Maths Far');
    positions = new Map([
      [ids.get('Ben Maths Far')!, { releasedHalfDays: 40, committedHalfDays: 10 }],
      [ids.get('Ada Both')!, { releasedHalfDays: 20, committedHalfDays: 20 }],
    ]);
    supportGiven = new Map([[ids.get('Ben Maths Far')!, 2]]);
    const result = (await matching.rankForEnquiry(enquiryId))!;
    const ben = result.ranked[0]!;
    assert.equal(ben.name, 'Ben Maths Far', 'now first');
    assert.equal(ben.score, expected(1, 1, ABBOTT, 15 + 5));
    assert.equal(ben.reasons[3]!.text, '15 days of 20 days release left in 2026/27');
    assert.equal(ben.reasons[4]!.text, 'Has supported this school before (2 agreements)');
    const ada = result.ranked.find((ranked) => ranked.name === 'Ada Both')!;
    assert.equal(ada.reasons[3]!.text, 'Release for 2026/27 fully committed (10 days of 10 days)');
  });

  test('a priority school favours experience', async () => {
    const enquiryId = await submit();
    await t.database.db
      .update(enquiries)
      .set({ priorityReasons: ['new-headteacher'] })
      .where(eq(enquiries.id, enquiryId));
    const result = (await matching.rankForEnquiry(enquiryId))!;
    const ivy = result.ranked.find((ranked) => ranked.name === 'Jude Reviewed')!;
    // Designated 1 September 2020: over 4 years, so the whole priority weight.
    assert.equal(ivy.score, expected(0.5, 1, SOMERVILLE, 5));
    assert.match(
      ivy.reasons[5]!.text,
      /^Priority school \(a headteacher in their first headship\): favours experience; designated 6 years$/,
    );
  });

  test('LLE support ranks LLEs and NLEs, whatever their specialisms, warning of another designation lapsed', async () => {
    const result = (await matching.rankForEnquiry(await submit({ supportType: 'lle', specialisms: [] })))!;
    assert.deepEqual(
      result.ranked.map((ranked) => [ranked.name, ranked.warnings]),
      [
        ['Gus LLE', ['Training due']],
        ['Kit Mixed', ['Designation review was due on Sunday 1 January 2023', 'Training due']],
      ],
    );
  });

  test('the weights are the alliance’s settings', async () => {
    const enquiryId = await submit();
    await saveWeights(t.database.db, allianceId, { ...DEFAULT_WEIGHTS, specialism: 0, phase: 0, distance: 10 });
    assert.deepEqual(
      (await names(enquiryId)).slice(0, 2),
      ['Ada Both', 'Cat Maths Near'],
      'nearest first when only distance counts',
    );
    await saveWeights(t.database.db, allianceId, DEFAULT_WEIGHTS);
  });

  test('equal scores are ordered by name, then id, every time', async () => {
    const twinA = await t.database.db.transaction((tx) =>
      saveLeader(
        tx,
        allianceId,
        leader('Zed Twin', PALMERSTON, { email: 'zed1@match.example', specialisms: ['Maths'] }),
        t.clock.now(),
      ),
    );
    const twinB = await t.database.db.transaction((tx) =>
      saveLeader(
        tx,
        allianceId,
        leader('Zed Twin', PALMERSTON, { email: 'zed2@match.example', specialisms: ['Maths'] }),
        t.clock.now(),
      ),
    );
    assert.ok(twinA.ok && twinB.ok);
    const result = (await matching.rankForEnquiry(await submit()))!;
    const twins = result.ranked.filter((ranked) => ranked.name === 'Zed Twin').map((ranked) => ranked.leaderId);
    assert.deepEqual(
      twins,
      [twinA.leaderId, twinB.leaderId].sort((a, b) => a - b),
    );
  });
});

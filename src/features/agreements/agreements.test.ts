import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import { readyAgreement } from '../../../test/support/agreements.ts';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { buildTestApp, cookiesFrom, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_ENQUIRIES, EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { saveLeader } from '../leaders/leaders.service.ts';
import { schools } from '../schools/schools.tables.ts';
import { agreementVersions, agreements } from './agreements.tables.ts';
import { errorSummary, formFields, page } from '../../../test/support/html.ts';
import { type Person, person } from '../../../test/support/people.ts';

describe('starting agreements, finding them, and who sees which', () => {
  let t: TestApp;
  let leaders: Awaited<ReturnType<typeof addExampleLeaders>>;
  let coordinator: Person;
  before(async () => {
    t = await buildTestApp();
    leaders = await addExampleLeaders(t, 'amiraHussain', 'chloeDunn', 'benCarter', 'carysJones');
    coordinator = await person(t, { roles: ['coordinator'] });
  });
  after(() => t.close());

  test('the service creates an agreement with an empty first version, for a matching engine to call', async () => {
    const enquiry = await t.app.services.enquiries.submit(
      { ...EXAMPLE_ENQUIRIES.banksRoadMaths, leaderId: null },
      'api',
    );
    assert.ok(enquiry.ok);
    const found = await t.app.services.enquiries.findByReference(enquiry.enquiry.reference);
    const created = await t.app.services.agreements.create(null, {
      kind: 'sle-deployment',
      leaderId: leaders.amiraHussain,
      supportedSchoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
      enquiryId: found!.id,
    });
    assert.ok(created.ok);
    const [row] = await t.database.db.select().from(agreements).where(eq(agreements.id, created.value.id));
    assert.deepEqual(
      [row?.kind, row?.status, row?.enquiryId, row?.homeSchoolUrn, row?.createdByUserId],
      ['sle-deployment', 'draft', found!.id, EXAMPLE_SCHOOLS.palmerston.urn, null],
    );
    const versions = await t.database.db
      .select()
      .from(agreementVersions)
      .where(eq(agreementVersions.agreementId, created.value.id));
    assert.deepEqual(
      versions.map((version) => [version.number, version.id === row?.currentVersionId, version.lockedAt]),
      [[1, true, null]],
    );
  });

  test('the service refuses the wrong leader, their own school, a closed or unknown school and another school’s enquiry', async () => {
    const create = (input: Partial<Parameters<typeof t.app.services.agreements.create>[1]>) =>
      t.app.services.agreements.create(coordinator.user, {
        kind: 'sle-deployment',
        leaderId: leaders.amiraHussain,
        supportedSchoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
        ...input,
      });
    const problems = async (input: Partial<Parameters<typeof t.app.services.agreements.create>[1]>) => {
      const outcome = await create(input);
      return outcome.ok ? [] : outcome.problems.map((problem) => `${problem.field}: ${problem.message}`);
    };
    assert.deepEqual(await problems({ leaderId: leaders.benCarter }), [
      'leaderId: Ben Carter is not a designated Specialist Leader of Education, so cannot take an SLE deployment',
    ]);
    assert.deepEqual(await problems({ kind: 'lle-placement' }), [
      'leaderId: Amira Hussain is not a designated Local (or National) Leader of Education, so cannot take an LLE placement',
    ]);
    assert.deepEqual(await problems({ supportedSchoolUrn: EXAMPLE_SCHOOLS.palmerston.urn }), [
      'supportedSchoolUrn: Amira Hussain works at Palmerston School, so cannot support it. Choose another school or leader',
    ]);
    // Matching never proposes a leader within the school's own trust; starting an agreement refuses it too.
    const trust = (urn: number, trustReference: string | null) =>
      t.database.db.update(schools).set({ trustReference }).where(eq(schools.urn, urn));
    const before = await t.database.db
      .select({ urn: schools.urn, trustReference: schools.trustReference })
      .from(schools)
      .where(inArray(schools.urn, [EXAMPLE_SCHOOLS.palmerston.urn, EXAMPLE_SCHOOLS.bankRoad.urn]));
    await trust(EXAMPLE_SCHOOLS.palmerston.urn, 'TR-TEST');
    await trust(EXAMPLE_SCHOOLS.bankRoad.urn, 'TR-TEST');
    assert.deepEqual(await problems({}), [
      'supportedSchoolUrn: Amira Hussain works in the same trust as Banks Road Primary School, so cannot support it. Choose another school or leader',
    ]);
    for (const school of before) await trust(school.urn, school.trustReference);
    assert.deepEqual(await problems({ supportedSchoolUrn: 999_999 }), [
      'supportedSchoolUrn: No school in England has the URN 999999',
    ]);
    const [closed] = await t.database.db.select().from(schools).where(eq(schools.status, 'closed')).limit(1);
    if (closed)
      assert.match((await problems({ supportedSchoolUrn: closed.urn }))[0]!, /is closed. Choose an open school/);
    assert.deepEqual(await problems({ leaderId: 999_999 }), ['leaderId: There is no such leader in the alliance']);
    const enquiry = await t.app.services.enquiries.submit(
      { ...EXAMPLE_ENQUIRIES.matthewArnoldNewHead, leaderId: null },
      'api',
    );
    assert.ok(enquiry.ok);
    const other = await t.app.services.enquiries.findByReference(enquiry.enquiry.reference);
    assert.deepEqual(await problems({ enquiryId: other!.id }), [
      `enquiryId: Enquiry ${other!.reference} is from another school`,
    ]);
    assert.deepEqual(await problems({ enquiryId: 999_999 }), ['enquiryId: There is no such enquiry']);
  });

  test('a coordinator starts one from a leader and a school; names are resolved, and problems explained with the input kept', async () => {
    const form = await openForm(t.app, '/staff/agreements/new', coordinator.cookies);
    const empty = await submitForm(t.app, '/staff/agreements/new', {}, form);
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(errorSummary(empty.body), [
      { href: '#kind', text: 'Select the kind of agreement' },
      { href: '#leader', text: 'Enter the leader’s name or email address' },
      { href: '#school', text: 'Enter the supported school’s name or URN' },
    ]);

    // A second Amira, so the name alone is ambiguous: the matches are offered as a choice.
    const alliance = await t.app.services.alliances.current();
    await t.database.db.transaction((tx) =>
      saveLeader(
        tx,
        alliance.id,
        {
          name: 'Amira Khan',
          email: 'a.khan@matthew-arnold.example',
          homeSchoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
          profile: '',
          phases: [],
          listed: false,
          specialisms: [],
          designations: [{ type: 'sle', status: 'designated', startDate: '2024-09-01' }],
        },
        t.clock.now(),
      ),
    );
    const ambiguous = await submitForm(
      t.app,
      '/staff/agreements/new',
      { kind: 'sle-deployment', leader: 'Amira', school: 'Nowhere Academy Of Nothing', enquiry: 'S2S-NOPE-00' },
      form,
    );
    assert.equal(ambiguous.statusCode, 400);
    assert.deepEqual(errorSummary(ambiguous.body), [
      { href: '#leaderId', text: 'More than one leader matches ‘Amira’. Choose one from the list' },
      {
        href: '#school',
        text: 'No open school matches ‘Nowhere Academy Of Nothing’. Check the spelling, or enter its URN',
      },
      { href: '#enquiry', text: 'No enquiry has the reference ‘S2S-NOPE-00’. Check it, or leave it empty' },
    ]);
    assert.match(ambiguous.body, /Amira Hussain[\s\S]*a\.hussain@palmerston\.example, Palmerston School \(SLE\)/);
    assert.deepEqual([formFields(ambiguous.body).kind, formFields(ambiguous.body).leader], ['sle-deployment', 'Amira']);

    const ownSchool = await submitForm(
      t.app,
      '/staff/agreements/new',
      { kind: 'sle-deployment', leader: 'Amira', leaderId: String(leaders.amiraHussain), school: '104748' },
      form,
    );
    assert.deepEqual(errorSummary(ownSchool.body), [
      {
        href: '#school',
        text: 'Amira Hussain works at Palmerston School, so cannot support it. Choose another school or leader',
      },
    ]);
    assert.equal(
      formFields(ownSchool.body).leader,
      'Amira Hussain (a.hussain@palmerston.example)',
      'the chosen leader is kept, by a name that finds only them',
    );

    const started = await submitForm(
      t.app,
      '/staff/agreements/new',
      { kind: 'sle-deployment', leader: 'Amira Hussain (a.hussain@palmerston.example)', school: 'Banks Road Primary' },
      form,
    );
    assert.equal(started.statusCode, 303);
    const id = Number(/\/staff\/agreements\/(\d+)$/.exec(String(started.headers.location))?.[1]);
    const page = await t.app.inject({
      url: `/staff/agreements/${id}`,
      cookies: { ...coordinator.cookies, ...cookiesFrom(started) },
    });
    assert.match(
      page.body,
      new RegExp(`SLE deployment SA-${String(id).padStart(4, '0')} started. Now add its terms and objectives`),
    );
    assert.match(page.body, /Amira Hussain at Banks Road Primary School/);
    assert.match(
      page.body,
      /Agreement terms[\s\S]*Incomplete[\s\S]*Objectives[\s\S]*Incomplete[\s\S]*Signatures[\s\S]*Cannot start yet/,
    );
    assert.match(page.body, /Agreement started/, 'in the history');
  });

  test('the start page is filled in from a link with the leader, school and kind', async () => {
    const page = await t.app.inject({
      url: `/staff/agreements/new?leader=${leaders.benCarter}&school=${EXAMPLE_SCHOOLS.matthewArnold.urn}&kind=lle-placement`,
      cookies: coordinator.cookies,
    });
    const fields = formFields(page.body);
    assert.deepEqual(
      [fields.kind, fields.leader, fields.school],
      [
        'lle-placement',
        'Ben Carter (b.carter@banks-road.example)',
        'Matthew Arnold Primary School, Liverpool L8 9UB (URN 104557)',
      ],
    );
  });

  test('the list filters by kind, status, year and words; school contacts and leaders see only theirs', async () => {
    const placement = await readyAgreement(t, coordinator.user, {
      kind: 'lle-placement',
      leaderId: leaders.benCarter,
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    });
    const nextYear = await readyAgreement(t, coordinator.user, {
      leaderId: leaders.carysJones,
      schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
      terms: { startDate: '2027-09-06', endDate: '2027-12-17' },
    });
    const listFor = async (who: Person, query = '') => {
      const body = (await t.app.inject({ url: `/staff/agreements${query}`, cookies: who.cookies })).body;
      const ids = page(body)
        .querySelectorAll('a')
        .map((link) => /^\/staff\/agreements\/(\d+)$/.exec(link.getAttribute('href') ?? '')?.[1]);
      return ids
        .filter((id) => id !== undefined)
        .map(Number)
        .sort((a, b) => a - b);
    };
    const all = await listFor(coordinator);
    assert.ok(all.includes(placement) && all.includes(nextYear) && all.length >= 4);
    assert.deepEqual(await listFor(coordinator, '?kind=lle-placement'), [placement]);
    assert.deepEqual(await listFor(coordinator, '?year=2027/28'), [nextYear]);
    assert.deepEqual(await listFor(coordinator, '?q=Carys'), [nextYear]);
    assert.deepEqual(await listFor(coordinator, `?q=SA-${String(placement).padStart(4, '0')}`), [placement]);
    assert.ok((await t.app.services.agreements.withdraw(coordinator.user, nextYear, 'Not needed')).ok);
    assert.deepEqual(await listFor(coordinator, '?status=withdrawn'), [nextYear]);
    assert.match(
      (await t.app.inject({ url: '/staff/agreements?status=withdrawn', cookies: coordinator.cookies })).body,
      /1 agreement</,
    );

    const matthewArnold = await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn });
    const banksRoad = await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn });
    const palmerston = await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn });
    const carys = await person(t, { roles: ['system-leader'], leaderId: leaders.carysJones });
    assert.deepEqual(
      await listFor(matthewArnold),
      [placement, nextYear],
      'as the supported school, and as Carys Jones’s home school',
    );
    assert.ok(
      (await listFor(banksRoad)).includes(placement),
      'Banks Road is Ben Carter’s school: a party to his placement',
    );
    assert.ok(!(await listFor(palmerston)).includes(placement));
    assert.deepEqual(await listFor(carys), [nextYear]);

    for (const url of [
      `/staff/agreements/${placement}`,
      `/staff/agreements/${placement}/versions/1`,
      `/staff/agreements/${placement}/versions/1/pdf`,
    ]) {
      assert.equal(
        (await t.app.inject({ url, cookies: palmerston.cookies })).statusCode,
        404,
        `${url}: not their school’s`,
      );
      assert.equal(
        (await t.app.inject({ url, cookies: carys.cookies })).statusCode,
        404,
        `${url}: not their agreement`,
      );
      assert.equal((await t.app.inject({ url, cookies: matthewArnold.cookies })).statusCode, 200, url);
    }
    const asContact = await t.app.inject({ url: `/staff/agreements/${placement}`, cookies: matthewArnold.cookies });
    assert.doesNotMatch(asContact.body, /\/terms"/, 'no change links for a school contact');
    assert.doesNotMatch(asContact.body, /id="history"/, 'nor the audit trail');
    assert.match(asContact.body, /Sign for the supported school/);
  });

  test('withdrawing: only before signing, with a reason; a withdrawn agreement cannot be changed', async () => {
    const id = await readyAgreement(t, coordinator.user, { leaderId: leaders.chloeDunn });
    const form = await openForm(t.app, `/staff/agreements/${id}/withdraw`, coordinator.cookies);
    const noReason = await submitForm(t.app, `/staff/agreements/${id}/withdraw`, {}, form);
    assert.deepEqual(errorSummary(noReason.body), [
      { href: '#reason', text: 'Enter why the agreement is being withdrawn' },
    ]);
    assert.equal(
      (
        await submitForm(
          t.app,
          `/staff/agreements/${id}/withdraw`,
          { reason: 'The school found support elsewhere' },
          form,
        )
      ).statusCode,
      303,
    );
    const page = await t.app.inject({ url: `/staff/agreements/${id}`, cookies: coordinator.cookies });
    assert.match(page.body, /govuk-tag--grey">Withdrawn</);
    assert.match(page.body, /This agreement was withdrawn, so it cannot be changed/);
    assert.doesNotMatch(page.body, /Sign for the/);
    const terms = await t.app.inject({ url: `/staff/agreements/${id}/terms`, cookies: coordinator.cookies });
    assert.equal(terms.statusCode, 409);
    const again = await submitForm(t.app, `/staff/agreements/${id}/withdraw`, { reason: 'Twice' }, form);
    assert.deepEqual(errorSummary(again.body), [
      { href: '#reason', text: 'This agreement has already been withdrawn' },
    ]);
  });
});

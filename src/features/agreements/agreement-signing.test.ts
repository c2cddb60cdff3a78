import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { AN_OBJECTIVE, readyAgreement } from '../../../test/support/agreements.ts';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { agreementSignatures, agreementVersions, agreements, deploymentTerms } from './agreements.tables.ts';
import { errorSummary, formFields } from '../../../test/support/html.ts';
import { type Person, person } from '../../../test/support/people.ts';

const fingerprintIn = (html: string) => /name="fingerprint" value="([^"]*)"/.exec(html)?.[1] ?? '';

describe('signing an agreement, locking it, and varying it', () => {
  let t: TestApp;
  let leaders: Awaited<ReturnType<typeof addExampleLeaders>>;
  let coordinator: Person;
  let banksRoadHead: Person;
  let palmerstonHead: Person;
  before(async () => {
    t = await buildTestApp();
    leaders = await addExampleLeaders(t, 'amiraHussain', 'chloeDunn', 'benCarter');
    coordinator = await person(t, { roles: ['coordinator'], name: 'Bethan Morgan', jobTitle: 'Alliance coordinator' });
    banksRoadHead = await person(t, {
      roles: ['school-contact'],
      name: 'Priya Shah',
      jobTitle: 'Headteacher',
      schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
    });
    palmerstonHead = await person(t, {
      roles: ['school-contact'],
      name: 'Łucja Wiśniewska',
      jobTitle: 'Headteacher',
      schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn,
    });
  });
  after(() => t.close());

  /** Signs through the real form, as the person's browser would. */
  async function sign(
    who: Person,
    id: number,
    party: string,
    fields: Record<string, string> = { capacity: 'head', confirm: 'yes' },
  ) {
    const form = await openForm(t.app, `/staff/agreements/${id}/sign?party=${party}`, who.cookies);
    return submitForm(
      t.app,
      `/staff/agreements/${id}/sign`,
      { party, fingerprint: fingerprintIn(form.page.body), ...fields },
      form,
    );
  }

  const signaturesOf = async (id: number) => {
    const [agreement] = await t.database.db.select().from(agreements).where(eq(agreements.id, id));
    return t.database.db
      .select()
      .from(agreementSignatures)
      .where(eq(agreementSignatures.versionId, agreement!.currentVersionId!));
  };

  test('each party signs once, by the right person; the last signature locks the version', async () => {
    const id = await readyAgreement(t, coordinator.user, { leaderId: leaders.amiraHussain });

    // Someone from another school, the leader, and a school contact for the alliance: all refused, with the reason.
    const otherSchool = await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn });
    const notTheirs = await t.app.inject({
      url: `/staff/agreements/${id}/sign?party=supported-school`,
      cookies: otherSchool.cookies,
    });
    assert.equal(notTheirs.statusCode, 404, 'another school’s agreement is not found for them');
    const wrongParty = await t.app.inject({
      url: `/staff/agreements/${id}/sign?party=home-school`,
      cookies: banksRoadHead.cookies,
    });
    assert.equal(wrongParty.statusCode, 403);
    assert.match(wrongParty.body, /Only a school contact of Palmerston School can sign for it/);
    const allianceByContact = await t.app.inject({
      url: `/staff/agreements/${id}/sign?party=alliance`,
      cookies: banksRoadHead.cookies,
    });
    assert.match(
      allianceByContact.body,
      /Only the alliance’s coordinators and administrators can sign for the alliance/,
    );
    const coordinatorForSchool = await t.app.inject({
      url: `/staff/agreements/${id}/sign?party=supported-school`,
      cookies: coordinator.cookies,
    });
    assert.match(coordinatorForSchool.body, /Only a school contact of Banks Road Primary School can sign for it/);

    // The SLE is also a school contact at her own school (as deputies often are): she still cannot sign her own release.
    const amiraAsContact = await person(t, {
      roles: ['school-contact', 'system-leader'],
      schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn,
      leaderId: leaders.amiraHussain,
    });
    const ownRelease = await sign(amiraAsContact, id, 'home-school');
    assert.equal(ownRelease.statusCode, 403);
    assert.match(ownRelease.body, /You are the leader in this agreement, so you cannot sign for any of its parties/);

    // A signature with problems: the form again, 400, with what was chosen kept.
    const incomplete = await sign(banksRoadHead, id, 'supported-school', { capacity: 'delegate', headName: '' });
    assert.equal(incomplete.statusCode, 400);
    assert.deepEqual(errorSummary(incomplete.body), [
      { href: '#headName', text: 'Enter the name of the headteacher who named you to sign' },
      { href: '#confirm', text: 'Confirm that you have read the agreement and agree to it' },
    ]);
    assert.match(incomplete.body, /value="delegate" checked/);
    assert.equal((await signaturesOf(id)).length, 0);

    const first = await sign(banksRoadHead, id, 'supported-school', {
      capacity: 'delegate',
      headName: 'Maria Lopez',
      confirm: 'yes',
    });
    assert.equal(first.statusCode, 303);
    const again = await sign(banksRoadHead, id, 'supported-school');
    assert.match(again.body, /Priya Shah signed version 1 for the supported school on 23 November 2026 at 10am/);
    assert.equal((await sign(palmerstonHead, id, 'home-school')).statusCode, 303);
    const page = await t.app.inject({ url: `/staff/agreements/${id}`, cookies: coordinator.cookies });
    assert.match(page.body, /Being agreed/);
    assert.match(page.body, /2 of 3 signed/);

    t.clock.advance(30 * 60_000);
    assert.equal((await sign(coordinator, id, 'alliance', { confirm: 'yes' })).statusCode, 303);
    const signatures = await signaturesOf(id);
    assert.deepEqual(
      signatures
        .map((signature) => [
          signature.party,
          signature.signatoryName,
          signature.signatoryRole,
          signature.capacity,
          signature.headName,
          signature.method,
        ])
        .sort(),
      [
        ['alliance', 'Bethan Morgan', 'Alliance coordinator', 'alliance', null, 'in-service'],
        ['home-school', 'Łucja Wiśniewska', 'Headteacher', 'head', null, 'in-service'],
        ['supported-school', 'Priya Shah', 'Headteacher', 'delegate', 'Maria Lopez', 'in-service'],
      ],
    );
    const [agreement] = await t.database.db.select().from(agreements).where(eq(agreements.id, id));
    assert.equal(agreement?.status, 'signed');
    const [version] = await t.database.db
      .select()
      .from(agreementVersions)
      .where(eq(agreementVersions.id, agreement!.currentVersionId!));
    assert.equal(version?.lockedAt?.toISOString(), '2026-11-23T10:30:00.000Z');

    const signedPage = await t.app.inject({ url: `/staff/agreements/${id}`, cookies: banksRoadHead.cookies });
    assert.match(signedPage.body, /govuk-tag--green">Signed</);
    assert.match(signedPage.body, /Signed by every party on Monday 23 November 2026; it cannot be changed/);
    assert.doesNotMatch(
      signedPage.body,
      /href="\/staff\/agreements\/\d+\/terms"/,
      'no change links on a signed version',
    );

    const actions = (
      await t.database.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityType, 'agreement'), eq(auditEvents.entityId, String(id))))
    ).map((event) => event.action);
    assert.deepEqual(actions, [
      'created',
      'terms-saved',
      'objective-added',
      'signed',
      'signed',
      'signed',
      'version-locked',
    ]);
  });

  test('a signed version cannot change: every edit is refused with a clear message, and nothing is saved', async () => {
    const id = await readyAgreement(t, coordinator.user, { leaderId: leaders.chloeDunn });
    for (const [who, party] of [
      [banksRoadHead, 'supported-school'],
      [palmerstonHead, 'home-school'],
      [coordinator, 'alliance'],
    ] as const) {
      assert.equal(
        (await sign(who, id, party, party === 'alliance' ? { confirm: 'yes' } : { capacity: 'head', confirm: 'yes' }))
          .statusCode,
        303,
      );
    }
    const [before] = await t.database.db
      .select()
      .from(deploymentTerms)
      .innerJoin(agreements, eq(agreements.currentVersionId, deploymentTerms.versionId))
      .where(eq(agreements.id, id));

    const form = await openForm(t.app, '/staff/agreements', coordinator.cookies);
    const refusal =
      /Version 1 was signed by every party on Monday 23 November 2026, so it cannot be changed. To change the agreement, start a variation/;
    const termsPage = await t.app.inject({ url: `/staff/agreements/${id}/terms`, cookies: coordinator.cookies });
    assert.equal(termsPage.statusCode, 409);
    assert.match(termsPage.body, refusal);
    for (const url of [`/staff/agreements/${id}/terms`, `/staff/agreements/${id}/objectives/new`]) {
      const response = await submitForm(t.app, url, { days: '40', ...AN_OBJECTIVE }, form);
      assert.equal(response.statusCode, 409, url);
      assert.match(response.body, refusal);
      assert.match(response.body, /href="\/staff\/agreements\/\d+\/vary">Start a variation/);
    }
    const service = await t.app.services.agreementEditing.addObjective(coordinator.user, id, AN_OBJECTIVE);
    assert.deepEqual(
      service.ok ? undefined : 'refused' in service && service.refused.startsWith('Version 1 was signed'),
      true,
      'the service refuses too, whoever calls it',
    );
    const withdraw = await submitForm(t.app, `/staff/agreements/${id}/withdraw`, { reason: 'Changed our minds' }, form);
    assert.equal(withdraw.statusCode, 400);
    assert.deepEqual(errorSummary(withdraw.body), [
      {
        href: '#reason',
        text: 'A signed agreement cannot be withdrawn. To end it early, start a variation and change its end date',
      },
    ]);
    const [afterwards] = await t.database.db
      .select()
      .from(deploymentTerms)
      .innerJoin(agreements, eq(agreements.currentVersionId, deploymentTerms.versionId))
      .where(eq(agreements.id, id));
    assert.deepEqual(afterwards, before);
  });

  test('a variation is a new version, copied, changed and signed again by all; the signed version stays readable', async () => {
    const id = await readyAgreement(t, coordinator.user, { leaderId: leaders.amiraHussain, terms: { halfDays: 12 } });
    for (const [who, party] of [
      [banksRoadHead, 'supported-school'],
      [palmerstonHead, 'home-school'],
      [coordinator, 'alliance'],
    ] as const) {
      await sign(who, id, party, party === 'alliance' ? { confirm: 'yes' } : { capacity: 'head', confirm: 'yes' });
    }
    const form = await openForm(t.app, `/staff/agreements/${id}/vary`, coordinator.cookies);
    const noReason = await submitForm(t.app, `/staff/agreements/${id}/vary`, { reason: ' ' }, form);
    assert.equal(noReason.statusCode, 400);
    assert.deepEqual(errorSummary(noReason.body), [
      { href: '#reason', text: 'Enter why the agreement is being varied' },
    ]);
    assert.equal(
      (await submitForm(t.app, `/staff/agreements/${id}/vary`, { reason: 'Two more days in the summer term' }, form))
        .statusCode,
      303,
    );
    const twice = await submitForm(t.app, `/staff/agreements/${id}/vary`, { reason: 'Again' }, form);
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /A variation is already being agreed: version 2/);

    const terms = await openForm(t.app, `/staff/agreements/${id}/terms`, coordinator.cookies);
    const copied = formFields(terms.page.body);
    assert.equal(copied.days, '6', 'version 2 starts as a copy of version 1');
    assert.equal(copied.visitPattern, 'Every other Tuesday morning');
    const saved = await submitForm(t.app, `/staff/agreements/${id}/terms`, { ...copied, days: '7' }, terms);
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 200));

    const page = await t.app.inject({ url: `/staff/agreements/${id}`, cookies: banksRoadHead.cookies });
    assert.match(page.body, /Variation being agreed/);
    assert.match(page.body, /Version 2, a variation made on Monday 23 November 2026/);
    assert.match(page.body, /Reason for the variation: Two more days in the summer term/);
    assert.match(page.body, /Sign for the supported school/, 'the school signs again');
    const first = await t.app.inject({ url: `/staff/agreements/${id}/versions/1`, cookies: banksRoadHead.cookies });
    assert.match(first.body, /6 days/);
    assert.match(first.body, /Signed by every party on Monday 23 November 2026/);
    assert.match(first.body, /A later version has replaced it/);
    assert.match(first.body, /Priya Shah, Headteacher/);

    for (const [who, party] of [
      [banksRoadHead, 'supported-school'],
      [palmerstonHead, 'home-school'],
      [coordinator, 'alliance'],
    ] as const) {
      assert.equal(
        (await sign(who, id, party, party === 'alliance' ? { confirm: 'yes' } : { capacity: 'head', confirm: 'yes' }))
          .statusCode,
        303,
      );
    }
    const versions = await t.database.db
      .select()
      .from(agreementVersions)
      .where(eq(agreementVersions.agreementId, id))
      .orderBy(agreementVersions.number);
    assert.deepEqual(
      versions.map((version) => [version.number, version.lockedAt !== null]),
      [
        [1, true],
        [2, true],
      ],
    );
    const [agreement] = await t.database.db.select().from(agreements).where(eq(agreements.id, id));
    assert.equal(agreement?.status, 'signed');
    assert.equal(agreement?.currentVersionId, versions[1]!.id);
    const history = await t.app.inject({ url: `/staff/agreements/${id}`, cookies: coordinator.cookies });
    assert.match(history.body, /Variation started/);
    assert.match(history.body, /Reason: ‘Two more days in the summer term’/);
  });

  test('a variation that will not go ahead is discarded, signatures and all; the signed version stays in force', async () => {
    const id = await readyAgreement(t, coordinator.user, { leaderId: leaders.amiraHussain, terms: { halfDays: 12 } });
    for (const [who, party] of [
      [banksRoadHead, 'supported-school'],
      [palmerstonHead, 'home-school'],
      [coordinator, 'alliance'],
    ] as const) {
      await sign(who, id, party, party === 'alliance' ? { confirm: 'yes' } : { capacity: 'head', confirm: 'yes' });
    }
    const notYet = await t.app.inject({ url: `/staff/agreements/${id}/vary/discard`, cookies: coordinator.cookies });
    assert.equal(notYet.statusCode, 409);
    assert.match(notYet.body, /There is no variation being agreed to discard/);

    const vary = await openForm(t.app, `/staff/agreements/${id}/vary`, coordinator.cookies);
    await submitForm(t.app, `/staff/agreements/${id}/vary`, { reason: 'A longer placement' }, vary);
    const terms = await openForm(t.app, `/staff/agreements/${id}/terms`, coordinator.cookies);
    await submitForm(t.app, `/staff/agreements/${id}/terms`, { ...formFields(terms.page.body), days: '9' }, terms);
    assert.equal((await sign(banksRoadHead, id, 'supported-school')).statusCode, 303);
    assert.match(
      (await t.app.inject({ url: `/staff/agreements/${id}`, cookies: coordinator.cookies })).body,
      /href="\/staff\/agreements\/\d+\/vary\/discard">Discard this variation/,
    );
    assert.doesNotMatch(
      (await t.app.inject({ url: `/staff/agreements/${id}`, cookies: banksRoadHead.cookies })).body,
      /Discard this variation/,
      'only the alliance’s staff discard',
    );
    assert.equal(
      (await t.app.inject({ url: `/staff/agreements/${id}/vary/discard`, cookies: banksRoadHead.cookies })).statusCode,
      403,
    );

    const confirm = await openForm(t.app, `/staff/agreements/${id}/vary/discard`, coordinator.cookies);
    assert.match(confirm.page.body, /Discard version 2\?/);
    assert.match(confirm.page.body, /Version 1, the last one every party signed, stays in force/);
    const discarded = await submitForm(t.app, `/staff/agreements/${id}/vary/discard`, {}, confirm);
    assert.equal(discarded.statusCode, 303);

    const versions = await t.database.db.select().from(agreementVersions).where(eq(agreementVersions.agreementId, id));
    assert.deepEqual(
      versions.map((version) => version.number),
      [1],
    );
    const [agreement] = await t.database.db.select().from(agreements).where(eq(agreements.id, id));
    assert.deepEqual([agreement?.status, agreement?.currentVersionId], ['signed', versions[0]!.id]);
    assert.equal((await signaturesOf(id)).length, 3, 'the signed version keeps its three signatures');
    const page = await t.app.inject({ url: `/staff/agreements/${id}`, cookies: coordinator.cookies });
    assert.match(page.body, /6 days/);
    assert.match(page.body, /Variation discarded/);
    assert.equal(
      (await submitForm(t.app, `/staff/agreements/${id}/vary/discard`, {}, confirm)).statusCode,
      409,
      'nothing left to discard',
    );
  });

  test('changing a version some parties have signed removes their signatures, and a stale form cannot sign', async () => {
    const id = await readyAgreement(t, coordinator.user, {
      leaderId: leaders.chloeDunn,
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    });
    const matthewArnoldHead = await person(t, {
      roles: ['school-contact'],
      name: 'Tom Okafor',
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    });
    // The home school opens the form; the coordinator then edits the objective before it is sent.
    const opened = await openForm(t.app, `/staff/agreements/${id}/sign?party=home-school`, palmerstonHead.cookies);
    assert.equal((await sign(matthewArnoldHead, id, 'supported-school')).statusCode, 303);

    const objectiveForm = await openForm(t.app, `/staff/agreements/${id}/objectives/new`, coordinator.cookies);
    assert.match(
      objectiveForm.page.body,
      /Saving a change removes the signatures already given \(Tom Okafor\): they must sign again/,
    );
    assert.equal(
      (
        await submitForm(
          t.app,
          `/staff/agreements/${id}/objectives/new`,
          {
            objective: 'Leaders check progress each half term',
            baseline: 'No checks now',
            successMeasure: 'Six checks a year',
          },
          objectiveForm,
        )
      ).statusCode,
      303,
    );
    assert.equal((await signaturesOf(id)).length, 0, 'the supported school signed something else');

    const stale = await submitForm(
      t.app,
      `/staff/agreements/${id}/sign`,
      { party: 'home-school', capacity: 'head', confirm: 'yes', fingerprint: fingerprintIn(opened.page.body) },
      opened,
    );
    assert.equal(stale.statusCode, 400);
    assert.deepEqual(errorSummary(stale.body), [
      {
        href: '#confirm',
        text: 'Version 1 was changed after you opened it, so it was not signed. Read it again, then sign',
      },
    ]);
    assert.equal((await signaturesOf(id)).length, 0);
    const cleared = (
      await t.database.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, String(id)), eq(auditEvents.action, 'signatures-cleared')))
    )[0];
    assert.deepEqual(cleared?.before, { signatures: ['Tom Okafor (supported-school)'] });
  });

  test('a coordinator records a home-school head’s signature made in front of them; nobody signs an unready version', async () => {
    const created = await t.app.services.agreements.create(coordinator.user, {
      kind: 'lle-placement',
      leaderId: leaders.benCarter,
      supportedSchoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    });
    assert.ok(created.ok);
    const unready = await t.app.inject({
      url: `/staff/agreements/${created.value.id}/sign?party=alliance`,
      cookies: coordinator.cookies,
    });
    assert.equal(unready.statusCode, 403);
    assert.match(
      unready.body,
      /This agreement cannot be signed yet: complete the terms and add at least one objective/,
    );

    const id = await readyAgreement(t, coordinator.user, {
      kind: 'lle-placement',
      leaderId: leaders.benCarter,
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    });
    const form = await openForm(
      t.app,
      `/staff/agreements/${id}/witnessed-signature?party=home-school`,
      coordinator.cookies,
    );
    const empty = await submitForm(
      t.app,
      `/staff/agreements/${id}/witnessed-signature`,
      { fingerprint: fingerprintIn(form.page.body) },
      form,
    );
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(errorSummary(empty.body), [
      { href: '#party', text: 'Select the school the person signed for' },
      { href: '#signatoryName', text: 'Enter the name of the person who signed' },
      { href: '#signatoryRole', text: 'Enter the role of the person who signed, for example Headteacher' },
      { href: '#capacity', text: 'Select whether you sign as the headteacher or as someone they named' },
      { href: '#confirm', text: 'Confirm that the person signed this version in front of you' },
    ]);
    const recorded = await submitForm(
      t.app,
      `/staff/agreements/${id}/witnessed-signature`,
      {
        party: 'home-school',
        signatoryName: 'Gwen Ellis',
        signatoryRole: 'Headteacher',
        capacity: 'head',
        confirm: 'yes',
        fingerprint: fingerprintIn(form.page.body),
      },
      form,
    );
    assert.equal(recorded.statusCode, 303);
    const [signature] = await signaturesOf(id);
    assert.deepEqual(
      [signature?.party, signature?.signatoryName, signature?.method, signature?.userId],
      ['home-school', 'Gwen Ellis', 'witnessed', coordinator.user.id],
    );
    const page = await t.app.inject({ url: `/staff/agreements/${id}`, cookies: coordinator.cookies });
    assert.match(
      page.body,
      /Gwen Ellis, Headteacher<br><span class="govuk-body-s">Signed in front of Bethan Morgan, who recorded it\./,
    );
    const noAlliance = await t.app.inject({
      url: `/staff/agreements/${id}/witnessed-signature?party=alliance`,
      cookies: banksRoadHead.cookies,
    });
    assert.equal(noAlliance.statusCode, 403, 'school contacts cannot record signatures at all (the guard)');
  });
});

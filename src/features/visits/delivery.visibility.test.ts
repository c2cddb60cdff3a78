import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { agreementIn, signedAgreement } from '../../../test/support/agreements.ts';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { errorSummary, page, summaryListRows } from '../../../test/support/html.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { type Person, person } from '../../../test/support/people.ts';

describe('who reads each delivery log’s notes: as its writer chose (DeliveryService.logs)', () => {
  let t: TestApp;
  let people: Record<
    'coordinator' | 'supportedSchool' | 'homeSchool' | 'leader' | 'otherSchool' | 'otherLeader' | 'lle',
    Person
  >;
  let agreementId: number;
  const NOTES = {
    alliance: 'Worried about the head’s wellbeing; raised with the local authority',
    'alliance-and-leader': 'Coached the new head through her first data meeting',
    everyone: 'Agreed the next three visits with the school office',
  };
  const LEADERS_OWN = 'My own note for the alliance about the pace of change';

  const logForm = (sharedWith: string, notes: string) => ({
    'date-day': '20',
    'date-month': '1',
    'date-year': '2027',
    attendee: 'leader',
    days: '0.5',
    hours: '',
    activities: ['coaching'],
    notes,
    sharedWith,
  });

  async function log(who: Person, fields: Record<string, string | string[]>, id = agreementId) {
    const url = `/staff/agreements/${id}/delivery/new`;
    return submitForm(t.app, url, fields, await openForm(t.app, url, who.cookies));
  }

  const agreementPage = async (who: Person) => {
    const response = await t.app.inject({ url: `/staff/agreements/${agreementId}`, cookies: who.cookies });
    assert.equal(response.statusCode, 200, who.user.name);
    return response.body;
  };

  before(async () => {
    t = await buildTestApp({ now: '2027-02-01T10:00:00Z' });
    const leaders = await addExampleLeaders(t, 'amiraHussain', 'carysJones', 'benCarter');
    people = {
      coordinator: await person(t, { roles: ['coordinator'] }),
      supportedSchool: await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn }),
      homeSchool: await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn }),
      leader: await person(t, { roles: ['system-leader'], leaderId: leaders.amiraHussain }),
      otherSchool: await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn }),
      otherLeader: await person(t, { roles: ['system-leader'], leaderId: leaders.carysJones }),
      lle: await person(t, { roles: ['system-leader'], leaderId: leaders.benCarter }),
    };
    agreementId = await agreementIn(t, 'signed', people.coordinator, {
      signatories: people,
      leaderId: leaders.amiraHussain,
    });
    for (const [sharedWith, notes] of Object.entries(NOTES)) {
      const response = await log(people.coordinator, logForm(sharedWith, notes));
      assert.equal(response.statusCode, 303, response.body);
    }
    assert.equal((await log(people.leader, logForm('alliance', LEADERS_OWN))).statusCode, 303);
  });
  after(() => t.close());

  test('the coordinator reads every note, each with who it is shared with beside it', async () => {
    const html = await agreementPage(people.coordinator);
    for (const notes of [...Object.values(NOTES), LEADERS_OWN]) assert.ok(html.includes(notes), notes);
    const cards = page(html).querySelectorAll('.govuk-summary-card');
    const sharedWith = (notes: string) =>
      cards
        .find((card) => card.text.includes(notes))
        ?.querySelectorAll('.govuk-summary-list__row')
        .find((row) => row.text.includes('Shared with'))
        ?.querySelector('.govuk-summary-list__value')
        ?.text.trim();
    assert.equal(sharedWith(NOTES.alliance), 'The alliance only');
    assert.equal(sharedWith(NOTES['alliance-and-leader']), 'The alliance and the leader');
    assert.equal(sharedWith(NOTES.everyone), 'Everyone on the agreement, including the supported school');
  });

  test('the leader reads what is shared with them, and their own note, not the alliance’s own', async () => {
    const html = await agreementPage(people.leader);
    assert.ok(html.includes(NOTES['alliance-and-leader']));
    assert.ok(html.includes(NOTES.everyone));
    assert.ok(html.includes(LEADERS_OWN), 'a writer reads what they wrote');
    assert.ok(!html.includes(NOTES.alliance));
  });

  test('the supported school’s and the home school’s contacts read only what is shared with everyone', async () => {
    for (const who of [people.supportedSchool, people.homeSchool]) {
      const html = await agreementPage(who);
      assert.ok(html.includes(NOTES.everyone), who.user.name);
      for (const hidden of [NOTES.alliance, NOTES['alliance-and-leader'], LEADERS_OWN])
        assert.ok(!html.includes(hidden), `${who.user.name}: ${hidden}`);
      // Every day still counts: 4 half days were logged, whoever may read the notes.
      assert.ok(summaryListRows(html).some(([key, value]) => key === 'Delivered' && value === '2 days'));
    }
  });

  test('another school’s contact and another leader get no way to them', async () => {
    assert.equal(await t.app.services.delivery.open(people.otherSchool.user, agreementId), undefined);
    assert.equal(await t.app.services.delivery.open(people.otherLeader.user, agreementId), undefined);
  });

  test('a choice that is not one of the three is refused with the error summary, and the notes kept', async () => {
    const response = await log(people.coordinator, logForm('the-governors', 'Notes typed before the mistake'));
    assert.equal(response.statusCode, 400);
    assert.deepEqual(errorSummary(response.body), [
      { href: '#sharedWith', text: 'Select who the notes and progress are shared with' },
    ]);
    assert.match(response.body, /Notes typed before the mistake/);
  });

  test('an LLE placement’s form starts shared with the alliance and the leader; a deployment’s with everyone', async () => {
    const placement = await signedAgreement(t, people.coordinator, {
      kind: 'lle-placement',
      leaderId: people.lle.user.leaderId!,
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    });
    const checked = async (id: number) => {
      const form = await t.app.inject({
        url: `/staff/agreements/${id}/delivery/new`,
        cookies: people.coordinator.cookies,
      });
      return page(form.body).querySelector('input[name="sharedWith"][checked]')?.getAttribute('value');
    };
    assert.equal(await checked(placement), 'alliance-and-leader');
    assert.equal(await checked(agreementId), 'everyone');
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { errorSummary, formFields, page, textsOf } from '../../../test/support/html.ts';
import { person, type Person } from '../../../test/support/people.ts';
import { specialismId } from '../../../test/support/agreements.ts';

const SETTINGS = '/staff/designation-settings';

/** The public page as a reader takes it in: its words, with runs of white space closed up. */
async function publicPage(t: TestApp): Promise<string> {
  const response = await t.app.inject({ url: '/become-a-system-leader' });
  assert.equal(response.statusCode, 200);
  return page(response.body).querySelector('main')!.text.replace(/\s+/g, ' ');
}

describe('the designation rules and criteria, and the public page that states them', () => {
  let t: TestApp;
  let admin: Person;
  let coordinator: Person;
  before(async () => {
    t = await buildTestApp();
    admin = await person(t, { roles: ['administrator'] });
    coordinator = await person(t, { roles: ['coordinator'] });
  });
  after(() => t.close());

  const criteriaOf = async (heading: string) => {
    const html = (await t.app.inject({ url: SETTINGS, cookies: admin.cookies })).body;
    const section = page(html)
      .querySelectorAll('#criteria ~ h3')
      .find((h3) => h3.text.trim() === heading);
    return section?.nextElementSibling?.querySelectorAll('li a').map((link) => link.text.trim()) ?? [];
  };

  test('the public page states national guidance’s figures and criteria until the alliance changes them', async () => {
    const text = await publicPage(t);
    assert.match(text, /not the headteacher, with at least 2 years in a leadership role/);
    assert.match(text, /at least 3 years’ headship \(acting headship counts\)/);
    assert.match(text, /expect to stay at your school for at least 2 more years/);
    assert.match(text, /evidence against each criterion in up to 500 words/);
    assert.match(text, /appeal within 28 days/);
    assert.match(text, /A designation lasts 4 years/);
    assert.match(text, /Higher level teaching assistants are not eligible/);
    assert.match(text, /We are not taking applications at the moment/);
    assert.deepEqual(
      textsOf((await t.app.inject({ url: '/become-a-system-leader' })).body, '#sle ~ dl:first-of-type dt'),
      ['Experience', 'Track record', 'Capacity and commitment', 'Skills'],
    );
    assert.deepEqual(await criteriaOf('Local Leader of Education (LLE)'), [
      'Experience',
      'Track record',
      'Capacity and commitment',
      'Skills',
    ]);
  });

  test('a changed figure is on the public page at once; a wrong one is explained, kept, and changes nothing', async () => {
    const form = await openForm(t.app, SETTINGS, admin.cookies);
    const fields = formFields(form.page.body);
    const wrong = await submitForm(
      t.app,
      SETTINGS,
      { ...fields, sleMinimumLeadershipYears: 'two', appealDays: '400', evidenceWordLimit: '' },
      form,
    );
    assert.equal(wrong.statusCode, 400);
    assert.deepEqual(errorSummary(wrong.body), [
      {
        href: '#sleMinimumLeadershipYears',
        text: 'The years in a leadership role an SLE needs must be a whole number, like 2',
      },
      { href: '#evidenceWordLimit', text: 'Enter the word limit for evidence' },
      { href: '#appealDays', text: 'The days allowed for an appeal must be between 1 and 365' },
    ]);
    assert.equal(formFields(wrong.body).sleMinimumLeadershipYears, 'two');
    assert.match(await publicPage(t), /at least 2 years in a leadership role/);

    const saved = await submitForm(t.app, SETTINGS, { ...fields, sleMinimumLeadershipYears: '3' }, form);
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `${SETTINGS}#rules`);
    assert.match(await publicPage(t), /at least 3 years in a leadership role/);
    const trail = page((await t.app.inject({ url: SETTINGS, cookies: admin.cookies })).body).text;
    assert.match(trail, /Designation rules changed/);
  });

  test('criteria are added, renamed and removed; titles are unique per designation; one always remains', async () => {
    const form = await openForm(t.app, SETTINGS, admin.cookies);
    const missing = await submitForm(t.app, `${SETTINGS}/criteria`, { title: 'Safeguarding' }, form);
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(errorSummary(missing.body), [
      { href: '#designationType', text: 'Select the designation' },
      { href: '#criterion-description', text: 'Describe what applicants must show' },
    ]);
    assert.equal(formFields(missing.body).title, 'Safeguarding');

    const clash = await submitForm(
      t.app,
      `${SETTINGS}/criteria`,
      { designationType: 'lle', title: 'skills', description: 'Again' },
      form,
    );
    assert.deepEqual(errorSummary(clash.body), [
      { href: '#criterion-title', text: 'There is already a criterion called ‘skills’ for this designation' },
    ]);

    const added = await submitForm(
      t.app,
      `${SETTINGS}/criteria`,
      { designationType: 'lle', title: 'Safeguarding', description: 'Leads safeguarding well.' },
      form,
    );
    assert.equal(added.statusCode, 303);
    assert.deepEqual((await criteriaOf('Local Leader of Education (LLE)')).at(-1), 'Safeguarding');
    assert.match(await publicPage(t), /Safeguarding Leads safeguarding well\./);
    assert.deepEqual(await criteriaOf('Specialist Leader of Education (SLE)'), [
      'Experience',
      'Track record',
      'Capacity and commitment',
      'Skills',
    ]);

    // The NLE's criteria are removed one by one; the last is refused, with the reason.
    const nle = page((await t.app.inject({ url: SETTINGS, cookies: admin.cookies })).body)
      .querySelectorAll('a[href^="/staff/designation-settings/criteria/"]')
      .map((link) => link.getAttribute('href')!)
      .slice(-4);
    for (const href of nle.slice(0, 3)) {
      const criterionForm = await openForm(t.app, href, admin.cookies);
      assert.equal((await submitForm(t.app, `${href}/remove`, {}, criterionForm)).statusCode, 303);
    }
    const last = await openForm(t.app, nle[3]!, admin.cookies);
    const refused = await submitForm(t.app, `${nle[3]}/remove`, {}, last);
    assert.equal(refused.statusCode, 409);
    assert.deepEqual(errorSummary(refused.body), [
      { href: '#remove-criterion', text: 'A designation needs at least one criterion' },
    ]);
    assert.deepEqual(await criteriaOf('National Leader of Education (NLE)'), ['Skills']);

    const renamed = await submitForm(
      t.app,
      nle[3]!,
      { title: 'Leadership skills', description: 'Leads others.' },
      last,
    );
    assert.equal(renamed.statusCode, 303);
    assert.deepEqual(await criteriaOf('National Leader of Education (NLE)'), ['Leadership skills']);
  });

  test('only administrators keep the rules', async () => {
    const response = await t.app.inject({ url: SETTINGS, cookies: coordinator.cookies });
    assert.equal(response.statusCode, 403);
  });
});

describe('recruitment rounds, and how the public page lists them', () => {
  let t: TestApp;
  let admin: Person;
  before(async () => {
    t = await buildTestApp();
    t.clock.set('2027-01-11T09:00:00Z');
    admin = await person(t, { roles: ['administrator'] });
  });
  after(() => t.close());

  const ROUNDS = '/staff/recruitment-rounds';
  const dates = (name: string, day: string, month: string, year: string) => ({
    [`${name}-day`]: day,
    [`${name}-month`]: month,
    [`${name}-year`]: year,
  });

  test('a round with a closing date before its opening is refused, with the input kept', async () => {
    const form = await openForm(t.app, ROUNDS, admin.cookies);
    const response = await submitForm(
      t.app,
      ROUNDS,
      { designationType: 'sle', ...dates('opensOn', '1', '2', '2027'), ...dates('closesOn', '31', '1', '2027') },
      form,
    );
    assert.equal(response.statusCode, 400);
    assert.deepEqual(errorSummary(response.body), [
      { href: '#closesOn-day', text: 'The closing date must be the same as or after the opening date' },
    ]);
    assert.equal(formFields(response.body)['closesOn-day'], '31');
  });

  test('an open round, a later one and one closed early: the public page lists what applicants can use', async () => {
    const maths = String(await specialismId(t, 'Maths'));
    const form = await openForm(t.app, ROUNDS, admin.cookies);
    const open = await submitForm(
      t.app,
      ROUNDS,
      {
        designationType: 'sle',
        ...dates('opensOn', '4', '1', '2027'),
        ...dates('closesOn', '26', '2', '2027'),
        specialismIds: [maths],
        note: 'The panel meets in March.',
      },
      form,
    );
    assert.equal(open.statusCode, 303);
    await submitForm(t.app, ROUNDS, { designationType: 'lle', ...dates('opensOn', '1', '9', '2027') }, form);
    await submitForm(t.app, ROUNDS, { designationType: 'nle', ...dates('opensOn', '1', '1', '2027') }, form);

    let text = await publicPage(t);
    assert.match(
      text,
      /We are taking applications now: National Leader of Education \(NLE\): open now, with no closing date\. Specialist Leader of Education \(SLE\): open now, closing Friday 26 February 2027\. We most need leaders in Maths\. The panel meets in March\./,
    );
    assert.match(
      text,
      /Coming up: Local Leader of Education \(LLE\): opens Wednesday 1 September 2027, with no closing date\./,
    );

    const list = (await t.app.inject({ url: ROUNDS, cookies: admin.cookies })).body;
    const nleCard = page(list)
      .querySelectorAll('.govuk-summary-card')
      .find((card) => card.text.includes('National Leader of Education'));
    const closeAction = nleCard!.querySelector('form')!.getAttribute('action')!;
    assert.equal((await submitForm(t.app, closeAction, {}, form)).statusCode, 303);
    text = await publicPage(t);
    assert.doesNotMatch(text, /National Leader of Education/);
    assert.deepEqual(
      textsOf((await t.app.inject({ url: ROUNDS, cookies: admin.cookies })).body, '.govuk-summary-card .govuk-tag'),
      ['Not open yet', 'Open', 'Closed early'],
    );

    t.clock.set('2027-02-27T09:00:00Z');
    assert.match(await publicPage(t), /We are not taking applications at the moment/);
  });
});

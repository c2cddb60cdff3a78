import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readyAgreement } from '../../../test/support/agreements.ts';
import { errorSummary, formFields } from '../../../test/support/html.ts';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { type Person, person } from '../../../test/support/people.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { isHeadteacherRole } from './agreement-signing.service.ts';

const fingerprintIn = (html: string) => /name="fingerprint" value="([^"]*)"/.exec(html)?.[1] ?? '';

/** A signatory signs in their own role, or on behalf of a named headteacher: never a deputy "as the headteacher". */
describe('the capacity a school’s signatory signs in', () => {
  let t: TestApp;
  let coordinator: Person;
  let deputy: Person;
  let id: number;

  before(async () => {
    t = await buildTestApp();
    const leaders = await addExampleLeaders(t, 'amiraHussain');
    coordinator = await person(t, { roles: ['coordinator'], name: 'Bethan Morgan', jobTitle: 'Alliance coordinator' });
    deputy = await person(t, {
      roles: ['school-contact'],
      name: 'Priya Shah',
      jobTitle: 'Deputy headteacher',
      schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
    });
    id = await readyAgreement(t, coordinator.user, { leaderId: leaders.amiraHussain });
  });
  after(() => t.close());

  async function sign(who: Person, fields: Record<string, string>) {
    const form = await openForm(t.app, `/staff/agreements/${id}/sign?party=supported-school`, who.cookies);
    return submitForm(
      t.app,
      `/staff/agreements/${id}/sign`,
      { party: 'supported-school', fingerprint: fingerprintIn(form.page.body), confirm: 'yes', ...fields },
      form,
    );
  }

  test('a deputy cannot sign as the headteacher; signing on behalf of the named head reads so on the page', async () => {
    const asHead = await sign(deputy, { capacity: 'head' });
    assert.equal(asHead.statusCode, 400);
    assert.deepEqual(errorSummary(asHead.body), [
      {
        href: '#capacity',
        text: 'The role recorded is Deputy headteacher, not headteacher, so this is signed on behalf of the headteacher: choose ‘Someone the headteacher named’ and give the headteacher’s name',
      },
    ]);
    assert.equal(formFields(asHead.body).capacity, 'head', 'what was chosen is kept');

    assert.equal((await sign(deputy, { capacity: 'delegate', headName: 'Maria Lopez' })).statusCode, 303);
    const page = await t.app.inject({ url: `/staff/agreements/${id}`, cookies: coordinator.cookies });
    assert.match(page.body, /Priya Shah, Deputy headteacher, on behalf of Maria Lopez, headteacher<br>/);
    assert.doesNotMatch(
      page.body,
      /Deputy headteacher \(|Deputy headteacher<br><span class="govuk-body-s">Headteacher/,
    );
  });

  test('what counts as a headteacher’s role', () => {
    for (const role of ['Headteacher', 'Head teacher', 'Executive headteacher', 'Principal', 'Head of School', 'Head'])
      assert.ok(isHeadteacherRole(role), role);
    for (const role of ['Deputy headteacher', 'Assistant head', 'Vice principal', 'Head of maths', 'Business manager'])
      assert.ok(!isHeadteacherRole(role), role);
  });
});

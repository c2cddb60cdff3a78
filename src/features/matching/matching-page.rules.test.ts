import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { agreementIn, type AgreementState } from '../../../test/support/agreements.ts';
import { receiveEnquiry } from '../../../test/support/enquiries.ts';
import { page } from '../../../test/support/html.ts';
import { addLeader } from '../../../test/support/leaders.ts';
import { person, type Person } from '../../../test/support/people.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';

/** What a coordinator reads on the matching page about past support and lapsed designations. */
describe('the matching page counts only agreed support, and leaves out lapsed designations', () => {
  let t: TestApp;
  let coordinator: Person;
  let reference: string;
  const STATES: AgreementState[] = ['draft', 'withdrawn', 'signed', 'varying'];

  before(async () => {
    t = await buildTestApp();
    coordinator = await person(t, { roles: ['coordinator'] });
    for (const state of STATES) {
      const leaderId = await addLeader(t, { name: `Leader with a ${state} agreement` });
      await agreementIn(t, state, coordinator, { leaderId });
    }
    await addLeader(t, {
      name: 'Lapsed Leader',
      designations: [{ type: 'sle', status: 'designated', startDate: '2019-09-01', reviewDate: '2023-09-01' }],
    });
    ({ reference } = await receiveEnquiry(t, '2026-11-23T10:00:00Z'));
  });
  after(() => t.close());

  const matchingPage = async () =>
    page((await t.app.inject({ url: `/staff/enquiries/${reference}/matching`, cookies: coordinator.cookies })).body);
  const historyOf = (html: ReturnType<typeof page>, name: string) => {
    const entry = html.querySelectorAll('.app-match').find((match) => match.text.includes(name));
    assert.ok(entry, `${name} is ranked`);
    return /Support already given to this school: .*?(?=Priority school:)/s.exec(entry.text)![0].trim();
  };

  test('a draft or withdrawn agreement is not support already given; a signed one is', async () => {
    const html = await matchingPage();
    assert.match(historyOf(html, 'a draft agreement'), /0 of 5 — Has not supported this school before$/);
    assert.match(historyOf(html, 'a withdrawn agreement'), /0 of 5 — Has not supported this school before$/);
    assert.match(historyOf(html, 'a signed agreement'), /5 of 5 — Has supported this school before \(1 agreement\)$/);
    assert.match(historyOf(html, 'a varying agreement'), /5 of 5 — Has supported this school before \(1 agreement\)$/);
  });

  test('a leader whose designation is past its review date is not ranked, and the page says why', async () => {
    const html = await matchingPage();
    assert.ok(!html.querySelectorAll('.app-match').some((match) => match.text.includes('Lapsed Leader')));
    const excluded = html.querySelector('#excluded')!.nextElementSibling!.text;
    assert.match(
      excluded,
      /Lapsed Leader, Palmerston School\. Designation lapsed: its review was due on Friday 1 September 2023/,
    );
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { sentApplication } from '../../../test/support/applications.ts';
import { errorSummary, page, summaryListRows, tableRows, textsOf } from '../../../test/support/html.ts';
import { person, type Person } from '../../../test/support/people.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';

const LIST = '/staff/applications';

describe('Staff > Applications: each application’s stage, what it waits for, and its whole record', () => {
  let t: TestApp;
  let coordinator: Person;
  let ids: Record<'complete' | 'noReferences' | 'noConsent' | 'started', { id: number; reference: string }>;
  before(async () => {
    t = await buildTestApp();
    coordinator = await person(t, { roles: ['coordinator'] });
    ids = {
      complete: await sentApplication(t, {
        applicantName: 'Asha Complete',
        schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn,
        sentAt: '2026-11-02T10:00:00Z',
      }),
      noReferences: await sentApplication(t, {
        applicantName: 'Ben Waiting',
        schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
        sentAt: '2026-11-13T10:00:00Z',
        answered: ['head-consent'],
      }),
      noConsent: await sentApplication(t, {
        designationType: 'lle',
        applicantName: 'Cara Consent',
        schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
        sentAt: '2026-11-20T10:00:00Z',
        answered: ['line-manager-reference', 'supported-leader-reference', 'head-consent'],
      }),
      started: await sentApplication(t, { applicantName: 'Dev Started', status: 'started', schoolUrn: 104748 }),
    };
  });
  after(() => t.close());

  const list = async (query = '') => {
    const response = await t.app.inject({ url: `${LIST}${query}`, cookies: coordinator.cookies });
    return { response, rows: tableRows(response.body, 'table.app-applications') };
  };

  test('lists every sent application with its stage, the days it has waited, and what it still needs', async () => {
    const { response, rows } = await list();
    assert.equal(response.statusCode, 200);
    assert.equal(rows.length, 3, 'the started application is not listed by default');
    const byName = new Map(
      page(response.body)
        .querySelectorAll('table.app-applications tbody tr')
        .map((row) => [row.querySelector('th a')!.text.trim(), row.text.replace(/\s+/g, ' ')]),
    );
    assert.match(byName.get('Ben Waiting')!, /References due/);
    assert.match(byName.get('Ben Waiting')!, /10 days since Friday 13 November 2026/);
    assert.match(
      byName.get('Ben Waiting')!,
      /Reference from the headteacher.*Reference from a leader they have supported/,
    );
    assert.match(byName.get('Ben Waiting')!, /Chair of governors’ release consent/);
    assert.match(byName.get('Cara Consent')!, /Consent due/);
    assert.match(byName.get('Cara Consent')!, /Chair of governors’ release consent/);
    assert.match(byName.get('Asha Complete')!, /Ready for panel/);
    assert.match(byName.get('Asha Complete')!, /Nothing/);
  });

  test('filters by stage in the URL, shows started ones when asked, and refuses a stage that does not exist', async () => {
    const references = await list('?stage=references-due');
    assert.deepEqual(textsOf(references.response.body, 'table.app-applications tbody th a'), ['Ben Waiting']);
    const all = await list('?stage=all');
    assert.equal(all.rows.length, 4);
    assert.ok(textsOf(all.response.body, 'table.app-applications tbody th a').includes('Dev Started'));
    const wrong = await list('?stage=lost&page=x');
    assert.equal(wrong.response.statusCode, 400);
    assert.deepEqual(errorSummary(wrong.response.body), [
      { href: '#stage', text: 'Select a stage from the list' },
      { href: '#page', text: 'The page must be a whole number, like 2' },
    ]);
  });

  test('pages a long list, 25 to a page', async () => {
    const more = await buildTestApp();
    const them = await person(more, { roles: ['administrator'] });
    for (let index = 0; index < 27; index++) await sentApplication(more, { schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn });
    const first = await more.app.inject({ url: LIST, cookies: them.cookies });
    assert.equal(tableRows(first.body, 'table.app-applications').length, 25);
    assert.match(page(first.body).querySelector('#results-heading')!.text, /27 applications, page 1 of 2/);
    const second = await more.app.inject({ url: `${LIST}?page=2`, cookies: them.cookies });
    assert.equal(tableRows(second.body, 'table.app-applications').length, 2);
    await more.close();
  });

  test('an application’s page: the answers, evidence per criterion, and each reference and consent', async () => {
    const response = await t.app.inject({ url: `${LIST}/${ids.noReferences.id}`, cookies: coordinator.cookies });
    assert.equal(response.statusCode, 200);
    const rows = new Map(summaryListRows(response.body));
    assert.equal(rows.get('Reference'), ids.noReferences.reference);
    assert.equal(rows.get('Role'), 'Middle leader');
    assert.equal(rows.get('Specialisms'), 'Maths');
    assert.match(rows.get('School')!, /Banks Road Primary School.*URN 104516/);
    const text = page(response.body).querySelector('main')!.text.replace(/\s+/g, ' ');
    assert.match(text, /Track record .*Evidence of track record from applicant/);
    assert.match(text, /The school agrees to release them, for 15 days a year/);
    // Resend and change for each unanswered request only (three of the four).
    const resends = page(response.body)
      .querySelectorAll('form[action$="/resend"]')
      .map((form) => form.getAttribute('action'));
    assert.equal(resends.length, 3);
    assert.ok(resends.every((action) => action?.startsWith(`${LIST}/${ids.noReferences.id}/requests/`)));
    assert.equal(page(response.body).querySelectorAll('a[href$="/change"]').length, 3);
    assert.ok(page(response.body).querySelector('form[action$="/resend"] input[name="_csrf"]'));
  });

  test('an application is withdrawn after a confirmation, on the audit trail, and cannot be withdrawn twice', async () => {
    const confirm = await openForm(t.app, `${LIST}/${ids.noConsent.id}/withdraw`, coordinator.cookies);
    assert.match(page(confirm.page.body).querySelector('h1')!.text, /Withdraw Cara Consent’s application\?/);
    const withdrawn = await submitForm(t.app, `${LIST}/${ids.noConsent.id}/withdraw`, {}, confirm);
    assert.equal(withdrawn.statusCode, 303);
    const shown = await t.app.inject({ url: `${LIST}/${ids.noConsent.id}`, cookies: confirm.cookies });
    const text = page(shown.body).querySelector('main')!.text.replace(/\s+/g, ' ');
    assert.match(text, /Withdrawn/);
    assert.match(text, /Application withdrawn/);
    assert.equal(page(shown.body).querySelector('a[href$="/withdraw"]'), null);
    const again = await t.app.inject({ url: `${LIST}/${ids.noConsent.id}/withdraw`, cookies: confirm.cookies });
    assert.equal(again.statusCode, 303);
    assert.deepEqual(textsOf((await list('?stage=withdrawn')).response.body, 'table.app-applications tbody th a'), [
      'Cara Consent',
    ]);
  });

  test('only coordinators and administrators see applications; a missing one is not found', async () => {
    const member = await person(t, { roles: ['panel-member'] });
    assert.equal((await t.app.inject({ url: LIST, cookies: member.cookies })).statusCode, 403);
    assert.equal((await t.app.inject({ url: `${LIST}/999999`, cookies: coordinator.cookies })).statusCode, 404);
    assert.equal((await t.app.inject({ url: `${LIST}/abc`, cookies: coordinator.cookies })).statusCode, 404);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desc, eq, sql } from 'drizzle-orm';
import { EXAMPLE_ENQUIRIES } from '../seed/examples.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../test/support/test-app.ts';
import { person } from '../../test/support/people.ts';
import { outboxMessages } from './outbox/outbox.tables.ts';
import { urlForLog } from './logging.ts';

describe('what the log holds', () => {
  let t: TestApp;
  const lines: string[] = [];
  before(
    async () =>
      (t = await buildTestApp({
        env: { LOG_LEVEL: 'trace', ENQUIRY_RATE_LIMIT_PER_HOUR: '1000' },
        logDestination: { write: (line: string) => void lines.push(line) },
      })),
  );
  after(() => t.close());

  const logged = () => lines.join('');

  test('sending a reset link and using it logs no token, password, email body or query value', async () => {
    const user = await person(t, { signedIn: false, roles: ['coordinator'] });
    const form = await openForm(t.app, '/forgot-password');
    assert.equal((await submitForm(t.app, '/forgot-password', { email: user.email }, form)).statusCode, 303);
    await t.app.services.accountLinks.drainResetRequests();
    const [email] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, user.email))
      .orderBy(desc(outboxMessages.id));
    assert.ok(email);
    const token = /token=([\w-]+)/.exec(email.body)![1]!;

    const resetPage = await openForm(t.app, `/reset-password?token=${token}`);
    const password = 'quince harbour lantern meadow';
    const reset = await submitForm(t.app, '/reset-password', { token, password, confirmPassword: password }, resetPage);
    assert.equal(reset.statusCode, 303);
    await t.app.inject({ url: `/system-leaders?q=Quillfeather&phase=primary` });

    const log = logged();
    assert.match(log, /"url":"\/reset-password\?token=\[redacted\]"/, 'the request is logged, without its token');
    assert.match(log, /"url":"\/system-leaders\?q=\[redacted\]&phase=\[redacted\]"/);
    assert.match(log, /"recipients":1,"subject":"[^"]+"/, 'the outbox logs the email without its body');
    for (const secret of [token, password, email.body.split('\n')[0]!, user.email, 'Quillfeather', 'primary'])
      assert.ok(!log.includes(secret), `the log holds ${JSON.stringify(secret)}`);
  });

  test('a failed query is logged with its SQL and PostgreSQL’s reason, never its values', async () => {
    await t.database.db.execute(
      sql.raw(`alter table enquiries add constraint refuses_one_name check (contact_name <> 'Zed Quillfeather')`),
    );
    const contact = {
      contactName: 'Zed Quillfeather',
      contactEmail: 'zed.quillfeather@banks-road.example',
      contactPhone: '0151 496 0777',
      need: 'A need only this test writes: otters in the staffroom',
    };
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/enquiries',
      payload: { ...EXAMPLE_ENQUIRIES.banksRoadMaths, ...contact },
    });
    assert.equal(response.statusCode, 500);
    const failure = lines.find((line) => line.includes('"Request failed"'));
    assert.ok(failure, 'the failure is logged');
    assert.match(failure, /insert into \\"enquiries\\"/, 'with the SQL that failed');
    assert.match(failure, /refuses_one_name/, 'and the constraint it broke');
    for (const value of Object.values(contact)) assert.ok(!logged().includes(value), `the log holds ${value}`);
    assert.ok(!logged().includes('Quillfeather'));
  });

  test('a URL keeps its path and the names of its parameters', () => {
    assert.equal(urlForLog('/staff/enquiries/12'), '/staff/enquiries/12');
    assert.equal(urlForLog('/accept-invitation?token=abc&x'), '/accept-invitation?token=[redacted]&x=[redacted]');
    assert.equal(urlForLog('/a?q=b?c=d'), '/a?q=[redacted]');
    const token = 'a'.repeat(40) + '_-Z';
    assert.equal(urlForLog(`/application-requests/${token}`), '/application-requests/[redacted]');
    assert.equal(urlForLog(`/apply/resume/${token}?x=1`), '/apply/resume/[redacted]?x=[redacted]');
  });
});

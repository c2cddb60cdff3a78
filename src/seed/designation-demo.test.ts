import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { page } from '../../test/support/html.ts';
import { person, type Person } from '../../test/support/people.ts';
import { buildTestApp, type TestApp } from '../../test/support/test-app.ts';
import { registerQuerySchema } from '../features/leaders/leaders-admin.schema.ts';
import { outboxMessages } from '../platform/outbox/outbox.tables.ts';
import { DEMO_APPLICANTS } from './designation-demo-applicants.ts';
import { seedDemoDesignation } from './designation-demo.ts';
import { seedDemoData, seedDemoUsers } from './demo.ts';

const words = (html: string) => page(html).querySelector('main')!.text.replace(/\s+/g, ' ');

/** Staff > Applications' rows by applicant: the row's text, and the link to the application. */
const applicationRows = (html: string) =>
  new Map(
    page(html)
      .querySelectorAll('table.app-applications tbody tr')
      .map((row) => {
        const link = row.querySelector('th a')!;
        return [link.text.trim(), { text: row.text.replace(/\s+/g, ' '), href: link.getAttribute('href')! }];
      }),
  );

describe('the demo’s designation: an application at every stage, its panels, training and reviews', () => {
  let t: TestApp;
  let coordinator: Person;
  const messages: string[] = [];
  const log = (message: string) => messages.push(message);
  before(async () => {
    t = await buildTestApp();
    const alliance = await t.app.services.alliances.current();
    // As `npm start` seeds: the demo leaders and accounts first.
    await seedDemoData(t.database.db, alliance.id, t.clock.now());
    await seedDemoUsers(t.app.services, t.database.db, () => {});
    await seedDemoDesignation(t.app.services, t.database.db, t.clock.now(), log);
    coordinator = await person(t, { roles: ['coordinator'] });
  });
  after(() => t.close());

  const open = async (url: string) => {
    const response = await t.app.inject({ url, cookies: coordinator.cookies });
    assert.equal(response.statusCode, 200, `${url}: ${response.body.slice(0, 300)}`);
    return response.body;
  };
  const applications = async () => applicationRows(await open('/staff/applications?stage=all'));

  test('Staff > Applications shows one application at each stage', async () => {
    const rows = await applications();
    const expected: Record<string, RegExp> = {
      'Freya Lawson': /Not sent.*Started/,
      'Kwame Asante': /References due.*Reference from the headteacher.*Reference from a leader they have supported/,
      'Niamh Gallagher': /Consent due.*Chair of governors’ release consent/,
      'Oliver Pryce': /Ready for panel.*Nothing/,
      'Sana Mirza': /At panel/,
      'Daniel Whitfield': /Decided/,
      'Lucy Brennan': /Decided/,
      'Marcus Reid': /Appealed/,
      'Ellie Thompson': /Withdrawn/,
    };
    assert.deepEqual([...rows.keys()].sort(), Object.keys(expected).sort());
    assert.equal(rows.size, DEMO_APPLICANTS.length);
    for (const [name, stage] of Object.entries(expected)) assert.match(rows.get(name)!.text, stage, name);
  });

  test('the designated applicant is a new leader, unlisted, asked to be listed and training due', async () => {
    const register = words(await open('/staff/leaders?q=d.whitfield%40matthew-arnold.example'));
    assert.match(register, /Daniel Whitfield.*Training due/);
    const asked = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, 'd.whitfield@matthew-arnold.example'));
    assert.ok(asked.some((email) => email.kind === 'listing-consent'));
    const directory = await t.app.inject({ url: '/system-leaders?q=Whitfield' });
    assert.doesNotMatch(directory.body, /Daniel Whitfield/, 'not listed until he agrees');
  });

  test('the applicant not designated has feedback and may still appeal; the appeal waits for a panel', async () => {
    const rows = await applications();
    const lucy = words(await open(rows.get('Lucy Brennan')!.href));
    assert.match(lucy, /Not designated/);
    assert.match(lucy, /evidence of impact in another school first/);
    assert.match(lucy, /The applicant may appeal until/);
    const marcus = words(await open(rows.get('Marcus Reid')!.href));
    assert.match(marcus, /Appeal lodged/);
    assert.doesNotMatch(marcus, /Record an appeal/);
  });

  test('two panels of the same three heads: one decided today, the next partly scored', async () => {
    const links = page(await open('/staff/panels'))
      .querySelectorAll('main a')
      .map((link) => link.getAttribute('href') ?? '')
      .filter((href) => /^\/staff\/panels\/\d+$/.test(href));
    assert.equal(links.length, 2);
    for (const link of links) {
      const members = page(await open(link))
        .querySelectorAll('.app-panel-members li')
        .map((item) => item.text.replace(/\s+/g, ' ').trim());
      assert.equal(members.length, 3, link);
      assert.match(members[0]!, /^Hana Okafor Chair Palmerston School/);
      assert.match(
        members.join(' | '),
        /Ben Carter Banks Road Primary School.*Tom Okafor Matthew Arnold Primary School/,
      );
    }
    const [next] = (await t.app.services.panels.list(coordinator.user)).sort((a, b) =>
      a.meetsOn > b.meetsOn ? -1 : 1,
    );
    assert.equal(next!.meetsOn, '2026-12-03', 'ten days after the demo is seeded');
    const sana = await applications().then((rows) => rows.get('Sana Mirza')!);
    const applicationId = /\d+$/.exec(sana.href)![0];
    const sheet = words(await open(`/staff/panels/${next!.id}/applications/${applicationId}`));
    // Hana Okafor is Sana Mirza's head (same school): she does not score; Ben Carter has; Tom Okafor has yet to.
    assert.match(sheet, /The panel’s scores/);
    assert.match(sheet, /Does not score/);
    const scores = await t.app.services.panelScoring.sheet(coordinator.user, next!.id, Number(applicationId));
    assert.deepEqual(
      scores!.everyone!.map((member) => [member.member.name, member.conflict !== undefined, member.scores.size > 0]),
      [
        ['Hana Okafor', true, false],
        ['Ben Carter', false, true],
        ['Tom Okafor', false, false],
      ],
    );
  });

  test('core training is recorded for every demo designation in force but two; reviews are due and open', async () => {
    const due: string[] = [];
    for (let pageNumber = 1, pageCount = 1; pageNumber <= pageCount; pageNumber++) {
      const register = await t.app.services.leadersAdmin.register(
        registerQuerySchema.parse({ page: String(pageNumber) }),
      );
      pageCount = register.pageCount;
      for (const entry of register.entries)
        if (entry.designations.some((designation) => designation.trainingDue)) due.push(entry.name);
    }
    assert.deepEqual(due.sort(), ['Carys Jones', 'Daniel Whitfield']);
    const reviews = words(await open('/staff/designation-reviews'));
    assert.match(reviews, /Due by the end of [^(]+\(1\)/);
    assert.match(reviews, /Open reviews \(1\) .*Ben Carter.*End of the designation period/);
  });

  test('run again, the seed adds nothing', async () => {
    const before = (await applications()).size;
    await seedDemoDesignation(t.app.services, t.database.db, t.clock.now(), log);
    assert.equal((await applications()).size, before);
    assert.equal(messages.length, 1, messages.join('\n'));
    assert.match(messages[0]!, /Added 9 demo applications for designation/);
  });
});

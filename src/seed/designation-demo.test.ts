import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { page, textsOf } from '../../test/support/html.ts';
import { person, type Person } from '../../test/support/people.ts';
import { buildTestApp, type TestApp } from '../../test/support/test-app.ts';
import { DEMO_APPLICANTS } from './designation-demo-applicants.ts';
import { DEMO_TRAINING_DUE } from './designation-demo-leaders.ts';
import { seedDemoDesignation } from './designation-demo.ts';
import { seedDemoData, seedDemoUsers } from './demo.ts';

const byName = (html: string) =>
  new Map(
    page(html)
      .querySelectorAll('table.app-applications tbody tr')
      .map((row) => [row.querySelector('th a')!.text.trim(), row.text.replace(/\s+/g, ' ')]),
  );

describe('the demo’s designation: an application at every stage, its panels, training and reviews', () => {
  let t: TestApp;
  let coordinator: Person;
  const messages: string[] = [];
  before(async () => {
    t = await buildTestApp();
    const alliance = await t.app.services.alliances.current();
    await seedDemoData(t.database.db, alliance.id, t.clock.now());
    await seedDemoUsers(t.app.services, t.database.db, () => {});
    const log = (message: string) => messages.push(message);
    await seedDemoDesignation(t.app.services, t.database.db, t.clock.now(), log);
    coordinator = await person(t, { roles: ['coordinator'] });
  });
  after(() => t.close());

  const open = async (url: string) => {
    const response = await t.app.inject({ url, cookies: coordinator.cookies });
    assert.equal(response.statusCode, 200, `${url}: ${response.body.slice(0, 300)}`);
    return response.body;
  };

  test('Staff > Applications shows one application at each stage', async () => {
    const rows = byName(await open('/staff/applications?stage=all'));
    const expected: Record<string, RegExp> = {
      'Freya Lawson': /Started/,
      'Kwame Asante': /References due/,
      'Niamh Gallagher': /Consent due/,
      'Oliver Pryce': /Ready for panel/,
      'Sana Mirza': /At panel/,
      'Daniel Whitfield': /Decided/,
      'Lucy Brennan': /Decided/,
      'Marcus Reid': /Appealed/,
      'Ellie Thompson': /Withdrawn/,
    };
    assert.deepEqual([...rows.keys()].sort(), Object.keys(expected).sort());
    for (const [name, stage] of Object.entries(expected)) assert.match(rows.get(name)!, stage, name);
    assert.equal(DEMO_APPLICANTS.length, rows.size);
  });

  test('the designated applicant is a new leader, unlisted and asked to be listed; the refused one may appeal', async () => {
    const register = await open('/staff/leaders?q=Whitfield');
    assert.match(register, /Daniel Whitfield/);
    const rows = byName(await open('/staff/applications?stage=decided'));
    const lucy = await open(
      page(await open('/staff/applications?stage=decided'))
        .querySelectorAll('th a')
        .find((a) => a.text.includes('Lucy'))!
        .getAttribute('href')!,
    );
    assert.match(lucy.replace(/\s+/g, ' '), /Not designated/);
    assert.ok(rows.has('Daniel Whitfield'));
  });

  test('the panels list their three members, the next one with its chair, and the application it will hear', async () => {
    const list = await open('/staff/panels');
    const links = page(list)
      .querySelectorAll('main a')
      .map((link) => link.getAttribute('href') ?? '')
      .filter((href) => /^\/staff\/panels\/\d+$/.test(href));
    assert.equal(links.length, 2, 'the panel that met today and the next');
    for (const link of links) {
      const members = textsOf(await open(link), '.app-panel-members li');
      assert.equal(members.length, 3);
      assert.match(members.join(' | '), /Hana Okafor Chair.*Palmerston School/);
      assert.match(members.join(' | '), /Ben Carter/);
      assert.match(members.join(' | '), /Tom Okafor/);
    }
  });

  test('every demo designation in force has its core training but one; reviews are due and open', async () => {
    const trainingDue = await open('/staff/leaders?q=c.jones%40matthew-arnold.example');
    assert.match(trainingDue, /training due/i, DEMO_TRAINING_DUE.join());
    const reviews = (await open('/staff/designation-reviews')).replace(/\s+/g, ' ');
    assert.match(reviews, /Ben Carter/, 'the overdue review opened');
  });

  test('run again, the seed adds nothing', async () => {
    const before = byName(await open('/staff/applications?stage=all')).size;
    await seedDemoDesignation(t.app.services, t.database.db, t.clock.now(), (message) => messages.push(message));
    assert.equal(byName(await open('/staff/applications?stage=all')).size, before);
    assert.equal(messages.length, 1, messages.join('\n'));
  });
});

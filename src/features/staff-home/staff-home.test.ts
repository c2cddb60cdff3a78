import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { linksOf } from '../../../test/support/html.ts';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { person, type PersonDetails } from '../../../test/support/people.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';

describe('the staff home', () => {
  let t: TestApp;
  let leaders: Awaited<ReturnType<typeof addExampleLeaders>>;

  before(async () => {
    t = await buildTestApp();
    leaders = await addExampleLeaders(t, 'benCarter', 'amiraHussain');
  });
  after(() => t.close());

  /** Every link in the page's main content that the person follows, with where it ended up. */
  async function followEveryTask(details: PersonDetails) {
    const someone = await person(t, details);
    const home = await t.app.inject({ url: '/staff', cookies: someone.cookies });
    assert.equal(home.statusCode, 200);
    const tasks = linksOf(home.body, 'main a').filter((link) => link.href.startsWith('/staff/'));
    const answers = [];
    for (const task of tasks) {
      let answer = await t.app.inject({ url: task.href, cookies: someone.cookies });
      if (answer.statusCode === 303)
        answer = await t.app.inject({ url: String(answer.headers.location), cookies: someone.cookies });
      answers.push({ ...task, status: answer.statusCode });
    }
    return answers;
  }

  test('an administrator reaches delivery, the release ledger and reviews from it, and no link is a dead end', async () => {
    const tasks = await followEveryTask({ roles: ['administrator'] });
    for (const href of ['/staff/delivery', '/staff/release-ledger', '/staff/reviews'])
      assert.ok(
        tasks.some((task) => task.href === href),
        `${href} is linked`,
      );
    assert.deepEqual(
      tasks.filter((task) => task.status !== 200),
      [],
    );
  });

  test('a coordinator’s links all open', async () => {
    assert.deepEqual(
      (await followEveryTask({ roles: ['coordinator'] })).filter((task) => task.status !== 200),
      [],
    );
  });

  test('a leader is shown their proposals; an LLE’s and an SLE’s links all open', async () => {
    for (const leaderId of [leaders.benCarter, leaders.amiraHussain]) {
      const tasks = await followEveryTask({ roles: ['system-leader'], leaderId });
      assert.ok(tasks.some((task) => task.href === '/staff/proposals' && /Proposals for you/.test(task.text)));
      assert.deepEqual(
        tasks.filter((task) => task.status !== 200),
        [],
      );
    }
  });

  test('a school contact’s links all open', async () => {
    const tasks = await followEveryTask({ roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn });
    assert.ok(tasks.length >= 2);
    assert.deepEqual(
      tasks.filter((task) => task.status !== 200),
      [],
    );
  });

  test('a panel member is shown their panels, and the link opens', async () => {
    const tasks = await followEveryTask({ roles: ['panel-member'] });
    assert.deepEqual(
      tasks.map((task) => [task.href, task.status]),
      [['/staff/panels', 200]],
    );
  });
});

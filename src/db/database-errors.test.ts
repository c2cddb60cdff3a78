import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { freshTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { forLog, isDatabaseUnavailable } from './database-errors.ts';

const PERSONAL = 'jo.bloggs@school.example';

/** What the app's logger writes for an error (app.ts serialises `err` through forLog). */
const logged = (error: unknown) => JSON.stringify(pino.stdSerializers.err(forLog(error) as Error));

async function failure(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the query to fail');
}

describe('what a failed query may put in the log', () => {
  let database: TestDatabase;
  before(async () => (database = await freshTestDatabase()));
  after(() => database.close());

  test('a refused value: the SQL and the code are kept, the parameter and the quoted value are not', async () => {
    const error = await failure(() => database.db.execute(sql`select ${PERSONAL}::int`));
    assert.match(String(error), new RegExp(PERSONAL), 'Drizzle’s own message holds the parameter');
    const line = logged(error);
    assert.doesNotMatch(line, new RegExp(PERSONAL));
    assert.match(line, /Failed query: select \$1::int/);
    assert.match(line, /invalid input syntax for type integer: \\"\(value not logged\)\\"/);
    assert.match(line, /"code":"22P02"/);
    assert.equal(isDatabaseUnavailable(error), false, 'a bad query is not an outage');
  });

  test('a duplicate key: the constraint is named, the value PostgreSQL repeats in its detail is not', async () => {
    await database.db.execute(sql`create temporary table contacts (email text unique)`);
    await database.db.execute(sql`insert into contacts values (${PERSONAL})`);
    const error = await failure(() => database.db.execute(sql`insert into contacts values (${PERSONAL})`));
    const line = logged(error);
    assert.doesNotMatch(line, new RegExp(PERSONAL));
    assert.match(line, /duplicate key value violates unique constraint \\"contacts_email_key\\"/);
    assert.match(line, /"constraint":"contacts_email_key"/);
  });

  test('an error that is not the database’s is logged as it is', () => {
    const error = new Error('the template is missing');
    assert.equal(forLog(error), error);
  });
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { makeUploadDirectory } from './upload-directories.ts';
import type { UploadedFile } from './uploads.multipart.ts';
import { ImportLocks, PendingUploads } from './uploads.service.ts';

describe('one import at a time, and files waiting for a confirmation', () => {
  let t: TestApp;
  before(async () => (t = await buildTestApp()));
  after(() => t.close());

  test('a second run of the same kind is refused while the first holds the lock; other kinds are not held up', async () => {
    const locks = t.app.services.importLocks;
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (release = resolve));
    const first = locks.runExclusive('schools', null, () => holding.then(() => 'first done'));
    // Let the first claim the lock before the second asks.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await locks.runExclusive('schools', null, async () => 'second ran');
    assert.deepEqual(second, { ok: false, busy: { userName: null, since: t.clock.now() } });
    assert.deepEqual(await locks.runExclusive('roster:1', null, async () => 'another kind'), {
      ok: true,
      value: 'another kind',
    });
    release();
    assert.deepEqual(await first, { ok: true, value: 'first done' });
    assert.deepEqual(
      await locks.runExclusive('schools', null, async () => 'after'),
      { ok: true, value: 'after' },
      'released when done',
    );
  });

  test('the lock is released when the work fails', async () => {
    const locks = t.app.services.importLocks;
    await assert.rejects(
      locks.runExclusive('schools', null, async () => Promise.reject(new Error('the import broke'))),
      /the import broke/,
    );
    assert.deepEqual(await locks.runExclusive('schools', null, async () => 'free'), { ok: true, value: 'free' });
  });

  test('another instance on the same database is refused while the lock is held, and takes it the moment it is free', async () => {
    const other = await t.database.openAnotherConnection();
    try {
      const elsewhere = new ImportLocks(other.db, t.clock);
      let release!: () => void;
      const holding = new Promise<void>((resolve) => (release = resolve));
      const first = t.app.services.importLocks.runExclusive('schools', null, () => holding);
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal((await elsewhere.runExclusive('schools', null, async () => 'ran')).ok, false);
      release();
      await first;
      assert.deepEqual(await elsewhere.runExclusive('schools', null, async () => 'ran'), { ok: true, value: 'ran' });
    } finally {
      await other.close();
    }
  });

  test('a held file is its owner’s alone, and is deleted when discarded, when it expires, or when the service stops', () => {
    const pending = new PendingUploads<{ rows: number }>(t.clock);
    const file = (): UploadedFile => {
      const directory = makeUploadDirectory();
      fs.writeFileSync(path.join(directory, 'upload'), 'urn,name\n');
      return { directory, path: path.join(directory, 'upload'), filename: 'schools.csv', size: 9 };
    };
    const kept = file();
    const token = pending.hold(kept, 7, { rows: 1 });
    assert.equal(pending.peek(token, 8), undefined, 'not another person’s');
    assert.deepEqual(pending.peek(token, 7)?.details, { rows: 1 });
    pending.discard(token);
    assert.equal(fs.existsSync(kept.directory), false);

    const expiring = file();
    const second = pending.hold(expiring, 7, { rows: 2 });
    t.clock.advance(31 * 60_000);
    assert.equal(pending.peek(second, 7), undefined);
    assert.equal(fs.existsSync(expiring.directory), false);

    const last = file();
    pending.hold(last, 7, { rows: 3 });
    pending.clear();
    assert.equal(fs.existsSync(last.directory), false);
  });
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { templateDataDirectoryCopy } from '../../../test/support/test-database.ts';

const root = path.resolve(import.meta.dirname, '../../..');

function run(script: string, args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
      DATABASE_URL: '',
      SEED_DEMO_DATA: 'false',
      ...env,
    },
    encoding: 'utf8',
  });
}

describe(
  'the command-line tools',
  { skip: process.env.TEST_DATABASE_URL ? 'run on the embedded database only' : false },
  () => {
    const directories: string[] = [];
    after(() => directories.forEach((directory) => fs.rmSync(directory, { recursive: true, force: true })));

    test('`npm run user:create -- --admin` makes an administrator with no password and prints a one-time link', async () => {
      const dataDir = await templateDataDirectoryCopy();
      directories.push(dataDir);
      const env = { DATA_DIR: dataDir, BASE_URL: 'https://s2s.example.org' };
      const created = run(
        'src/features/accounts/user-create.cli.ts',
        ['--admin', 'Head.Admin@Alliance.example', '--name', 'Hana Ali'],
        env,
      );
      assert.equal(created.status, 0, created.stderr);
      assert.match(created.stdout, /Created the administrator Hana Ali <Head\.Admin@Alliance\.example>/);
      assert.match(created.stdout, /https:\/\/s2s\.example\.org\/accept-invitation\?token=[A-Za-z0-9_-]{43}/);

      const again = run('src/features/accounts/user-create.cli.ts', ['--admin', 'head.admin@alliance.example'], env);
      assert.equal(again.status, 0, again.stderr);
      assert.match(again.stdout, /Gave the administrator role to Hana Ali/);

      const refused = run('src/features/accounts/user-create.cli.ts', ['--admin', 'not-an-email'], env);
      assert.equal(refused.status, 2);
      assert.match(refused.stderr, /Not an email address: not-an-email/);

      const db = await PGlite.create(path.join(dataDir, 'pglite'));
      try {
        const users = await db.query<{ email: string; password_hash: string | null; role: string }>(
          'select u.email, u.password_hash, r.role from users u join user_roles r on r.user_id = u.id',
        );
        assert.deepEqual(users.rows, [
          { email: 'Head.Admin@Alliance.example', password_hash: null, role: 'administrator' },
        ]);
        const links = await db.query<{ n: number }>(
          "select count(*)::int as n from account_tokens where purpose = 'invitation' and used_at is null",
        );
        assert.equal(links.rows[0]?.n, 1, 'the second run replaced the first link');
      } finally {
        await db.close();
      }
    });

    test('`npm run routes` prints the reviewed route table without touching a database', () => {
      const listed = run('src/routes.cli.ts', [], { DATA_DIR: '/nonexistent/never-created' });
      assert.equal(listed.status, 0, listed.stderr);
      assert.equal(listed.stdout, fs.readFileSync(path.join(root, 'routes.txt'), 'utf8'));
      assert.equal(fs.existsSync('/nonexistent/never-created'), false);
    });
  },
);

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

test('a laptop needs no settings at all', () => {
  const config = loadConfig({});
  assert.equal(config.port, 3000);
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.databaseWaitSeconds, 30);
  assert.match(config.dataDir, /\/data$/);
  assert.equal(config.baseUrl, 'http://localhost:3000');
  assert.equal(config.seedDemoData, true);
});

test('production refuses to start without its secrets, naming each one', () => {
  assert.throws(
    () => loadConfig({ NODE_ENV: 'production' }),
    (error: Error) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /missing: SESSION_SECRET, BASE_URL/);
      return true;
    },
  );
  const config = loadConfig({
    NODE_ENV: 'production',
    SESSION_SECRET: 's'.repeat(32),
    BASE_URL: 'https://s2s.example/',
  });
  assert.equal(config.baseUrl, 'https://s2s.example');
  assert.equal(config.seedDemoData, false);
});

test('an empty setting counts as not set', () => {
  const config = loadConfig({ DATABASE_URL: '', SMTP_URL: '' });
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.smtpUrl, undefined);
});

test('bad values are refused with the setting named', () => {
  assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/);
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL: must start with postgres:\/\//);
  assert.throws(() => loadConfig({ SESSION_SECRET: 'short' }), /SESSION_SECRET: must be at least 32 characters/);
  assert.throws(() => loadConfig({ SMTP_URL: 'http://mail' }), /SMTP_URL/);
  assert.throws(() => loadConfig({ DATABASE_WAIT_SECONDS: '-1' }), /DATABASE_WAIT_SECONDS/);
  assert.equal(loadConfig({ DATABASE_WAIT_SECONDS: '0' }).databaseWaitSeconds, 0);
});

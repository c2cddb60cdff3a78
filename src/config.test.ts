import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startServer } from '../test/support/server-process.ts';
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
    MAIL_DELIVERY: 'outbox-only',
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
  // Idle time-outs between 10 minutes (room for the warning 5 minutes before) and an hour (NCSC).
  assert.equal(loadConfig({}).sessionIdleMinutes, 60);
  assert.equal(loadConfig({ SESSION_IDLE_MINUTES: '10' }).sessionIdleMinutes, 10);
  for (const value of ['9', '61', '30.5', 'ten'])
    assert.throws(() => loadConfig({ SESSION_IDLE_MINUTES: value }), /SESSION_IDLE_MINUTES/, value);
});

describe('production and email', () => {
  const production = { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(32), BASE_URL: 'https://s2s.example' };

  test('production refuses to start without a mail server, unless told to keep email in the outbox', () => {
    assert.throws(
      () => loadConfig(production),
      (error: Error) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(
          error.message,
          'Production needs SMTP_URL to send email; set MAIL_DELIVERY=outbox-only to keep every email in the outbox instead',
        );
        return true;
      },
    );
    assert.equal(loadConfig({ ...production, MAIL_DELIVERY: 'outbox-only' }).smtpUrl, undefined);
    assert.equal(loadConfig({ ...production, SMTP_URL: 'smtp://mail:587' }).smtpUrl, 'smtp://mail:587');
    assert.throws(
      () => loadConfig({ ...production, SMTP_URL: 'smtp://mail:587', MAIL_DELIVERY: 'outbox-only' }),
      /both/,
    );
    assert.throws(() => loadConfig({ ...production, MAIL_DELIVERY: 'log' }), /MAIL_DELIVERY/);
  });

  test('the server stops at once with that one line and a failing status', async () => {
    const server = startServer({ ...production, DATA_DIR: '/nonexistent/never-opened' });
    assert.equal(await server.exited, 1);
    assert.equal(
      server.output().trim(),
      'Production needs SMTP_URL to send email; set MAIL_DELIVERY=outbox-only to keep every email in the outbox instead',
    );
  });
});

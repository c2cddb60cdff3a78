import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import { PeriodicJob } from './periodic-job.ts';

test('a periodic run that fails is logged, leaves no unhandled rejection to stop the process, and the next tick runs', async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  const logged: string[] = [];
  const log = pino({ level: 'error' }, { write: (line: string) => logged.push(line) });
  let runs = 0;
  const job = new PeriodicJob(log, {
    name: 'flaky',
    work: async () => {
      runs++;
      if (runs === 1) throw new Error('the database does not answer');
      return 0;
    },
  });
  try {
    job.start(20);
    await new Promise((resolve) => setTimeout(resolve, 120));
    await job.stop();
    // An unhandled rejection is reported after the microtask queue drains: give it a turn.
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(unhandled, []);
    assert.equal(logged.filter((line) => line.includes('Periodic job failed')).length, 1);
    assert.ok(runs >= 2, `the job ran ${runs} time(s) after failing once`);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { englandAndWalesBankHolidays } from '../src/platform/calendar/bank-holidays.ts';
import { WorkingCalendar } from '../src/platform/calendar/working-days.ts';
import { EXAMPLE_ENQUIRIES } from '../src/seed/examples.ts';
import { freePort, startServer, waitUntilRunning, type Server } from './support/server-process.ts';

describe(
  'the server process, as `npm start` runs it',
  { skip: process.env.TEST_DATABASE_URL ? 'runs on the embedded database only' : false },
  () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 's2s-server-'));
    const running: Server[] = [];
    after(() => {
      for (const server of running) server.process.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    test('creates, migrates and seeds its database on first start, keeps enquiries across a restart, and refuses a second process', async () => {
      const port = await freePort();
      const first = startServer({ DATA_DIR: dataDir, PORT: String(port) });
      running.push(first);
      await waitUntilRunning(first);
      const base = `http://127.0.0.1:${port}`;

      const home = await fetch(`${base}/`);
      assert.equal(home.status, 200);
      assert.match(await home.text(), /South Liverpool Schools Together/);
      // On a laptop nothing is sent: the start-up says where the emails can be read.
      assert.match(first.output(), /SMTP_URL is not set: emails wait in the outbox .*\/staff\/emails/);

      // Send a request through the form, as a browser does.
      const form = await fetch(`${base}/request-support`);
      const csrfCookie = form.headers
        .getSetCookie()
        .map((cookie) => cookie.split(';')[0])
        .join('; ');
      const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
      const example = EXAMPLE_ENQUIRIES.matthewArnoldNewHead;
      const body = new URLSearchParams({
        _csrf: token,
        school: String(example.schoolUrn),
        contactName: example.contactName,
        contactRole: example.contactRole,
        contactEmail: example.contactEmail,
        contactPhone: example.contactPhone,
        supportType: example.supportType,
        need: example.need,
        timescale: example.timescale,
      });
      const calendar = new WorkingCalendar(englandAndWalesBankHolidays().map((holiday) => holiday.date));
      const expectedBefore = calendar.respondBy(new Date(), { workingDays: 2, cutOffTime: '17:00' }).date;
      const sent = await fetch(`${base}/request-support`, {
        method: 'POST',
        body,
        headers: { cookie: csrfCookie },
        redirect: 'manual',
      });
      const expectedAfter = calendar.respondBy(new Date(), { workingDays: 2, cutOffTime: '17:00' }).date;
      assert.equal(sent.status, 303);
      const sentCookie = sent.headers
        .getSetCookie()
        .map((cookie) => cookie.split(';')[0])
        .join('; ');

      // A second process on the same data directory stops at once, saying why.
      const second = startServer({ DATA_DIR: dataDir, PORT: String(await freePort()) });
      running.push(second);
      assert.equal(await second.exited, 1);
      assert.match(
        second.output(),
        /The embedded database in .* is in use by another process, which holds its lock .*pglite\.lock\./,
      );

      // SIGINT closes the server and the database cleanly, and releases the directory.
      first.process.kill('SIGINT');
      assert.equal(await first.exited, 0);
      assert.equal(fs.existsSync(path.join(dataDir, 'pglite.lock')), false);

      const restarted = startServer({ DATA_DIR: dataDir, PORT: String(port) });
      running.push(restarted);
      await waitUntilRunning(restarted);
      const confirmation = await fetch(`${base}/request-support/sent`, { headers: { cookie: sentCookie } });
      assert.equal(confirmation.status, 200);
      const page = await confirmation.text();
      assert.match(page, /S2S-[0-9A-Z]{4}-[0-9A-Z]{2}/, 'the enquiry survived the restart');
      const shown = /by the end of <strong>([^<]+)<\/strong>/.exec(page)![1];
      const { formatLongDate } = await import('../src/platform/calendar/calendar-date.ts');
      assert.ok(
        [formatLongDate(expectedBefore), formatLongDate(expectedAfter)].includes(shown!),
        `respond-by ${shown}`,
      );

      restarted.process.kill('SIGTERM');
      assert.equal(await restarted.exited, 0);
    });
  },
);

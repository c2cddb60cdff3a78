import { createApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './db/database.ts';
import { DataDirectoryLockedError } from './db/data-directory-lock.ts';
import { findAllianceBySlug } from './features/alliance/alliance.repository.ts';
import { createSmtpMailer } from './features/outbox/mailer.ts';
import { systemClock } from './platform/clock.ts';
import { seedDemoAgreements, seedDemoData, seedDemoEnquiries, seedDemoUsers } from './seed/demo.ts';
import { seedReferenceData } from './seed/reference-data.ts';

/** How often the outbox looks for email to send (and to retry). */
const OUTBOX_INTERVAL_MILLISECONDS = 15_000;
/** How often each instance checks whether the day's reminders are due (one instance sends them). */
const REMINDER_CHECK_MILLISECONDS = 5 * 60_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  let closing = false;
  try {
    await database.migrate();
    await seedReferenceData(database.db, { allianceSlug: config.allianceSlug, log: (message) => console.log(message) });
    const alliance = await findAllianceBySlug(database.db, config.allianceSlug);
    if (config.seedDemoData && alliance) await seedDemoData(database.db, alliance.id, new Date(), (message) => console.log(message));
    const mailFrom = config.mailFrom ?? `"${alliance?.name}" <${alliance?.email}>`;
    const mailer = config.smtpUrl ? createSmtpMailer(config.smtpUrl, mailFrom) : undefined;
    const app = await createApp({ config, db: database.db, clock: systemClock, mailer });
    if (config.seedDemoData) {
      await seedDemoUsers(app.services, (message) => console.log(message));
      await seedDemoEnquiries(app.services, (message) => console.log(message));
      await seedDemoAgreements(app.services, (message) => console.log(message));
    }

    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'Shutting down');
      await app.close();
      await database.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));

    await app.listen({ port: config.port, host: config.host });
    app.services.outbox.start(OUTBOX_INTERVAL_MILLISECONDS);
    app.services.reminders.start(REMINDER_CHECK_MILLISECONDS);
    app.services.feedback.start(REMINDER_CHECK_MILLISECONDS);
    describeStart(config, database);
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

function describeStart(config: Config, database: DatabaseHandle): void {
  const where = database.kind === 'pglite' ? `the embedded database in ${config.dataDir}` : 'PostgreSQL';
  console.log(`School-to-school support is running at ${config.baseUrl} on ${where}`);
  if (!config.smtpUrl) console.log('SMTP_URL is not set: emails wait in the outbox (and are written to the log) instead of being sent');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirectoryLockedError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});

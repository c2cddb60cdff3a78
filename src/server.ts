import { createApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DatabaseUnavailableError, openDatabase, type DatabaseHandle } from './db/database.ts';
import { DataDirectoryLockedError } from './db/data-directory-lock.ts';
import { errorForLog } from './platform/logging.ts';
import { findAlliance } from './platform/alliance/alliance.service.ts';
import { createSmtpMailer } from './platform/outbox/mailer.ts';
import { systemClock } from './platform/clock.ts';
import { removeLeftoverUploads } from './platform/uploads/upload-directories.ts';
import { seedDemoAgreements, seedDemoData, seedDemoEnquiries, seedDemoUsers } from './seed/demo.ts';
import { seedDemoDesignation } from './seed/designation-demo.ts';
import { seedReferenceData } from './seed/reference-data.ts';

/** How often the outbox looks for email to send (and to retry). */
const OUTBOX_INTERVAL_MILLISECONDS = 15_000;
/** How often each instance answers forgot-password requests: the email should follow within seconds. */
const RESET_REQUEST_MILLISECONDS = 2_000;
/** How often each instance removes rate-limit counts whose window has ended. */
const RATE_LIMIT_CLEANUP_MILLISECONDS = 10 * 60_000;
/** How often each instance checks whether the day's reminders are due (one instance sends them). */
const REMINDER_CHECK_MILLISECONDS = 5 * 60_000;

async function main(): Promise<void> {
  const config = loadConfig();
  // Files uploaded to a process that was killed (a roster names people) are not kept a moment longer.
  const leftovers = removeLeftoverUploads();
  if (leftovers > 0)
    console.log(`Removed ${leftovers} uploaded files left by a process that stopped before it could delete them`);
  const database = await openDatabase(
    config.databaseUrl
      ? {
          databaseUrl: config.databaseUrl,
          waitSeconds: config.databaseWaitSeconds,
          log: (message) => console.error(message),
        }
      : { dataDir: config.dataDir },
  );
  let closing = false;
  try {
    // Instances started together take turns (an advisory lock on PostgreSQL): each seed step adds what
    // it finds missing, so two at once would both add it.
    const app = await database.migrateAndSeed(async () => {
      await seedReferenceData(database.db, {
        allianceSlug: config.allianceSlug,
        log: (message) => console.log(message),
      });
      const alliance = await findAlliance(database.db, config.allianceSlug);
      if (config.seedDemoData && alliance)
        await seedDemoData(database.db, alliance.id, new Date(), (message) => console.log(message));
      const mailFrom = config.mailFrom ?? `"${alliance?.name}" <${alliance?.email}>`;
      const mailer = config.smtpUrl ? createSmtpMailer(config.smtpUrl, mailFrom) : undefined;
      const built = await createApp({ config, db: database.db, clock: systemClock, mailer });
      if (config.seedDemoData) {
        await seedDemoUsers(built.services, database.db, (message) => console.log(message));
        await seedDemoEnquiries(built.services, database.db, (message) => console.log(message));
        await seedDemoAgreements(built.services, database.db, new Date(), (message) => console.log(message));
        await seedDemoDesignation(built.services, database.db, new Date(), (message) => console.log(message));
      }
      return built;
    });

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
    app.services.reviewConsentReminders.start(REMINDER_CHECK_MILLISECONDS);
    app.services.applicationRequests.start(REMINDER_CHECK_MILLISECONDS);
    app.services.rateLimits.start(RATE_LIMIT_CLEANUP_MILLISECONDS);
    app.services.accountLinks.start(RESET_REQUEST_MILLISECONDS);
    app.services.retention.start(REMINDER_CHECK_MILLISECONDS);
    describeStart(config, database);
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

function describeStart(config: Config, database: DatabaseHandle): void {
  const where = database.kind === 'pglite' ? `the embedded database in ${config.dataDir}` : 'PostgreSQL';
  console.log(`School-to-school support is running at ${config.baseUrl} on ${where}`);
  if (!config.smtpUrl)
    console.log(
      `SMTP_URL is not set: emails wait in the outbox instead of being sent (the log has only their subjects): see ${config.baseUrl}/staff/emails, signed in as an administrator`,
    );
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof DataDirectoryLockedError ||
    error instanceof DatabaseUnavailableError
  ) {
    console.error(error.message);
  } else {
    console.error(errorForLog(error));
  }
  process.exit(1);
});

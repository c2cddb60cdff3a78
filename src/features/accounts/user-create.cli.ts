import { parseArgs } from 'node:util';
import { openCommandDatabase } from '../../seed/command-database.ts';
import pino from 'pino';
import { z } from 'zod';
import { systemClock } from '../../platform/clock.ts';
import { buildServices } from '../../services.ts';

/**
 * `npm run user:create -- --admin EMAIL [--name "Full Name"] [--job-title "..."]`: the way into a
 * new installation, which has no default password. Creates the administrator (or gives an existing
 * account the role) and prints a one-time link to set the password, valid for 7 days.
 */
const usage = 'Usage: npm run user:create -- --admin EMAIL [--name "Full Name"] [--job-title "Job title"]';
const { values } = parseArgs({
  options: { admin: { type: 'string' }, name: { type: 'string' }, 'job-title': { type: 'string' } },
});
const email = z.email().safeParse(values.admin?.trim());
if (!email.success) {
  console.error(values.admin ? `Not an email address: ${values.admin}\n${usage}` : usage);
  process.exit(2);
}

const { config, database } = await openCommandDatabase();
try {
  const services = buildServices(
    { config, db: database.db, clock: systemClock, mailer: undefined },
    pino({ level: 'silent' }),
  );
  const alliance = await services.alliances.current();
  const { user, link } = await database.db.transaction(async (tx) => {
    const user = await services.users.ensureUser(tx, alliance, {
      email: email.data,
      name: values.name?.trim() || email.data.split('@')[0]!,
      jobTitle: values['job-title']?.trim() || 'Administrator',
      roles: ['administrator'],
    });
    return { user, link: await services.accountLinks.issue(tx, alliance, user, 'invitation') };
  });
  console.log(
    `${user.created ? 'Created the administrator' : 'Gave the administrator role to'} ${user.name} <${user.email}>.`,
  );
  console.log(
    `To set the password, open this link (it works once, for 7 days; it was also queued as an email):\n\n  ${link}\n`,
  );
} finally {
  await database.close();
}

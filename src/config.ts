import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of process.env. Defaults make `npm start` work on a laptop; production refuses
 * to start without the settings that protect users (secrets, a real base URL).
 */
const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  BASE_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
    .optional(),
  DATABASE_WAIT_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  DATA_DIR: z.string().default('data'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().optional(),
  MAIL_DELIVERY: z.enum(['outbox-only'], { error: 'must be outbox-only, or not set' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  ENQUIRY_RATE_LIMIT_PER_HOUR: z.coerce.number().int().positive().default(120),
  SIGN_IN_FAILURES_PER_IP: z.coerce.number().int().positive().default(30),
  ROSTER_UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
  SCHOOLS_UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(200 * 1024 * 1024),
  SEED_DEMO_DATA: z.enum(['true', 'false']).optional(),
  ALLIANCE: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'must be a slug: lower-case letters, digits and hyphens')
    .default('south-liverpool'),
  // No longer than an hour (NCSC: short idle time-outs); at least 10 minutes, so the warning 5 minutes
  // before the end leaves time to work. Sessions idle past an hour are deleted (privacy retention).
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(10).max(60).default(60),
  REMINDER_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time on the 24-hour clock, like 08:00')
    .default('08:00'),
});

export type Config = {
  environment: 'development' | 'production' | 'test';
  port: number;
  host: string;
  baseUrl: string;
  /** A PostgreSQL server, or undefined for the embedded PGlite database in `dataDir`. */
  databaseUrl: string | undefined;
  /**
   * How long start-up keeps trying a PostgreSQL server that does not answer (restarting, failing over,
   * or a container started beside this one) before it gives up and exits.
   */
  databaseWaitSeconds: number;
  dataDir: string;
  sessionSecret: string;
  /** Undefined when email stays in the outbox: only on a laptop, or in production with MAIL_DELIVERY=outbox-only. */
  smtpUrl: string | undefined;
  mailFrom: string | undefined;
  logLevel: string;
  trustProxy: boolean;
  enquiryRateLimitPerHour: number;
  /** Failed sign-ins from one network address in 15 minutes before it must wait 15 minutes. */
  signInFailuresPerIp: number;
  /** The largest roster of system leaders that may be uploaded: 5 MB holds thousands of leaders with profiles. */
  rosterUploadMaxBytes: number;
  /** The largest register of schools that may be uploaded: GIAS's full edubasealldata file is tens of megabytes, and grows. */
  schoolsUploadMaxBytes: number;
  seedDemoData: boolean;
  /** The alliance (by slug) this installation serves. */
  allianceSlug: string;
  /** Minutes without a request before a staff session ends (a warning shows 5 minutes before). */
  sessionIdleMinutes: number;
  /** "HH:MM", London time: coordinators' daily reminders go at the first check after it, on working days. */
  reminderTime: string;
};

/** A development secret, so a laptop needs no set-up; production must set its own. */
const DEVELOPMENT_SESSION_SECRET = 'development-only-secret-not-for-production-use';

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`SMTP_URL=`) means "not set", as it does to most shells and process managers.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const values = parsed.data;
  const production = values.NODE_ENV === 'production';
  if (production) {
    const missing = (['SESSION_SECRET', 'BASE_URL'] as const).filter((name) => !values[name]);
    if (missing.length > 0) {
      throw new ConfigError(`Production needs these settings, which are missing: ${missing.join(', ')}`);
    }
    // Without a mail server, reset and invitation links reach no one; keeping them in the outbox must be a choice.
    if (!values.SMTP_URL && values.MAIL_DELIVERY !== 'outbox-only') {
      throw new ConfigError(
        'Production needs SMTP_URL to send email; set MAIL_DELIVERY=outbox-only to keep every email in the outbox instead',
      );
    }
  }
  if (values.SMTP_URL && values.MAIL_DELIVERY === 'outbox-only') {
    throw new ConfigError('SMTP_URL and MAIL_DELIVERY=outbox-only are both set: set one of them');
  }
  return {
    environment: values.NODE_ENV,
    port: values.PORT,
    host: values.HOST,
    baseUrl: (values.BASE_URL ?? `http://localhost:${values.PORT}`).replace(/\/$/, ''),
    databaseUrl: values.DATABASE_URL,
    databaseWaitSeconds: values.DATABASE_WAIT_SECONDS,
    dataDir: path.resolve(values.DATA_DIR),
    sessionSecret: values.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET,
    smtpUrl: values.SMTP_URL,
    mailFrom: values.MAIL_FROM,
    logLevel: values.LOG_LEVEL,
    trustProxy: values.TRUST_PROXY === 'true',
    enquiryRateLimitPerHour: values.ENQUIRY_RATE_LIMIT_PER_HOUR,
    signInFailuresPerIp: values.SIGN_IN_FAILURES_PER_IP,
    rosterUploadMaxBytes: values.ROSTER_UPLOAD_MAX_BYTES,
    schoolsUploadMaxBytes: values.SCHOOLS_UPLOAD_MAX_BYTES,
    seedDemoData: values.SEED_DEMO_DATA ? values.SEED_DEMO_DATA === 'true' : !production,
    allianceSlug: values.ALLIANCE,
    reminderTime: values.REMINDER_TIME,
    sessionIdleMinutes: values.SESSION_IDLE_MINUTES,
  };
}

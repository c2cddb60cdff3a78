import type { FastifyBaseLogger } from 'fastify';
import type { Database, Executor } from '../../db/database.ts';
import type { Clock } from '../clock.ts';
import type { Mailer } from './mailer.ts';
import {
  claimDueMessages,
  insertOutboxMessage,
  markMessageSent,
  recordFailedAttempt,
  type OutboxMessageRow,
} from './outbox.repository.ts';

export type QueuedEmail = {
  kind: string;
  to: string;
  replyTo?: string | null;
  subject: string;
  body: string;
  /** Makes the message send at most once, however many times it is queued. */
  dedupeKey?: string;
};

/** After this many failed attempts a message is marked failed and left for a person to look at. */
export const MAX_ATTEMPTS = 8;
const BATCH_SIZE = 20;
/** Long enough to send a batch; a sender that dies mid-batch leaves its messages to others after this. */
const CLAIM_MILLISECONDS = 5 * 60_000;

/** Waits 1, 2, 4, ... minutes between attempts, at most 6 hours. */
export function retryDelayMilliseconds(attemptsMade: number): number {
  return Math.min(60_000 * 2 ** (attemptsMade - 1), 6 * 3_600_000);
}

export class Outbox {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly db: Database,
    private readonly mailer: Mailer | undefined,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Whether mail is sent (SMTP_URL is set); otherwise it stays in the outbox, for Staff > Emails to show. */
  get sending(): boolean {
    return this.mailer !== undefined;
  }

  /**
   * Queues an email in the caller's transaction, so it exists exactly when the change it reports does.
   * Returns false when a message with the same dedupe key was queued before.
   */
  async queue(db: Executor, email: QueuedEmail): Promise<boolean> {
    const queued = await insertOutboxMessage(db, {
      kind: email.kind,
      dedupeKey: email.dedupeKey ?? null,
      recipient: email.to,
      replyTo: email.replyTo ?? null,
      subject: email.subject,
      body: email.body,
      nextAttemptAt: this.clock.now(),
    });
    // Never the body nor the address: a body holds the links that open accounts and what people wrote.
    if (queued && !this.mailer) {
      this.log.info(
        { email: { kind: email.kind, recipients: 1, subject: email.subject } },
        'Email queued in the outbox; mail is kept in the outbox only, so it stays there',
      );
    }
    return queued;
  }

  /** Sends every message that is due now. Safe to run in several instances at once. */
  async sendDue(): Promise<{ sent: number; failed: number }> {
    const result = { sent: 0, failed: 0 };
    if (!this.mailer) return result;
    for (;;) {
      const now = this.clock.now();
      const batch = await claimDueMessages(this.db, now, new Date(now.getTime() + CLAIM_MILLISECONDS), BATCH_SIZE);
      if (batch.length === 0) return result;
      for (const message of batch) {
        if (await this.sendOne(message)) result.sent++;
        else result.failed++;
      }
    }
  }

  private async sendOne(message: OutboxMessageRow): Promise<boolean> {
    try {
      await this.mailer!.send({
        to: message.recipient,
        replyTo: message.replyTo,
        subject: message.subject,
        text: message.body,
      });
      await markMessageSent(this.db, message.id, this.clock.now());
      this.log.info({ outboxMessageId: message.id, kind: message.kind }, 'Email sent');
      return true;
    } catch (error) {
      const attemptsMade = message.attempts + 1;
      const retryAt =
        attemptsMade >= MAX_ATTEMPTS
          ? null
          : new Date(this.clock.now().getTime() + retryDelayMilliseconds(attemptsMade));
      await recordFailedAttempt(this.db, message.id, { error: String(error), retryAt });
      this.log.warn({ outboxMessageId: message.id, attemptsMade, retryAt, err: error }, 'Email not sent');
      return false;
    }
  }

  /** Sends due messages now and every `intervalMilliseconds` until stopped. */
  start(intervalMilliseconds: number): void {
    if (!this.mailer || this.timer) return;
    this.timer = setInterval(() => this.nudge(), intervalMilliseconds);
    this.timer.unref();
    this.nudge();
  }

  /** Asks for a send soon (after a change queued mail), without waiting for it. */
  nudge(): void {
    if (!this.mailer || !this.timer || this.running) return;
    this.running = this.sendDue()
      .catch((error: unknown) => this.log.error({ err: error }, 'Outbox run failed'))
      .finally(() => (this.running = undefined));
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    this.mailer?.close();
  }
}

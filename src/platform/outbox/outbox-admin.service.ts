import type { Database } from '../../db/database.ts';
import { hasAnyRole, type CurrentUser, type Role } from '../access.ts';
import type { AllianceService } from '../alliance/alliance.service.ts';
import { auditTrailFor, recordAudit, type AuditTrailRow } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import { pageCountOf } from '../http/pagination.ts';
import { OUTBOX_STATUSES } from './outbox.tables.ts';
import {
  findOutboxMessage,
  insertCopyOfMessage,
  listOutboxMessages,
  type ListedOutboxMessage,
  type OutboxMessageRow,
} from './outbox.repository.ts';
import type { Outbox } from './outbox.service.ts';

export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
export { OUTBOX_STATUSES };
export type ListedEmail = ListedOutboxMessage;
export type Email = OutboxMessageRow;

/**
 * Email bodies hold what people wrote and the links that open accounts: personal data, for the
 * people who run the service only.
 */
export const EMAIL_READERS: readonly Role[] = ['administrator'];

export const EMAILS_PAGE_SIZE = 50;

const ACTIONS = { resent: 'Queued again' };
const LABELS = { copy: 'Copy queued' };

/** Staff > Emails: every message in the outbox, what became of it, and sending one again. */
export class OutboxAdmin {
  constructor(
    private readonly db: Database,
    private readonly outbox: Outbox,
    private readonly alliances: AllianceService,
    private readonly clock: Clock,
  ) {}

  /** Whether the service sends mail (SMTP_URL is set), or only keeps it here. */
  get sending(): boolean {
    return this.outbox.sending;
  }

  async list(actor: CurrentUser, filter: { status?: OutboxStatus; page: number }) {
    if (!hasAnyRole(actor, EMAIL_READERS)) return undefined;
    const { total, messages } = await listOutboxMessages(this.db, {
      status: filter.status,
      limit: EMAILS_PAGE_SIZE,
      offset: (filter.page - 1) * EMAILS_PAGE_SIZE,
    });
    return { total, messages, page: filter.page, pageCount: pageCountOf(total, EMAILS_PAGE_SIZE) };
  }

  async find(
    actor: CurrentUser,
    id: number,
  ): Promise<{ email: Email; trail: AuditTrailRow[] | undefined } | undefined> {
    if (!hasAnyRole(actor, EMAIL_READERS)) return undefined;
    const email = await findOutboxMessage(this.db, id);
    if (!email) return undefined;
    const alliance = await this.alliances.current();
    const trail = await auditTrailFor(this.db, actor, {
      allianceId: alliance.id,
      entityType: 'outbox-message',
      entityId: id,
      labels: LABELS,
      actions: ACTIONS,
    });
    return { email, trail };
  }

  /**
   * Queues a copy of the message to go now, and records who did it on the original's trail. A copy
   * (rather than resetting the original) keeps what happened to the first one readable.
   * Undefined when there is no such message, or its body has been removed (there is nothing to send).
   */
  async resend(actor: CurrentUser, id: number): Promise<{ copyId: number } | undefined> {
    if (!hasAnyRole(actor, EMAIL_READERS)) return undefined;
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    const copyId = await this.db.transaction(async (tx) => {
      const original = await findOutboxMessage(tx, id);
      if (!original || original.personalDataRemovedAt) return undefined;
      const copy = await insertCopyOfMessage(tx, original, now);
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: 'outbox-message',
        entityId: id,
        action: 'resent',
        after: { copy: `Message ${copy}` },
        at: now,
      });
      return copy;
    });
    if (copyId === undefined) return undefined;
    this.outbox.nudge();
    return { copyId };
  }
}

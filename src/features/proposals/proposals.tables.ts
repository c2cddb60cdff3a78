import { index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../../platform/identity/identity.tables.ts';
import { alliances } from '../../platform/alliance/alliance.tables.ts';
import { enquiries } from '../enquiries/enquiries.tables.ts';
import { leaders } from '../leaders/leaders.tables.ts';
import { PROPOSAL_STATUSES } from './proposals.model.ts';

/**
 * A leader put forward for an enquiry, and their answer. The leader answers signed in, or from an
 * emailed link that needs no password: only the link's hash is kept, it expires, and it works once.
 */
export const proposals = pgTable(
  'proposals',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    allianceId: integer()
      .notNull()
      .references(() => alliances.id),
    enquiryId: integer()
      .notNull()
      .references(() => enquiries.id),
    leaderId: integer()
      .notNull()
      .references(() => leaders.id),
    status: text({ enum: PROPOSAL_STATUSES }).notNull(),
    proposedBy: integer()
      .notNull()
      .references(() => users.id),
    proposedAt: timestamp({ withTimezone: true }).notNull(),
    /** The ranking's score and reasons when proposed: why this leader was put forward. */
    score: real().notNull(),
    reasons: jsonb().$type<Array<{ label: string; text: string; points: number }>>().notNull(),
    message: text(),
    respondedAt: timestamp({ withTimezone: true }),
    respondedVia: text({ enum: ['signed-in', 'email-link'] }),
    responseNote: text(),
    linkTokenHash: text().unique(),
    linkExpiresAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    uniqueIndex('proposals_enquiry_leader').on(table.enquiryId, table.leaderId),
    index('proposals_leader_status').on(table.leaderId, table.status),
  ],
);

import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import type { CalendarDate } from '../../platform/calendar/calendar-date.ts';
import type { AppealOutcome } from './applications.model.ts';
import { designationReviewAppeals } from './designation-reviews.tables.ts';

export type ReviewAppealRow = typeof designationReviewAppeals.$inferSelect;

export async function findReviewAppeal(db: Executor, reviewId: number): Promise<ReviewAppealRow | undefined> {
  const [row] = await db.select().from(designationReviewAppeals).where(eq(designationReviewAppeals.reviewId, reviewId));
  return row;
}

/** The new appeal's id; undefined when the review has one already (one appeal a review). */
export async function insertReviewAppeal(
  db: Executor,
  appeal: { reviewId: number; lodgedOn: CalendarDate; grounds: string; recordedAt: Date },
): Promise<number | undefined> {
  const [row] = await db
    .insert(designationReviewAppeals)
    .values(appeal)
    .onConflictDoNothing()
    .returning({ id: designationReviewAppeals.id });
  return row?.id;
}

/** Puts an undecided appeal to a panel; false once it is decided. */
export async function setReviewAppealPanel(db: Executor, reviewId: number, panelId: number): Promise<boolean> {
  const rows = await db
    .update(designationReviewAppeals)
    .set({ panelId })
    .where(and(eq(designationReviewAppeals.reviewId, reviewId), isNull(designationReviewAppeals.outcome)))
    .returning({ id: designationReviewAppeals.id });
  return rows.length > 0;
}

/** Records the outcome of an undecided appeal; false if it was decided already. */
export async function decideReviewAppeal(
  db: Executor,
  reviewId: number,
  decision: {
    outcome: AppealOutcome;
    outcomeNotes: string;
    decidedOn: CalendarDate;
    recordedByUserId: number;
    recordedAt: Date;
  },
): Promise<boolean> {
  const rows = await db
    .update(designationReviewAppeals)
    .set(decision)
    .where(and(eq(designationReviewAppeals.reviewId, reviewId), isNull(designationReviewAppeals.outcome)))
    .returning({ id: designationReviewAppeals.id });
  return rows.length > 0;
}

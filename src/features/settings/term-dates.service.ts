import type { Database } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { academicYearOf } from '../../platform/calendar/academic-year.ts';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import type { Term } from '../../platform/calendar/term-weeks.ts';
import type { Clock } from '../../platform/clock.ts';

/** Six terms a year for ten years: more is not a list of term dates. */
export const MAXIMUM_TERMS = 60;

export type TermOutcome = { ok: true } | { ok: false; message: string };

/** "2026/27: Thursday 3 September 2026 to Friday 18 December 2026". */
export function describeTerm(term: Term): string {
  return `${academicYearOf(term.firstDay).name}: ${formatLongDate(term.firstDay)} to ${formatLongDate(term.lastDay)}`;
}

/** The alliance's school terms, which LLE placements' agreed days count weeks over; kept by administrators. */
export class TermDatesService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<Term[]> {
    return this.alliances.termDates();
  }

  /** Adds a term unless it overlaps one already set, or the alliance has as many as it may keep. */
  async add(actor: CurrentUser, term: Term): Promise<TermOutcome> {
    const alliance = await this.alliances.current();
    return this.db.transaction(async (tx): Promise<TermOutcome> => {
      const terms = await this.alliances.termDatesIn(tx, alliance.id);
      const clash = terms.find((other) => other.firstDay <= term.lastDay && term.firstDay <= other.lastDay);
      if (clash)
        return { ok: false, message: `The term overlaps ${describeTerm(clash)}. Remove that term first to change it` };
      if (terms.length >= MAXIMUM_TERMS)
        return { ok: false, message: `The alliance can keep ${MAXIMUM_TERMS} terms at most. Remove old ones first` };
      if (!(await this.alliances.addTermDate(tx, alliance.id, term)))
        return { ok: false, message: `The term overlaps ${describeTerm(term)}` };
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: 'alliance',
        entityId: alliance.id,
        action: 'term-date-added',
        after: { termDate: describeTerm(term) },
        at: this.clock.now(),
      });
      return { ok: true };
    });
  }

  /** Removes the term starting on that day; undefined when there is none. */
  async remove(actor: CurrentUser, firstDay: string): Promise<Term | undefined> {
    const alliance = await this.alliances.current();
    return this.db.transaction(async (tx) => {
      const term = (await this.alliances.termDatesIn(tx, alliance.id)).find((each) => each.firstDay === firstDay);
      if (!term || !(await this.alliances.removeTermDate(tx, alliance.id, firstDay))) return undefined;
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: 'alliance',
        entityId: alliance.id,
        action: 'term-date-removed',
        before: { termDate: describeTerm(term) },
        at: this.clock.now(),
      });
      return term;
    });
  }
}

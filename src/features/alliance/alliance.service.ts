import type { Database } from '../../db/database.ts';
import { englandAndWalesBankHolidays } from '../../platform/calendar/bank-holidays.ts';
import { WorkingCalendar } from '../../platform/calendar/working-days.ts';
import type { Clock } from '../../platform/clock.ts';
import { listSpecialisms, type SpecialismRow } from '../specialisms/specialisms.repository.ts';
import { findAllianceBySlug, listClosureDates, type AllianceRow } from './alliance.repository.ts';

export type Alliance = AllianceRow;

/**
 * Settings and the list of specialisms change rarely and are read on most pages, so they are cached
 * briefly; another instance sees a change within CACHE_MILLISECONDS, this one at once (forget()).
 */
const CACHE_MILLISECONDS = 10_000;

export class AllianceService {
  private cached: { alliance: Alliance; calendar: WorkingCalendar; specialisms: SpecialismRow[]; loadedAt: number } | undefined;

  constructor(
    private readonly db: Database,
    private readonly slug: string,
    private readonly clock: Clock,
  ) {}

  /** The alliance this installation serves. */
  async current(): Promise<Alliance> {
    return (await this.load()).alliance;
  }

  /** Working days for this alliance: bank holidays and its own closure dates. */
  async calendar(): Promise<WorkingCalendar> {
    return (await this.load()).calendar;
  }

  /** Every specialism on the alliance's list, retired ones included (they still name what leaders hold). */
  async specialisms(): Promise<SpecialismRow[]> {
    return (await this.load()).specialisms;
  }

  forget(): void {
    this.cached = undefined;
  }

  private async load() {
    const now = this.clock.now().getTime();
    if (this.cached && now - this.cached.loadedAt < CACHE_MILLISECONDS && now >= this.cached.loadedAt) return this.cached;
    const alliance = await findAllianceBySlug(this.db, this.slug);
    if (!alliance) throw new Error(`No alliance "${this.slug}" in the database: run npm run db:seed, or set ALLIANCE to an existing one`);
    const closures = await listClosureDates(this.db, alliance.id);
    const bankHolidays = englandAndWalesBankHolidays().map((holiday) => holiday.date);
    const calendar = new WorkingCalendar(bankHolidays, closures.map((closure) => closure.date));
    const specialisms = await listSpecialisms(this.db, alliance.id, { includeRetired: true });
    this.cached = { alliance, calendar, specialisms, loadedAt: now };
    return this.cached;
  }
}

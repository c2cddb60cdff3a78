import type { Database } from '../../db/database.ts';
import { englandAndWalesBankHolidays } from '../../platform/calendar/bank-holidays.ts';
import { WorkingCalendar } from '../../platform/calendar/working-days.ts';
import type { Clock } from '../../platform/clock.ts';
import { findAllianceBySlug, listClosureDates, type AllianceRow } from './alliance.repository.ts';

export type Alliance = AllianceRow;

/**
 * Settings change rarely and are read on every page, so they are cached briefly; another instance
 * sees a change within CACHE_MILLISECONDS, this one at once.
 */
const CACHE_MILLISECONDS = 10_000;

export class AllianceService {
  private cached: { alliance: Alliance; calendar: WorkingCalendar; loadedAt: number } | undefined;

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
    this.cached = { alliance, calendar, loadedAt: now };
    return this.cached;
  }
}

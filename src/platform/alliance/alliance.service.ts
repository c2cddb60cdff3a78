import type { Database, Executor } from '../../db/database.ts';
import { isDatabaseUnavailable } from '../../db/database-errors.ts';
import { knownBankHolidays } from '../calendar/bank-holidays.service.ts';
import { WorkingCalendar } from '../calendar/working-days.ts';
import type { Clock } from '../clock.ts';
import { addDays, addMonths, type CalendarDate } from '../calendar/calendar-date.ts';
import { londonDate } from '../calendar/london-time.ts';
import type { Term } from '../calendar/term-weeks.ts';
import { addTermDate, listTermDates, removeTermDate } from './term-dates.repository.ts';
import { standardTermsOf, type StandardTerms } from './standard-terms.ts';
import {
  addClosureDate,
  findAllianceBySlug,
  listClosureDates,
  removeClosureDate,
  updateAllianceSettings,
  updateStandardTerms,
  type AllianceRow,
  type AllianceSettings,
  type Closure,
} from './alliance.repository.ts';

export type Alliance = AllianceRow;
export type { AllianceSettings, Closure };

/** Every day a closure covers, its first to its last. */
export function closureDays(closure: Closure): CalendarDate[] {
  const days: CalendarDate[] = [closure.date];
  while (closure.lastDate && days.at(-1)! < closure.lastDate) days.push(addDays(days.at(-1)!, 1));
  return days;
}

/** The alliance with this slug, for the command-line tools and the start-up, which run before any app. */
export function findAlliance(db: Executor, slug: string): Promise<Alliance | undefined> {
  return findAllianceBySlug(db, slug);
}

/**
 * Settings change rarely and are read on most pages, so they are cached briefly; another instance
 * sees a change within CACHE_MILLISECONDS, this one at once (forget()).
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

  /**
   * The alliance, read in the caller's transaction. Inside one, current() could deadlock when its cache
   * has lapsed: PGlite runs one query at a time, so a read outside the transaction waits for it to end.
   */
  async currentIn(tx: Executor): Promise<Alliance> {
    const alliance = await findAllianceBySlug(tx, this.slug);
    if (!alliance) throw new Error(`No alliance "${this.slug}" in the database`);
    return alliance;
  }

  /** Working days for this alliance: bank holidays and its own closure dates. */
  async calendar(): Promise<WorkingCalendar> {
    return (await this.load()).calendar;
  }

  /**
   * The last known bank holiday when fewer than 12 months of them remain after today (by the app's
   * clock), so administrators are told to upload GOV.UK's newer list before deadlines go wrong.
   */
  async bankHolidaysRunningOut(): Promise<{ knownUntil: CalendarDate | undefined } | undefined> {
    const knownUntil = (await this.calendar()).bankHolidaysKnownUntil;
    const inAYear = addMonths(londonDate(this.clock.now()), 12);
    return knownUntil === undefined || knownUntil < inAYear ? { knownUntil } : undefined;
  }

  async closureDates(): Promise<Closure[]> {
    return listClosureDates(this.db, (await this.current()).id);
  }

  /** The closures as they stand inside the caller's transaction. */
  async closureDatesIn(tx: Executor, allianceId: number): Promise<Closure[]> {
    return listClosureDates(tx, allianceId);
  }

  /**
   * Working days as they stand inside the caller's transaction (closures just added or removed
   * counted), for working deadlines out again before it commits.
   */
  async calendarIn(tx: Executor, allianceId: number): Promise<WorkingCalendar> {
    const closures = await listClosureDates(tx, allianceId);
    const bankHolidays = (await knownBankHolidays(tx)).map((holiday) => holiday.date);
    return new WorkingCalendar(bankHolidays, closures.flatMap(closureDays));
  }

  /** Changes the settings in the caller's transaction; call forget() once it commits. */
  async updateSettings(tx: Executor, allianceId: number, settings: AllianceSettings, at: Date): Promise<void> {
    await updateAllianceSettings(tx, allianceId, settings, at);
  }

  /** The clauses printed on agreements from now on: the alliance's wording, else the shipped default. */
  async standardTerms(): Promise<StandardTerms> {
    return standardTermsOf((await this.current()).standardTerms);
  }

  /** Changes them in the caller's transaction; versions already made keep their own copy. Call forget() once it commits. */
  async updateStandardTerms(tx: Executor, allianceId: number, terms: StandardTerms, at: Date): Promise<void> {
    await updateStandardTerms(tx, allianceId, terms, at);
  }

  async addClosureDate(tx: Executor, allianceId: number, closure: Closure): Promise<boolean> {
    return addClosureDate(tx, allianceId, closure);
  }

  async removeClosureDate(tx: Executor, allianceId: number, date: string): Promise<boolean> {
    return removeClosureDate(tx, allianceId, date);
  }

  /** The alliance's school terms, earliest first. */
  async termDates(): Promise<Term[]> {
    return listTermDates(this.db, (await this.current()).id);
  }

  async termDatesIn(tx: Executor, allianceId: number): Promise<Term[]> {
    return listTermDates(tx, allianceId);
  }

  async addTermDate(tx: Executor, allianceId: number, term: Term): Promise<boolean> {
    return addTermDate(tx, allianceId, term);
  }

  async removeTermDate(tx: Executor, allianceId: number, firstDay: string): Promise<boolean> {
    return removeTermDate(tx, allianceId, firstDay);
  }

  forget(): void {
    this.cached = undefined;
  }

  private async load() {
    const now = this.clock.now().getTime();
    if (this.cached && now - this.cached.loadedAt < CACHE_MILLISECONDS && now >= this.cached.loadedAt)
      return this.cached;
    try {
      return await this.reload(now);
    } catch (error) {
      // While the database does not answer, the settings last read serve: the page saying the service
      // is unavailable is still drawn in the alliance's own layout, with its contact details.
      if (this.cached && isDatabaseUnavailable(error)) return this.cached;
      throw error;
    }
  }

  private async reload(now: number) {
    const alliance = await findAllianceBySlug(this.db, this.slug);
    if (!alliance)
      throw new Error(
        `No alliance "${this.slug}" in the database: run npm run db:seed, or set ALLIANCE to an existing one`,
      );
    const closures = await listClosureDates(this.db, alliance.id);
    // Read with the settings (so within CACHE_MILLISECONDS on every instance, at once after an import here).
    const bankHolidays = (await knownBankHolidays(this.db)).map((holiday) => holiday.date);
    const calendar = new WorkingCalendar(bankHolidays, closures.flatMap(closureDays));
    this.cached = { alliance, calendar, loadedAt: now };
    return this.cached;
  }
}

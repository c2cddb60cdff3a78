import fs from 'node:fs/promises';
import type { Database, Executor } from '../../db/database.ts';
import type { ResponseRule, WorkingCalendar } from '../../platform/calendar/working-days.ts';
import type { CurrentUser } from '../../platform/access.ts';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import type { Clock } from '../../platform/clock.ts';
import { parseBankHolidays } from '../../platform/calendar/bank-holidays.ts';
import { importBankHolidays, type BankHolidayImport } from '../../platform/calendar/bank-holidays.service.ts';
import { auditTrailFor, changedFields, recordAudit, type AuditTrailRow } from '../../platform/audit/audit.service.ts';
import type { Alliance, AllianceService, AllianceSettings, Closure } from '../../platform/alliance/alliance.service.ts';
import {
  STANDARD_TERM_HEADINGS,
  STANDARD_TERM_KEYS,
  type StandardTerms,
} from '../../platform/alliance/standard-terms.ts';

/** What the audit trail calls each setting. */
export const SETTING_LABELS: Record<string, string> = {
  name: 'Name',
  addressLines: 'Address',
  telephone: 'Telephone',
  email: 'Email address',
  website: 'Website',
  responseWorkingDays: 'Response target (working days)',
  cutOffTime: 'Cut-off time',
  typicalSleDaysPerYear: 'Typical SLE days a year',
  minimumDeploymentHalfDays: 'Minimum deployment (half days)',
  quietWeeks: 'Weeks without activity',
  escalateAfterWorkingDays: 'Working days overdue before the alliance lead is told',
  apiAllowedOrigins: 'Websites that may send enquiries',
  closureDate: 'Closure date',
  termDate: 'Term',
  bankHolidays: 'Bank holidays',
  ...Object.fromEntries(STANDARD_TERM_KEYS.map((key) => [key, `Standard terms: ${STANDARD_TERM_HEADINGS[key]}`])),
};

const SETTING_ACTIONS: Record<string, string> = {
  'settings-changed': 'Settings changed',
  'standard-terms-changed': 'Standard terms of agreements changed',
  'closure-date-added': 'Closure date added',
  'closure-date-removed': 'Closure date removed',
  'term-date-added': 'Term added',
  'term-date-removed': 'Term removed',
  'bank-holidays-imported': 'Bank holidays imported',
};

/** Moves the reply-by dates of enquiries still waiting for an answer; answers how many moved. */
export type MoveOpenDeadlines = (
  tx: Executor,
  change: {
    allianceId: number;
    calendar: WorkingCalendar;
    rule: ResponseRule;
    from: string;
    actorUserId: number;
    at: Date;
  },
) => Promise<number>;

export type ClosureOutcome = { ok: true; moved: number } | { ok: false; clash: Closure & { label: string } };

/** "24 December 2026" or "21 December 2026 to 1 January 2027". */
export function describeClosure(closure: Closure): string {
  return closure.lastDate
    ? `${formatLongDate(closure.date)} to ${formatLongDate(closure.lastDate)}`
    : formatLongDate(closure.date);
}

function overlaps(one: Closure, other: Closure): boolean {
  return one.date <= (other.lastDate ?? other.date) && other.date <= (one.lastDate ?? one.date);
}

/** Administrators' changes to the alliance's settings: audited, and seen by every page at once. */
export class AllianceSettingsService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly clock: Clock,
    /** The enquiries' reply-by dates, worked out again when the closures change (a hook: enquiries is a higher layer). */
    private readonly moveOpenDeadlines: MoveOpenDeadlines,
  ) {}

  async update(actor: CurrentUser, settings: AllianceSettings): Promise<boolean> {
    const alliance = await this.alliances.current();
    const before: Record<string, string | number | string[]> = {};
    for (const key of Object.keys(settings) as Array<keyof AllianceSettings>)
      before[key] = alliance[key] as string | number | string[];
    const changes = changedFields(before, settings as Record<string, string | number | string[]>);
    if (!changes) return false;
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await this.alliances.updateSettings(tx, alliance.id, settings, now);
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: 'alliance',
        entityId: alliance.id,
        action: 'settings-changed',
        ...changes,
        at: now,
      });
    });
    this.alliances.forget();
    return true;
  }

  /**
   * Words the standard terms printed on agreements made from now on (each version keeps the terms it
   * was made with, so what was signed does not change). False when nothing changed.
   */
  async updateStandardTerms(actor: CurrentUser, terms: StandardTerms): Promise<boolean> {
    const alliance = await this.alliances.current();
    const changes = changedFields(await this.alliances.standardTerms(), terms);
    if (!changes) return false;
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await this.alliances.updateStandardTerms(tx, alliance.id, terms, now);
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: 'alliance',
        entityId: alliance.id,
        action: 'standard-terms-changed',
        ...changes,
        at: now,
      });
    });
    this.alliances.forget();
    return true;
  }

  async standardTerms(): Promise<StandardTerms> {
    return this.alliances.standardTerms();
  }

  async closureDates() {
    return this.alliances.closureDates();
  }

  /** The settings' audit trail, for those who may read it. */
  async trail(user: CurrentUser): Promise<AuditTrailRow[] | undefined> {
    const alliance = await this.alliances.current();
    return auditTrailFor(this.db, user, {
      allianceId: alliance.id,
      entityType: 'alliance',
      entityId: alliance.id,
      labels: SETTING_LABELS,
      actions: SETTING_ACTIONS,
    });
  }

  /**
   * Adds a closure (one day, or a range as one entry) unless the alliance is already closed on one of
   * its days, and works out again the reply-by dates of the enquiries still waiting for an answer.
   */
  async addClosure(actor: CurrentUser, closure: Closure): Promise<ClosureOutcome> {
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    return this.db
      .transaction(async (tx): Promise<ClosureOutcome> => {
        const clash = (await this.alliances.closureDatesIn(tx, alliance.id)).find((existing) =>
          overlaps(existing, closure),
        );
        if (clash) return { ok: false, clash: { ...clash, label: describeClosure(clash) } };
        if (!(await this.alliances.addClosureDate(tx, alliance.id, closure)))
          return { ok: false, clash: { ...closure, label: describeClosure(closure) } };
        await recordAudit(tx, {
          allianceId: alliance.id,
          actorUserId: actor.id,
          entityType: 'alliance',
          entityId: alliance.id,
          action: 'closure-date-added',
          after: { closureDate: `${describeClosure(closure)}: ${closure.description}` },
          at: now,
        });
        const moved = await this.deadlinesMoved(tx, alliance, closure.date, actor, now);
        return { ok: true, moved };
      })
      .finally(() => this.alliances.forget());
  }

  async removeClosure(actor: CurrentUser, date: string): Promise<{ closure: Closure; moved: number } | undefined> {
    const alliance = await this.alliances.current();
    const existing = (await this.alliances.closureDates()).find((closure) => closure.date === date);
    if (!existing) return undefined;
    const now = this.clock.now();
    const moved = await this.db.transaction(async (tx) => {
      if (!(await this.alliances.removeClosureDate(tx, alliance.id, date))) return 0;
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: 'alliance',
        entityId: alliance.id,
        action: 'closure-date-removed',
        before: { closureDate: `${describeClosure(existing)}: ${existing.description}` },
        at: now,
      });
      return this.deadlinesMoved(tx, alliance, date, actor, now);
    });
    this.alliances.forget();
    return { closure: existing, moved };
  }

  private async deadlinesMoved(tx: Executor, alliance: Alliance, from: string, actor: CurrentUser, at: Date) {
    return this.moveOpenDeadlines(tx, {
      allianceId: alliance.id,
      calendar: await this.alliances.calendarIn(tx, alliance.id),
      rule: { workingDays: alliance.responseWorkingDays, cutOffTime: alliance.cutOffTime },
      from,
      actorUserId: actor.id,
      at,
    });
  }

  /**
   * Brings the bank holidays up to date from a GOV.UK bank-holidays.json: the dates are added (the
   * list is every alliance's), one event goes on this alliance's record, and every deadline counted
   * here from now on allows for them.
   */
  async importBankHolidays(
    actor: CurrentUser,
    file: { path: string; filename: string },
  ): Promise<({ ok: true } & BankHolidayImport) | { ok: false; message: string }> {
    const parsed = parseBankHolidays(await fs.readFile(file.path, 'utf8'));
    if (!parsed.ok) return parsed;
    const alliance = await this.alliances.current();
    const outcome = await importBankHolidays(this.db, {
      allianceId: alliance.id,
      actorUserId: actor.id,
      holidays: parsed.holidays,
      at: this.clock.now(),
      source: file.filename,
    });
    this.alliances.forget();
    return { ok: true, ...outcome };
  }
}

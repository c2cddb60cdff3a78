import fs from 'node:fs/promises';
import type { Database } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import type { Clock } from '../../platform/clock.ts';
import { parseBankHolidays } from '../../platform/calendar/bank-holidays.ts';
import { importBankHolidays, type BankHolidayImport } from '../../platform/calendar/bank-holidays.service.ts';
import { auditTrailFor, changedFields, recordAudit, type AuditTrailRow } from '../../platform/audit/audit.service.ts';
import type { AllianceService, AllianceSettings } from '../../platform/alliance/alliance.service.ts';

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
  closureDate: 'Closure date',
  bankHolidays: 'Bank holidays',
};

const SETTING_ACTIONS: Record<string, string> = {
  'settings-changed': 'Settings changed',
  'closure-date-added': 'Closure date added',
  'closure-date-removed': 'Closure date removed',
  'bank-holidays-imported': 'Bank holidays imported',
};

/** Administrators' changes to the alliance's settings: audited, and seen by every page at once. */
export class AllianceSettingsService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly clock: Clock,
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

  async addClosure(actor: CurrentUser, date: string, description: string): Promise<void> {
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    const existing = (await this.alliances.closureDates()).find((closure) => closure.date === date);
    await this.db.transaction(async (tx) => {
      await this.alliances.addClosureDate(tx, alliance.id, date, description);
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: 'alliance',
        entityId: alliance.id,
        action: 'closure-date-added',
        before: existing ? { closureDate: `${formatLongDate(date)}: ${existing.description}` } : null,
        after: { closureDate: `${formatLongDate(date)}: ${description}` },
        at: now,
      });
    });
    this.alliances.forget();
  }

  async removeClosure(actor: CurrentUser, date: string): Promise<boolean> {
    const alliance = await this.alliances.current();
    const existing = (await this.alliances.closureDates()).find((closure) => closure.date === date);
    if (!existing) return false;
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await this.alliances.removeClosureDate(tx, alliance.id, date);
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: 'alliance',
        entityId: alliance.id,
        action: 'closure-date-removed',
        before: { closureDate: `${formatLongDate(date)}: ${existing.description}` },
        at: now,
      });
    });
    this.alliances.forget();
    return true;
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

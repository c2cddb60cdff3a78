import type { Database, Executor } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import { auditTrailFor, recordAudit, type AuditTrailRow } from '../../platform/audit/audit.service.ts';
import { londonDate } from '../../platform/calendar/london-time.ts';
import type { Clock } from '../../platform/clock.ts';
import { pageCountOf } from '../../platform/http/pagination.ts';
import type { School, SchoolService } from '../schools/schools.service.ts';
import type { SpecialismService } from '../specialisms/specialisms.service.ts';
import type { ApplicationStage } from './application-stage.ts';
import type { DesignationRulesService } from './designation-rules.service.ts';
import type { Criterion } from './designation.model.ts';
import { standingsOf, type Standing } from './staff-application-facts.ts';
import {
  findApplication,
  listAllRequests,
  listApplications,
  listEvidence,
  listSpecialismIds,
  listStageFacts,
  markWithdrawn,
  type ApplicationRow,
  type ListedApplication,
  type RequestRow,
} from './staff-applications.repository.ts';

/** The list's filter: one stage, every sent application (the default), or those never sent as well. */
export type ApplicationsQuery = { stage: ApplicationStage | 'sent' | 'all'; page: number };

export type ApplicationSummary = ListedApplication & { standing: Standing; school: School | undefined };

export type { RequestRow };

export type ApplicationsPage = {
  items: ApplicationSummary[];
  total: number;
  page: number;
  pageCount: number;
};

/** An application as staff and its panel read it: every answer, never its resume link. */
export type ApplicationDetail = {
  application: Omit<ApplicationRow, 'resumeTokenHash' | 'resumeTokenExpiresAt'>;
  school: School | undefined;
  specialisms: string[];
  evidence: Array<{ criterion: Criterion; evidence: string }>;
  /** Current requests, then those superseded when a coordinator changed the person asked. */
  requests: RequestRow[];
  standing: Standing;
};

export const PAGE_SIZE = 25;

/** Stages from which an application can still be withdrawn: not once decided, nor while an appeal is heard. */
const WITHDRAWABLE: readonly ApplicationStage[] = [
  'started',
  'references-due',
  'consent-due',
  'ready-for-panel',
  'at-panel',
];

export const APPLICATION_AUDIT = 'application';
export const APPLICATION_ACTIONS: Record<string, string> = {
  withdrawn: 'Application withdrawn',
  'put-to-panel': 'Put to a panel',
  decided: 'Decision recorded',
  'appeal-lodged': 'Appeal recorded',
  'appeal-to-panel': 'Appeal put to a panel',
  'appeal-decided': 'Appeal outcome recorded',
};
const APPLICATION_LABELS: Record<string, string> = {
  status: 'Status',
  panel: 'Panel',
  outcome: 'Outcome',
  feedback: 'Feedback',
  decidedOn: 'Decided on',
  lodgedOn: 'Lodged on',
  grounds: 'Grounds',
  notes: 'Notes',
};

/**
 * Staff > Applications: every application of the alliance with its stage and what it waits for, and
 * each application's whole record. An alliance takes tens of applications a year, not thousands, so
 * the stage (worked out from several tables by applicationStage) is found for all of them and the
 * list filtered and paged here, rather than the rule being written again in SQL.
 */
export class StaffApplicationsService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly schools: SchoolService,
    private readonly specialisms: SpecialismService,
    private readonly rules: DesignationRulesService,
    private readonly clock: Clock,
  ) {}

  async list(query: ApplicationsQuery): Promise<ApplicationsPage> {
    const all = await this.summaries({ includeStarted: query.stage === 'all' || query.stage === 'started' });
    const chosen =
      query.stage === 'all' || query.stage === 'sent' ? all : all.filter((row) => row.standing.stage === query.stage);
    const pageCount = pageCountOf(chosen.length, PAGE_SIZE);
    const page = Math.min(query.page, pageCount);
    return {
      items: chosen.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
      total: chosen.length,
      page,
      pageCount,
    };
  }

  /** Applications a panel can consider now, including those a panel deferred. */
  async readyForPanel(): Promise<ApplicationSummary[]> {
    return (await this.summaries({ includeStarted: false })).filter((row) => row.standing.stage === 'ready-for-panel');
  }

  /** Sent applications by id, with their standing: for the pages of a panel. */
  async summariesOf(ids: number[], db: Executor = this.db): Promise<Map<number, ApplicationSummary>> {
    const wanted = new Set(ids);
    const rows = (await this.summaries({ includeStarted: false }, db)).filter((row) => wanted.has(row.id));
    return new Map(rows.map((row) => [row.id, row]));
  }

  async detail(id: number, db: Executor = this.db): Promise<ApplicationDetail | undefined> {
    const alliance = await this.alliances.current();
    const row = await findApplication(db, alliance.id, id);
    if (!row) return undefined;
    const { resumeTokenHash: _hash, resumeTokenExpiresAt: _expires, ...application } = row;
    const standing = standingsOf([row], await listStageFacts(db, [id]), this.today()).get(id)!;
    const criteria = (await this.rules.criteria())[row.designationType];
    const evidence = await listEvidence(db, id);
    const names = new Map((await this.specialisms.all()).map((specialism) => [specialism.id, specialism.name]));
    const requests = await listAllRequests(db, id);
    return {
      application,
      school: row.schoolUrn === null ? undefined : await this.schools.find(row.schoolUrn, db),
      specialisms: (await listSpecialismIds(db, id)).map((specialismId) => names.get(specialismId) ?? '').sort(),
      evidence: criteria.map((criterion) => ({
        criterion,
        evidence: evidence.find((item) => item.criterionId === criterion.id)?.evidence ?? '',
      })),
      requests: [
        ...requests.filter((request) => request.supersededAt === null),
        ...requests.filter((request) => request.supersededAt !== null),
      ],
      standing,
    };
  }

  canWithdraw(detail: ApplicationDetail): boolean {
    return WITHDRAWABLE.includes(detail.standing.stage);
  }

  /** Withdraws it (the applicant asked, or left): false when its stage no longer allows it. */
  async withdraw(actor: CurrentUser, detail: ApplicationDetail): Promise<boolean> {
    if (!this.canWithdraw(detail)) return false;
    const alliance = await this.alliances.current();
    const at = this.clock.now();
    return this.db.transaction(async (tx) => {
      if (!(await markWithdrawn(tx, detail.application.id, at))) return false;
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: APPLICATION_AUDIT,
        entityId: detail.application.id,
        action: 'withdrawn',
        before: { status: detail.application.status },
        after: { status: 'withdrawn' },
        at,
      });
      return true;
    });
  }

  async trail(user: CurrentUser, id: number): Promise<AuditTrailRow[] | undefined> {
    const alliance = await this.alliances.current();
    return auditTrailFor(this.db, user, {
      allianceId: alliance.id,
      entityType: APPLICATION_AUDIT,
      entityId: id,
      labels: APPLICATION_LABELS,
      actions: APPLICATION_ACTIONS,
    });
  }

  private async summaries(options: { includeStarted: boolean }, db: Executor = this.db): Promise<ApplicationSummary[]> {
    const alliance = await this.alliances.current();
    const rows = await listApplications(db, alliance.id, options);
    const standings = standingsOf(
      rows,
      await listStageFacts(
        db,
        rows.map((row) => row.id),
      ),
      this.today(),
    );
    const urns = [...new Set(rows.map((row) => row.schoolUrn).filter((urn): urn is number => urn !== null))];
    const schools = new Map((await this.schools.findMany(urns, db)).map((school) => [school.urn, school]));
    return rows.map((row) => ({
      ...row,
      standing: standings.get(row.id)!,
      school: row.schoolUrn === null ? undefined : schools.get(row.schoolUrn),
    }));
  }

  private today(): string {
    return londonDate(this.clock.now());
  }
}

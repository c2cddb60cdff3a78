import type { Database } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import { auditTrailFor, recordAudit, type AuditTrailRow } from '../../platform/audit/audit.service.ts';
import { londonDate } from '../../platform/calendar/london-time.ts';
import { compareAlphabetically } from '../../platform/alphabetical.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import type { DesignationType } from '../leaders/leaders.model.ts';
import type { SpecialismService } from '../specialisms/specialisms.service.ts';
import {
  closeRound,
  findRound,
  insertRound,
  listCurrentRounds,
  listRounds,
  type RoundRow,
} from './designation.repository.ts';

export type RecruitmentRound = {
  id: number;
  designationType: DesignationType;
  opensOn: string;
  closesOn: string | null;
  note: string;
  specialisms: string[];
  state: RoundState;
  /** Taking applications today. */
  open: boolean;
};

/** Where a round stands today: taking applications, not yet, past its closing date, or closed sooner. */
export type RoundState = 'open' | 'not-open-yet' | 'closed' | 'closed-early';

export type NewRound = {
  designationType: DesignationType;
  opensOn: string;
  closesOn: string | null;
  note: string;
  specialismIds: number[];
};

type Outcome<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** Rounds are few (a handful a year); the administrators' list shows this many, the latest first. */
const LISTED_ROUNDS = 100;

/**
 * When the alliance takes applications: rounds for one type of designation, perhaps in the specialisms
 * it most needs, with a closing date or open all year. A round is closed, never deleted: applications
 * will point at the round they answered.
 */
export class RecruitmentRoundService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly specialisms: SpecialismService,
    private readonly clock: Clock,
  ) {}

  /** Rounds open now or opening later: what the public page lists. */
  async current(): Promise<RecruitmentRound[]> {
    const alliance = await this.alliances.current();
    return this.described(await listCurrentRounds(this.db, alliance.id, this.today()));
  }

  async all(): Promise<RecruitmentRound[]> {
    const alliance = await this.alliances.current();
    return this.described(await listRounds(this.db, alliance.id, LISTED_ROUNDS));
  }

  async find(id: number): Promise<RecruitmentRound | undefined> {
    const row = await findRound(this.db, (await this.alliances.current()).id, id);
    return row ? (await this.described([row]))[0] : undefined;
  }

  async open(actor: CurrentUser, round: NewRound): Promise<Outcome<number>> {
    const alliance = await this.alliances.current();
    const active = new Set((await this.specialisms.active()).map((specialism) => specialism.id));
    if (round.specialismIds.some((id) => !active.has(id)))
      return { ok: false, problems: [{ field: 'specialismIds', message: 'Select specialisms from the list' }] };
    if (round.closesOn !== null && round.closesOn < this.today())
      return {
        ok: false,
        problems: [{ field: 'closesOn', message: 'The closing date must be today or in the future' }],
      };
    const id = await this.db.transaction(async (tx) => {
      const id = await insertRound(tx, { allianceId: alliance.id, ...round });
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: 'recruitment-round',
        entityId: id,
        action: 'opened',
        after: {
          type: round.designationType,
          opensOn: round.opensOn,
          closesOn: round.closesOn,
          note: round.note,
          specialismIds: round.specialismIds.map(String),
        },
        at: this.clock.now(),
      });
      return id;
    });
    return { ok: true, value: id };
  }

  /** Stops a round taking applications now; closing a closed round changes nothing. */
  async close(actor: CurrentUser, round: RecruitmentRound): Promise<void> {
    if (round.state === 'closed-early' || round.state === 'closed') return;
    const alliance = await this.alliances.current();
    const at = this.clock.now();
    await this.db.transaction(async (tx) => {
      await closeRound(tx, round.id, at);
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: 'recruitment-round',
        entityId: round.id,
        action: 'closed',
        at,
      });
    });
  }

  async trail(user: CurrentUser, id: number): Promise<AuditTrailRow[] | undefined> {
    const alliance = await this.alliances.current();
    return auditTrailFor(this.db, user, {
      allianceId: alliance.id,
      entityType: 'recruitment-round',
      entityId: id,
      labels: { type: 'Designation', opensOn: 'Opens', closesOn: 'Closes', note: 'Note', specialismIds: 'Specialisms' },
      actions: { opened: 'Opened', closed: 'Closed early' },
    });
  }

  private today(): string {
    return londonDate(this.clock.now());
  }

  private async described(rows: RoundRow[]): Promise<RecruitmentRound[]> {
    if (rows.length === 0) return [];
    const names = new Map((await this.specialisms.all()).map((specialism) => [specialism.id, specialism.name]));
    const today = this.today();
    const stateOf = (row: RoundRow): RoundState => {
      if (row.closedAt !== null) return 'closed-early';
      if (row.closesOn !== null && row.closesOn < today) return 'closed';
      return row.opensOn <= today ? 'open' : 'not-open-yet';
    };
    return rows.map((row) => {
      const state = stateOf(row);
      return {
        id: row.id,
        designationType: row.designationType,
        opensOn: row.opensOn,
        closesOn: row.closesOn,
        note: row.note,
        specialisms: row.specialismIds
          .map((id) => names.get(id) ?? '')
          .filter(Boolean)
          .sort(compareAlphabetically),
        state,
        open: state === 'open',
      };
    });
  }
}

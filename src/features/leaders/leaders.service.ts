import type { Database, Executor } from '../../db/database.ts';
import { addDays, type CalendarDate } from '../../platform/calendar/calendar-date.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import { findSchool } from '../schools/schools.service.ts';
import { activeSpecialisms, allSpecialisms, matchSpecialisms } from '../specialisms/specialisms.service.ts';
import { findLeadersOfAccounts, setLeaderOfAccount } from './leader-accounts.repository.ts';
import {
  findLeaderRow,
  findLeaderSummary,
  findLeaderRowByEmail,
  findLeaderRows,
  insertLeader,
  listDesignations,
  listHomeSchools,
  listLeaderSpecialisms,
  refreshDirectoryEntries,
  refreshDirectoryEntriesHolding,
  replaceLeaderSpecialisms,
  updateLeader,
  upsertDesignation,
  type DesignationRow,
  type LeaderRow,
  type LeaderSummary,
} from './leaders.repository.ts';
import type { LeaderInput } from './leaders.schema.ts';
import { ACTIVE_DESIGNATION_STATUSES, type DesignationType } from './leaders.model.ts';

export type { LeaderSummary };

/** A leader's name, home school and designation types, in one query: for a caller's transaction. */
export function leaderSummary(db: Executor, allianceId: number, id: number): Promise<LeaderSummary | undefined> {
  return findLeaderSummary(db, allianceId, id);
}

export type HomeSchool = Awaited<ReturnType<typeof listHomeSchools>>[number];

export type Leader = LeaderRow & {
  homeSchool: HomeSchool;
  designations: DesignationRow[];
  specialisms: Array<{ id: number; name: string; groupName: string; retired: boolean }>;
  /** Types of designation currently held (designated or under review). */
  activeTypes: DesignationType[];
};

/** An SLE designation lasts 4 years, then is reviewed. */
export function defaultReviewDate(type: DesignationType, startDate: CalendarDate): CalendarDate | null {
  if (type !== 'sle') return null;
  const [year, month, day] = startDate.split('-').map(Number) as [number, number, number];
  // 29 February + 4 years is a leap day again; any other date exists 4 years on.
  return addDays(`${year + 4}-${String(month).padStart(2, '0')}-01`, day - 1);
}

export async function loadLeaders(db: Executor, allianceId: number, ids: number[]): Promise<Leader[]> {
  if (ids.length === 0) return [];
  const rows = await findLeaderRows(db, allianceId, ids);
  // One after another: `db` may be a transaction, one connection, which runs one query at a time
  // (node-postgres warns of queries sent together on one client, and version 9 will refuse them).
  const designationRows = await listDesignations(
    db,
    rows.map((row) => row.id),
  );
  const specialismRows = await listLeaderSpecialisms(
    db,
    rows.map((row) => row.id),
  );
  const schoolRows = await listHomeSchools(db, [...new Set(rows.map((row) => row.homeSchoolUrn))]);
  return rows.map((row) => {
    const held = designationRows.filter((designation) => designation.leaderId === row.id);
    return {
      ...row,
      homeSchool: schoolRows.find((school) => school.urn === row.homeSchoolUrn)!,
      designations: held,
      specialisms: specialismRows
        .filter((specialism) => specialism.leaderId === row.id)
        .map(({ id, name, groupName, retired }) => ({ id, name, groupName, retired })),
      activeTypes: held
        .filter((designation) => ACTIVE_DESIGNATION_STATUSES.includes(designation.status))
        .map((designation) => designation.type),
    };
  });
}

export async function loadLeader(db: Executor, allianceId: number, id: number): Promise<Leader | undefined> {
  return (await loadLeaders(db, allianceId, [id]))[0];
}

export type SaveOutcome =
  { ok: true; leaderId: number; change: 'added' | 'updated' | 'unchanged' } | { ok: false; problems: FieldProblem[] };

/**
 * Which leader a save is for: the one with the input's email (a roster, the seed), a new one (a
 * coordinator adding someone: an email already on the register is a mistake to report, not an update),
 * or a given leader (editing them, when the email itself may be what changes).
 */
export type SaveTarget = 'by-email' | 'new' | { leaderId: number };

/**
 * Records a leader: adds them, or updates their details, specialisms and the designations given
 * (others they hold are kept). A specialism since retired may be kept by a leader who already holds
 * it, but not newly given. Listing consent given without a date keeps the date already recorded;
 * unlisting clears it. Run it in a transaction.
 */
export async function saveLeader(
  db: Executor,
  allianceId: number,
  input: LeaderInput,
  now: Date,
  target: SaveTarget = 'by-email',
): Promise<SaveOutcome> {
  const problems: FieldProblem[] = [];
  const byEmail = await findLeaderRowByEmail(db, allianceId, input.email);
  let existingId: number | undefined;
  if (target === 'by-email') existingId = byEmail?.id;
  else if (target === 'new' && byEmail)
    problems.push({ field: 'email', message: `${byEmail.name} already has this email address on the register` });
  else if (typeof target === 'object') {
    existingId = target.leaderId;
    if (byEmail && byEmail.id !== target.leaderId)
      problems.push({ field: 'email', message: `${byEmail.name} already has this email address on the register` });
  }
  const current = existingId === undefined ? undefined : await loadLeader(db, allianceId, existingId);
  if (existingId !== undefined && !current)
    return { ok: false, problems: [{ field: 'leader', message: 'There is no such leader' }] };

  if (!(await findSchool(db, input.homeSchoolUrn)))
    problems.push({ field: 'homeSchoolUrn', message: `No school has the URN ${input.homeSchoolUrn}` });
  const keptRetired = (current?.specialisms ?? []).filter((held) => held.retired);
  const { matched, unknown } = matchSpecialisms(
    [...(await activeSpecialisms(db, allianceId)), ...keptRetired.map((held) => ({ ...held, allianceId }))],
    input.specialisms,
  );
  if (unknown.length > 0) {
    const retired = matchSpecialisms(
      (await allSpecialisms(db, allianceId)).filter((specialism) => specialism.retired),
      unknown,
    ).matched;
    problems.push({
      field: 'specialisms',
      message:
        retired.length > 0
          ? `${retired.map((specialism) => specialism.name).join(', ')} ${retired.length === 1 ? 'is' : 'are'} retired: only leaders who already hold ${retired.length === 1 ? 'it' : 'them'} keep ${retired.length === 1 ? 'it' : 'them'}`
          : `Unknown specialism: ${unknown.join(', ')}`,
    });
  }
  for (const designation of input.designations) {
    if (designation.reviewDate && designation.reviewDate < designation.startDate) {
      problems.push({ field: 'designations', message: 'The review date must be after the designation date' });
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const fields = {
    name: input.name,
    email: input.email,
    jobTitle: input.jobTitle ?? null,
    homeSchoolUrn: input.homeSchoolUrn,
    profile: input.profile,
    phases: input.phases,
    listed: input.listed,
    listedConsentOn: input.listed ? (input.listedConsentOn ?? current?.listedConsentOn ?? null) : null,
  };
  const specialismIds = matched.map((specialism) => specialism.id).sort((a, b) => a - b);
  const wanted = input.designations.map((designation) => ({
    type: designation.type,
    status: designation.status,
    startDate: designation.startDate,
    reviewDate: designation.reviewDate ?? defaultReviewDate(designation.type, designation.startDate),
  }));

  if (!current) {
    const leaderId = await insertLeader(db, allianceId, fields, now);
    await replaceLeaderSpecialisms(db, leaderId, specialismIds);
    for (const designation of wanted) await upsertDesignation(db, leaderId, designation);
    await refreshDirectoryEntries(db, [leaderId]);
    return { ok: true, leaderId, change: 'added' };
  }

  const unchanged =
    (Object.keys(fields) as Array<keyof typeof fields>).every(
      (key) => JSON.stringify(current[key]) === JSON.stringify(fields[key]),
    ) &&
    JSON.stringify(current.specialisms.map((specialism) => specialism.id).sort((a, b) => a - b)) ===
      JSON.stringify(specialismIds) &&
    wanted.every((designation) => {
      const held = current.designations.find((candidate) => candidate.type === designation.type);
      return (
        held &&
        held.status === designation.status &&
        held.startDate === designation.startDate &&
        held.reviewDate === designation.reviewDate
      );
    });
  if (unchanged) return { ok: true, leaderId: current.id, change: 'unchanged' };

  await updateLeader(db, current.id, fields, now);
  await replaceLeaderSpecialisms(db, current.id, specialismIds);
  for (const designation of wanted) await upsertDesignation(db, current.id, designation);
  await refreshDirectoryEntries(db, [current.id]);
  return { ok: true, leaderId: current.id, change: 'updated' };
}

/**
 * The register of system leaders as other capabilities use it: finding leaders, and the link
 * between a leader and their staff account.
 */
export class LeaderService {
  constructor(private readonly db: Database) {}

  /** The leader with their home school, designations and specialisms, if they are the alliance's. */
  find(allianceId: number, id: number, db: Executor = this.db): Promise<Leader | undefined> {
    return loadLeader(db, allianceId, id);
  }

  findMany(allianceId: number, ids: number[], db: Executor = this.db): Promise<Leader[]> {
    return loadLeaders(db, allianceId, ids);
  }

  /** The leader's own record alone (no designations or specialisms), if they are the alliance's. */
  findRecord(allianceId: number, id: number, db: Executor = this.db): Promise<LeaderRow | undefined> {
    return findLeaderRow(db, allianceId, id);
  }

  findRecords(allianceId: number, ids: number[], db: Executor = this.db): Promise<LeaderRow[]> {
    return findLeaderRows(db, allianceId, ids);
  }

  /** The leader with this email address in the alliance: how a system leader's account finds its record. */
  findByEmail(allianceId: number, email: string, db: Executor = this.db): Promise<LeaderRow | undefined> {
    return findLeaderRowByEmail(db, allianceId, email);
  }

  /** Links a staff account to its leader record (or unlinks it, with null), in the caller's transaction. */
  linkAccount(tx: Executor, userId: number, leaderId: number | null): Promise<void> {
    return setLeaderOfAccount(tx, userId, leaderId);
  }

  /** Rewrites the directory entries of the leaders who hold a specialism (renamed: the directory searches by name). */
  refreshDirectoryEntriesHolding(tx: Executor, specialismId: number): Promise<void> {
    return refreshDirectoryEntriesHolding(tx, specialismId);
  }

  /** Each account's leader record, for the accounts linked to one. */
  leadersOfAccounts(userIds: number[]): Promise<Map<number, number>> {
    return findLeadersOfAccounts(this.db, userIds);
  }
}

import { daysBetween, formatLongDate, type CalendarDate } from '../../platform/calendar/calendar-date.ts';
import { formatHalfDays } from '../../platform/units.ts';
import type { PriorityReason } from '../enquiries/enquiries.model.ts';
import { PRIORITY_REASON_LABELS } from '../enquiries/enquiry-lifecycle.service.ts';
import { PHASE_LABELS } from '../leaders/leaders.schema.ts';
import type { DesignationType, Phase } from '../leaders/leaders.model.ts';
import type { RankedRow } from './matching.repository.ts';
import { COMPONENTS, COMPONENT_LABELS, type Component, type Weights } from './matching.weights.ts';
export type ExplainContext = {
  schoolPhases: readonly Phase[];
  requestedSpecialismIds: readonly number[];
  specialismNames: ReadonlyMap<number, string>;
  priorityReasons: readonly PriorityReason[];
  weights: Weights;
  today: CalendarDate;
  academicYearName: string;
};

export type Reason = {
  component: Component;
  label: string;
  weight: number;
  score: number;
  points: number;
  text: string;
};

export type RankedLeader = {
  leaderId: number;
  name: string;
  listed: boolean;
  types: DesignationType[];
  homeSchool: RankedRow['homeSchool'];
  distanceMiles: number | null;
  /** Out of 100: the weighted share of the best possible score. */
  score: number;
  reasons: Reason[];
  warnings: string[];
};

const list = (items: readonly string[]) => items.join(', ');
const phaseNames = (phases: readonly Phase[]) => list(phases.map((phase) => PHASE_LABELS[phase].toLowerCase()));

/** The sentence behind each score the database gave, in the words a coordinator reads. */
function sentences(row: RankedRow, context: ExplainContext): Record<Component, string> {
  const requested = context.requestedSpecialismIds;
  const held = requested.filter((id) => row.specialismIds.includes(id));
  const names = (ids: readonly number[]) => list(ids.map((id) => context.specialismNames.get(id) ?? `#${id}`));
  const shared = row.phases.filter((phase) => context.schoolPhases.includes(phase));
  const year = context.academicYearName;
  const left = row.releasedHalfDays === null ? 0 : row.releasedHalfDays - row.committedHalfDays;
  const years = Math.max(0, daysBetween(row.designatedSince, context.today) / 365.25);
  const wholeYears = Math.floor(years);
  return {
    specialism:
      requested.length === 0
        ? 'No specialism was asked for'
        : held.length === 0
          ? `Holds none of the specialisms asked for (${names(requested)})`
          : `Holds ${held.length} of the ${requested.length} specialisms asked for: ${names(held)}`,
    phase:
      context.schoolPhases.length === 0
        ? 'The school’s phase is not recorded'
        : shared.length > 0
          ? `Supports ${phaseNames(shared)}, the school’s phase`
          : `Supports ${phaseNames(row.phases) || 'no phase recorded'}; the school is ${phaseNames(context.schoolPhases)}`,
    distance:
      row.distanceMiles === null
        ? 'Distance unknown: a school has no recorded position'
        : `${row.distanceMiles.toFixed(1)} miles from the school${row.distanceMiles >= context.weights.maxDistanceMiles ? ` (${context.weights.maxDistanceMiles} miles or more counts for nothing)` : ''}`,
    capacity:
      row.releasedHalfDays === null
        ? `No release agreed by their school for ${year}`
        : left <= 0
          ? `Release for ${year} fully committed (${formatHalfDays(row.committedHalfDays)} of ${formatHalfDays(row.releasedHalfDays)})`
          : `${formatHalfDays(left)} of ${formatHalfDays(row.releasedHalfDays)} release left in ${year}`,
    history:
      row.supportGiven > 0
        ? `Has supported this school before (${row.supportGiven} ${row.supportGiven === 1 ? 'agreement' : 'agreements'})`
        : 'Has not supported this school before',
    priority:
      context.priorityReasons.length === 0
        ? 'Not a priority school'
        : `Priority school (${list(context.priorityReasons.map((reason) => PRIORITY_REASON_LABELS[reason].toLowerCase()))}): favours experience; designated ${years < 1 ? 'under a year' : `${wholeYears} ${wholeYears === 1 ? 'year' : 'years'}`}`,
  };
}

/** A ranked row with every reason explained, its points shown, and anything to be careful of. */
export function explain(row: RankedRow, context: ExplainContext): RankedLeader {
  const texts = sentences(row, context);
  const reasons = COMPONENTS.map((component) => {
    const weight = context.weights[component];
    const score = row.scores[component];
    return {
      component,
      label: COMPONENT_LABELS[component],
      weight,
      score,
      points: Math.round(weight * score * 10) / 10,
      text: texts[component],
    };
  });
  const warnings: string[] = [];
  if (row.reviewDue && row.reviewDue < context.today)
    warnings.push(`Designation review was due on ${formatLongDate(row.reviewDue)}`);
  // Core training follows designation: a leader may be proposed before it, but the coordinator should know.
  if (row.trainingDue) warnings.push('Training due');
  if (row.releasedHalfDays !== null && row.committedHalfDays > row.releasedHalfDays) {
    warnings.push(`Already committed beyond the release their school agreed for ${context.academicYearName}`);
  }
  return {
    leaderId: row.leaderId,
    name: row.name,
    listed: row.listed,
    types: row.types,
    homeSchool: row.homeSchool,
    distanceMiles: row.distanceMiles === null ? null : Math.round(row.distanceMiles * 10) / 10,
    score: Math.round(row.total * 1000) / 10,
    reasons,
    warnings,
  };
}

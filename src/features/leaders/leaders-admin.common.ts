import type { FastifyRequest } from 'fastify';
import { dateInputItems, datePartsOf } from '../../platform/date-input.ts';
import { describeSchool } from '../schools/schools.service.ts';
import type { LeaderAdminService, LeaderRecord } from './leaders-admin.service.ts';
import type { SchoolService } from '../schools/schools.service.ts';
import type { SpecialismService } from '../specialisms/specialisms.service.ts';
import type { DesignationValues, LeaderDetailsValues, LeaderFormErrors } from './leaders-admin.schema.ts';
import {
  DESIGNATION_ABBREVIATIONS,
  DESIGNATION_LABELS,
  DESIGNATION_STATUS_LABELS,
  PHASE_LABELS,
} from './leaders.schema.ts';
import { DESIGNATION_STATUSES, DESIGNATION_TYPES, PHASES, type DesignationType } from './leaders.model.ts';
import { parseId } from '../../platform/http/requests.ts';
import type { LeaderReviews } from './leader-reviews.ts';

/** What the staff pages about leaders share: finding the leader in the URL, labels, form pieces. */

export type WithId = FastifyRequest<{ Params: { id: string } }>;

/** What the staff pages about leaders use. */
export type LeaderAdminRouteServices = {
  leadersAdmin: LeaderAdminService;
  specialisms: SpecialismService;
  schools: SchoolService;
  rosterMaxBytes: number;
  /** The leader's designation reviews for their page; none are listed without it. */
  leaderReviews?: LeaderReviews;
};
export const LABELS = {
  designationLabels: DESIGNATION_LABELS,
  abbreviations: DESIGNATION_ABBREVIATIONS,
  statusLabels: DESIGNATION_STATUS_LABELS,
  phaseLabels: PHASE_LABELS,
};

/** A form refused before its handler ran (expired, or too many requests): shown again, nothing lost. */
export function expiredFormErrors(firstField: string): LeaderFormErrors {
  return {
    summary: [
      { text: 'This form had expired, so nothing was saved. Check your answers and try again', href: `#${firstField}` },
    ],
    fields: {},
    dateParts: {},
  };
}

/** The leader the URL names, in this alliance, or undefined (a 404). */
export async function leaderFrom(
  services: Pick<LeaderAdminRouteServices, 'leadersAdmin'>,
  request: FastifyRequest,
): Promise<LeaderRecord | undefined> {
  const id = parseId((request.params as { id?: unknown }).id);
  return id === undefined ? undefined : services.leadersAdmin.find(id);
}

export function valuesOf(leader: LeaderRecord): LeaderDetailsValues {
  return {
    name: leader.name,
    email: leader.email,
    jobTitle: leader.jobTitle ?? '',
    homeSchool: describeSchool(leader.homeSchool),
    homeSchoolUrn: '',
    profile: leader.profile,
    phases: leader.phases,
    specialisms: leader.specialisms.map((specialism) => specialism.name),
    listed: leader.listed ? 'yes' : 'no',
    listedConsentOn: datePartsOf(leader.listedConsentOn),
  };
}

export function phaseItems(chosen: string[]) {
  return PHASES.map((phase) => ({ value: phase, text: PHASE_LABELS[phase], checked: chosen.includes(phase) }));
}

/**
 * The designation fields' items and errors, for the designation form and the add-a-leader form.
 * `types` are the types that may be chosen (all but those held); none when the type is fixed.
 */
export function designationFormContext(
  values: DesignationValues,
  errors: LeaderFormErrors | undefined,
  types: readonly DesignationType[] = DESIGNATION_TYPES,
) {
  return {
    typeItems: types.map((type) => ({
      value: type,
      text: `${DESIGNATION_ABBREVIATIONS[type]}: ${DESIGNATION_LABELS[type]}`,
      checked: values.type === type,
    })),
    statusItems: DESIGNATION_STATUSES.map((status) => ({
      value: status,
      text: DESIGNATION_STATUS_LABELS[status],
      checked: values.status === status,
    })),
    startItems: dateInputItems(values.startDate, errors?.dateParts.startDate),
    reviewItems: dateInputItems(values.reviewDate, errors?.dateParts.reviewDate),
  };
}

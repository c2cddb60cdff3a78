import { z } from 'zod';
import { idNumber } from '../../platform/ids.ts';
import { isCalendarDate } from '../../platform/calendar/calendar-date.ts';
import { DESIGNATION_STATUSES, DESIGNATION_TYPES, PHASES } from './leaders.model.ts';

export const DESIGNATION_LABELS = {
  sle: 'Specialist Leader of Education',
  lle: 'Local Leader of Education',
  nle: 'National Leader of Education',
} as const;

export const DESIGNATION_ABBREVIATIONS = { sle: 'SLE', lle: 'LLE', nle: 'NLE' } as const;

export const DESIGNATION_STATUS_LABELS = {
  applicant: 'Applicant',
  designated: 'Designated',
  'under-review': 'Under review',
  lapsed: 'Lapsed',
  withdrawn: 'Withdrawn',
} as const;

export const PHASE_LABELS = {
  'early-years': 'Early years',
  primary: 'Primary',
  secondary: 'Secondary',
  'post-16': 'Post-16',
  special: 'Special schools',
  'alternative-provision': 'Alternative provision',
} as const;

const calendarDate = (message: string) => z.string({ error: message }).trim().refine(isCalendarDate, message);

export const designationSchema = z.object({
  type: z.enum(DESIGNATION_TYPES, { error: 'Designation type must be SLE, LLE or NLE' }),
  status: z
    .enum(DESIGNATION_STATUSES, { error: `Status must be one of: ${DESIGNATION_STATUSES.join(', ')}` })
    .default('designated'),
  startDate: calendarDate('Enter the designation date as a real date, like 2024-09-01'),
  reviewDate: calendarDate('Enter the review date as a real date, like 2028-09-01').nullish(),
});

/** A system leader as the alliance records them, from a form or a roster. */
export const leaderInputSchema = z.object({
  name: z
    .string({ error: 'Enter the leader’s name' })
    .trim()
    .min(1, 'Enter the leader’s name')
    .max(120, 'Name must be 120 characters or fewer'),
  email: z
    .string({ error: 'Enter an email address' })
    .trim()
    .min(1, 'Enter an email address')
    .max(254, 'Email address must be 254 characters or fewer')
    .pipe(z.email('Enter an email address in the correct format, like name@example.com')),
  jobTitle: z.string().trim().max(120, 'Job title must be 120 characters or fewer').nullish(),
  homeSchoolUrn: idNumber('Enter the home school’s URN'),
  profile: z.string().trim().max(1500, 'Profile must be 1500 characters or fewer').default(''),
  phases: z.array(z.enum(PHASES, { error: `Phases must be from: ${PHASES.join(', ')}` })).default([]),
  listed: z.boolean().default(false),
  /** The day the leader agreed to be listed, when known. */
  listedConsentOn: calendarDate(
    'Enter the date consent to be listed was given as a real date, like 2025-03-01',
  ).nullish(),
  specialisms: z.array(z.string().trim().min(1).max(100)).max(30, 'Choose at most 30 specialisms').default([]),
  designations: z.array(designationSchema).min(1, 'Add at least one designation').max(3),
});

export type LeaderInput = z.output<typeof leaderInputSchema>;

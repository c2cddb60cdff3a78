import type { NewAlliance } from '../platform/alliance/alliance.repository.ts';

/**
 * The alliance this service was built for. Email and website are placeholders on the reserved
 * `.example` domain until the alliance confirms its own; all of these are settings, not page text.
 */
export const SOUTH_LIVERPOOL_SCHOOLS_TOGETHER: NewAlliance = {
  slug: 'south-liverpool',
  name: 'South Liverpool Schools Together',
  addressLines: ['c/o Palmerston School', 'Minehead Road', 'Liverpool', 'L17 6AU'],
  telephone: '0151 428 2128',
  email: 'support@south-liverpool-schools.example',
  website: 'https://south-liverpool-schools.example',
  leadSchoolUrn: 104748,
  responseWorkingDays: 2,
  cutOffTime: '17:00',
  typicalSleDaysPerYear: 15,
  minimumDeploymentHalfDays: 2,
};

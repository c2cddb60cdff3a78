import type { Database } from '../../db/database.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import { formatLondonDateTime } from '../../platform/calendar/london-time.ts';
import { findPersonRecords, type PersonRecord, type PersonRecords } from './subject-access.repository.ts';

/** The sections of the report, in the order a person would look for them. */
export const SECTION_TITLES: Record<keyof PersonRecords, string> = {
  account: 'Account',
  enquiries: 'Enquiries they made',
  leader: 'System leader record',
  designations: 'Designations',
  releaseConsents: 'Release consents',
  proposals: 'Proposals to them',
  agreements: 'Support agreements they are a party to',
  signatures: 'Signatures they made',
  deliveryLogs: 'Delivery logged on those agreements',
  reviews: 'Reviews of those agreements',
  feedback: 'Feedback on those agreements',
  applications: 'Applications for designation they made',
  applicationEvidence: 'Evidence they gave in those applications',
  applicationDecisions: 'Panel decisions and appeals on those applications',
  requestsAnswered: 'References and release consents asked of them on others’ applications',
  reviewConsents: 'Release consents asked of them in designation reviews',
  emails: 'Emails sent to them',
  auditEntries: 'Audit entries naming them or made by them',
};

export type SubjectAccessReport = {
  email: string;
  generatedAt: string;
  found: boolean;
  records: PersonRecords;
};

export type ReportSection = {
  key: string;
  title: string;
  records: Array<Array<{ label: string; value: string }>>;
};

/** One value as a person reads it. */
function readable(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'Not set';
  if (value instanceof Date) return formatLondonDateTime(value);
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) return formatLondonDateTime(new Date(value));
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.length === 0 ? 'None' : value.map(String).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const labelOf = (column: string) => {
  const words = column.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * A subject access request answered: everything the service holds about an email address, read
 * from each place it is kept (each by an index), for administrators to send to the person.
 */
export class SubjectAccessService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly clock: { now(): Date },
  ) {}

  async report(email: string): Promise<SubjectAccessReport> {
    const alliance = await this.alliances.current();
    const records = await findPersonRecords(this.db, alliance.id, email);
    const found = Object.values(records).some((rows) => rows.length > 0);
    return { email, generatedAt: this.clock.now().toISOString(), found, records };
  }

  /** The report as the page shows it: sections of records, each a list of labelled values. */
  static sections(report: SubjectAccessReport): ReportSection[] {
    return (Object.keys(SECTION_TITLES) as Array<keyof PersonRecords>).map((key) => ({
      key,
      title: SECTION_TITLES[key],
      records: report.records[key].map((record: PersonRecord) =>
        Object.entries(record).map(([column, value]) => ({ label: labelOf(column), value: readable(value) })),
      ),
    }));
  }
}

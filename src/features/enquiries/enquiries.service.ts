import type { Database } from '../../db/database.ts';
import { compareAlphabetically } from '../../platform/alphabetical.ts';
import type { CalendarDate } from '../../platform/calendar/calendar-date.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import type { Outbox } from '../../platform/outbox/outbox.service.ts';
import type { DirectoryService } from '../directory/directory.service.ts';
import { describeSchool, type School, type SchoolService } from '../schools/schools.service.ts';
import { matchSpecialisms, type SpecialismService } from '../specialisms/specialisms.service.ts';
import { acknowledgementEmail, notificationEmail } from './enquiries.emails.ts';
import {
  findEnquiryByReference,
  findEnquiryBySubmissionToken,
  insertEnquiry,
  insertEnquirySpecialisms,
  type EnquiryRow,
} from './enquiries.repository.ts';
import type { EnquirySubmission } from './enquiries.schema.ts';
import { recordArrival } from './enquiry-lifecycle.service.ts';
import { newEnquiryReference } from './enquiry-reference.ts';

export type Enquiry = EnquiryRow;

export type SubmittedEnquiry = { reference: string; respondBy: CalendarDate; school: School };

export type SubmitOutcome = { ok: true; enquiry: SubmittedEnquiry } | { ok: false; problems: FieldProblem[] };

/** A clash of two random references is rare; several in a row means something else is wrong. */
const REFERENCE_ATTEMPTS = 5;

export class EnquiryService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly schools: SchoolService,
    private readonly specialisms: SpecialismService,
    private readonly directory: DirectoryService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores a school's request for support with its respond-by date, and queues the acknowledgement
   * to the school and the notification to the alliance in the same transaction: once this returns,
   * the enquiry is on disk, whatever happens to the email.
   */
  async submit(
    submission: EnquirySubmission,
    channel: 'form' | 'api',
    options: { submissionToken?: string } = {},
  ): Promise<SubmitOutcome> {
    const alliance = await this.alliances.current();
    // The form's one-time token: the same form sent again answers with the enquiry it made the first time.
    const submissionToken = options.submissionToken ?? null;
    const already = await this.alreadySent(alliance.id, submissionToken);
    if (already) return { ok: true, enquiry: already };
    const problems: FieldProblem[] = [];

    const school = await this.schools.find(submission.schoolUrn);
    if (!school)
      problems.push({
        field: 'schoolUrn',
        message: `No school in England has the URN ${submission.schoolUrn}. Check the URN and try again`,
      });
    else if (school.status === 'closed')
      problems.push({ field: 'schoolUrn', message: `${describeSchool(school)} is closed. Choose an open school` });

    const { matched, unknown } = matchSpecialisms(await this.specialisms.active(), submission.specialisms);
    if (unknown.length > 0) {
      problems.push({
        field: 'specialisms',
        message: `${unknown.map((name) => `‘${name}’`).join(', ')} ${unknown.length === 1 ? 'is not a specialism' : 'are not specialisms'} we offer. Choose from the list`,
      });
    }
    const requestedLeader = submission.leaderId ? await this.directory.findListed(submission.leaderId) : undefined;
    if (submission.leaderId && !requestedLeader)
      problems.push({ field: 'leaderId', message: `No leader in the directory has the id ${submission.leaderId}` });
    if (problems.length > 0 || !school) return { ok: false, problems };

    const receivedAt = this.clock.now();
    const calendar = await this.alliances.calendar();
    const deadline = calendar.respondBy(receivedAt, {
      workingDays: alliance.responseWorkingDays,
      cutOffTime: alliance.cutOffTime,
    });
    const specialismNames = matched.map((specialism) => specialism.name).sort(compareAlphabetically);

    const sent = await this.db.transaction(async (tx) => {
      for (let attempt = 0; attempt < REFERENCE_ATTEMPTS; attempt++) {
        const candidate = newEnquiryReference();
        const id = await insertEnquiry(tx, {
          allianceId: alliance.id,
          reference: candidate,
          schoolUrn: school.urn,
          contactName: submission.contactName,
          contactRole: submission.contactRole,
          contactEmail: submission.contactEmail,
          contactPhone: submission.contactPhone,
          supportType: submission.supportType,
          need: submission.need,
          timescale: submission.timescale,
          heardFrom: submission.heardFrom,
          requestedLeaderId: requestedLeader?.id ?? null,
          channel,
          receivedAt,
          respondBy: deadline.date,
          statusChangedAt: receivedAt,
          submissionToken,
        });
        if (id === undefined) {
          // The same form sent twice at once: the other request made the enquiry, and its emails.
          const other = submissionToken
            ? await findEnquiryBySubmissionToken(tx, alliance.id, submissionToken)
            : undefined;
          if (other) return { reference: other.reference, respondBy: other.respondBy, repeated: true };
          continue;
        }
        await insertEnquirySpecialisms(
          tx,
          id,
          matched.map((specialism) => specialism.id),
        );
        await recordArrival(tx, { id, allianceId: alliance.id, receivedAt, respondBy: deadline.date });
        const facts = {
          reference: candidate,
          respondBy: deadline.date,
          school,
          submission,
          specialismNames,
          requestedLeader,
        };
        await this.outbox.queue(tx, acknowledgementEmail(alliance, facts));
        await this.outbox.queue(tx, notificationEmail(alliance, facts));
        return { reference: candidate, respondBy: deadline.date, repeated: false };
      }
      throw new Error(`No free enquiry reference after ${REFERENCE_ATTEMPTS} attempts`);
    });
    if (!sent.repeated) this.outbox.nudge();
    return { ok: true, enquiry: { reference: sent.reference, respondBy: sent.respondBy, school } };
  }

  /** The enquiry this form (by its one-time token) already made, as its first sending answered. */
  private async alreadySent(allianceId: number, token: string | null): Promise<SubmittedEnquiry | undefined> {
    const enquiry = token ? await findEnquiryBySubmissionToken(this.db, allianceId, token) : undefined;
    const school = enquiry ? await this.schools.find(enquiry.schoolUrn) : undefined;
    return enquiry && school ? { reference: enquiry.reference, respondBy: enquiry.respondBy, school } : undefined;
  }

  async findByReference(reference: string): Promise<Enquiry | undefined> {
    const alliance = await this.alliances.current();
    return findEnquiryByReference(this.db, alliance.id, reference);
  }
}

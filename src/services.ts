import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { Clock } from './platform/clock.ts';
import { AccountLinkService } from './features/accounts/account-links.service.ts';
import { SessionService } from './features/accounts/sessions.service.ts';
import { SignInService } from './features/accounts/sign-in.service.ts';
import { UserService } from './features/accounts/users.service.ts';
import { AllianceSettingsService } from './features/alliance/alliance-settings.service.ts';
import { AgreementEditingService } from './features/agreements/agreement-editing.service.ts';
import { AgreementSigningService } from './features/agreements/agreement-signing.service.ts';
import { AgreementService } from './features/agreements/agreements.service.ts';
import { AllianceService } from './features/alliance/alliance.service.ts';
import { EnquiryDeskService } from './features/desk/desk.service.ts';
import { EnquiryReminders } from './features/desk/reminders.service.ts';
import { EnquiryService } from './features/enquiries/enquiries.service.ts';
import { FeedbackService } from './features/feedback/feedback.service.ts';
import { LeaderAdminService } from './features/leaders/leaders-admin.service.ts';
import { SchoolRegisterService } from './features/schools/schools-upload.service.ts';
import type { Mailer } from './features/outbox/mailer.ts';
import { releasePositions, supportGiven } from './features/matching/matching.sources.ts';
import { MatchingService } from './features/matching/matching.service.ts';
import { Outbox } from './features/outbox/outbox.service.ts';
import { ProposalService } from './features/proposals/proposals.service.ts';
import { ReleaseService } from './features/release/release.service.ts';
import { ReviewService } from './features/reviews/reviews.service.ts';
import { DeliveryService } from './features/visits/visits.service.ts';
import { SpecialismAdminService } from './features/specialisms/specialisms-admin.service.ts';
import { ImportLocks } from './features/uploads/uploads.service.ts';

/** Everything the app needs from outside: tests pass their own database, clock and mailer. */
export type AppDependencies = {
  config: Config;
  db: Database;
  clock: Clock;
  /** Undefined when no SMTP server is configured: email then waits in the outbox. */
  mailer: Mailer | undefined;
};

/** The capabilities' services, built once per app and shared by its routes. */
export type Services = ReturnType<typeof buildServices>;

export function buildServices(dependencies: AppDependencies, log: FastifyBaseLogger) {
  const { config, db, clock, mailer } = dependencies;
  const alliances = new AllianceService(db, config.allianceSlug, clock);
  const allianceSettings = new AllianceSettingsService(db, alliances, clock);
  const outbox = new Outbox(db, mailer, clock, log);
  const enquiries = new EnquiryService(db, alliances, outbox, clock);
  const specialisms = new SpecialismAdminService(db, alliances, clock);
  const sessions = new SessionService(db, alliances, clock);
  const signIn = new SignInService(db, alliances, sessions, clock, config.signInFailuresPerIp);
  const accountLinks = new AccountLinkService(db, alliances, outbox, sessions, clock, config.baseUrl);
  const users = new UserService(db, alliances, accountLinks, sessions, outbox, clock);
  const desk = new EnquiryDeskService(db, alliances, clock);
  const reminders = new EnquiryReminders(db, alliances, outbox, clock, log, { timeOfDay: config.reminderTime, baseUrl: config.baseUrl });
  const importLocks = new ImportLocks(db, clock);
  const leadersAdmin = new LeaderAdminService(db, alliances, importLocks, clock);
  const schoolRegister = new SchoolRegisterService(db, alliances, importLocks, clock);
  const matching = new MatchingService(db, alliances, clock, { releasePositions, supportGiven });
  const proposals = new ProposalService(db, alliances, matching, outbox, clock, config.baseUrl);
  const agreements = new AgreementService(db, alliances, clock);
  const agreementEditing = new AgreementEditingService(db, alliances, clock);
  const agreementSigning = new AgreementSigningService(db, alliances, clock);
  const release = new ReleaseService(db, alliances, clock);
  const reviews = new ReviewService(db, alliances, agreements, clock);
  // Asks after the coordinators' reminder, so a morning's emails go out together.
  const feedback = new FeedbackService(db, alliances, reviews, outbox, clock, log, { timeOfDay: config.reminderTime, baseUrl: config.baseUrl });
  const delivery = new DeliveryService(db, agreements, clock);
  return {
    config,
    db,
    clock,
    alliances,
    allianceSettings,
    outbox,
    enquiries,
    sessions,
    signIn,
    accountLinks,
    users,
    specialisms,
    desk,
    reminders,
    importLocks,
    leadersAdmin,
    schoolRegister,
    matching,
    proposals,
    agreements,
    agreementEditing,
    agreementSigning,
    release,
    reviews,
    feedback,
    delivery,
  };
}

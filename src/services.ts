import type { FastifyBaseLogger } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { Clock } from './platform/clock.ts';
import { AccountLinkService } from './features/accounts/account-links.service.ts';
import { SessionService } from './platform/identity/sessions.service.ts';
import { SignInService } from './features/accounts/sign-in.service.ts';
import { affiliationsOf, UserService } from './features/accounts/users.service.ts';
import { LeaderService } from './features/leaders/leaders.service.ts';
import { SchoolService } from './features/schools/schools.service.ts';
import { UserDirectory } from './platform/identity/users.service.ts';
import { TermDatesService } from './features/settings/term-dates.service.ts';
import { AllianceSettingsService } from './features/settings/settings.service.ts';
import { AgreementEditingService } from './features/agreements/agreement-editing.service.ts';
import { AgreementSigningService } from './features/agreements/agreement-signing.service.ts';
import { AgreementService } from './features/agreements/agreements.service.ts';
import { AllianceService } from './platform/alliance/alliance.service.ts';
import { EnquiryDeskService } from './features/enquiries/desk.service.ts';
import { EnquiryReminders } from './features/enquiries/reminders.service.ts';
import { EnquiryService } from './features/enquiries/enquiries.service.ts';
import { FeedbackService } from './features/feedback/feedback.service.ts';
import { LeaderAdminService } from './features/leaders/leaders-admin.service.ts';
import { SchoolRegisterService } from './features/schools/schools-upload.service.ts';
import type { Mailer } from './platform/outbox/mailer.ts';
import { MatchingService } from './features/matching/matching.service.ts';
import { Outbox } from './platform/outbox/outbox.service.ts';
import { OutboxAdmin } from './platform/outbox/outbox-admin.service.ts';
import { ProposalService } from './features/proposals/proposals.service.ts';
import { ReleaseService } from './features/release/release.service.ts';
import { moveOpenResponseDeadlines } from './features/enquiries/response-deadlines.service.ts';
import { ReviewService } from './features/reviews/reviews.service.ts';
import { DeliveryService } from './features/visits/visits.service.ts';
import { DesignationRulesService } from './features/designation/designation-rules.service.ts';
import { RecruitmentRoundService } from './features/designation/recruitment-rounds.service.ts';
import { DesignationOutcomeService } from './features/designation/designation-outcomes.service.ts';
import { DesignatedLeaderService } from './features/leaders/designated-leaders.service.ts';
import { StaffApplicationsService } from './features/designation/staff-applications.service.ts';
import { PanelService } from './features/designation/panels.service.ts';
import { PanelScoringService } from './features/designation/panel-scoring.service.ts';
import { PanelMemberService } from './features/designation/panel-members.service.ts';
import { PanelDecisionService, type OnDesignated } from './features/designation/panel-decisions.service.ts';
import { AppealService } from './features/designation/appeals.service.ts';
import { DesignationReviewService } from './features/designation/designation-reviews.service.ts';
import { ReviewConsentService } from './features/designation/review-consent.service.ts';
import { ReviewAppealService } from './features/designation/designation-review-appeals.service.ts';
import { ReviewConsentReminders } from './features/designation/review-consent-reminders.ts';
import { openMovedSchoolReviews } from './features/designation/moved-school-reviews.ts';
import { withdrawProposalsOfLeader } from './features/proposals/leader-proposals.ts';
import { ApplicationRequestsService } from './features/designation/application-requests.service.ts';
import { ApplicationsService } from './features/designation/applications.service.ts';
import { SpecialismAdminService } from './features/specialisms/specialisms-admin.service.ts';
import { DirectoryService } from './features/directory/directory.service.ts';
import { SpecialismService } from './features/specialisms/specialisms.service.ts';
import { ImportLocks } from './platform/uploads/uploads.service.ts';
import { HealthService } from './platform/health/health.service.ts';
import { RateLimits } from './platform/rate-limits/rate-limits.service.ts';
import { RetentionService } from './features/privacy/retention.service.ts';
import { SubjectAccessService } from './features/privacy/subject-access.service.ts';
import { ErasureService } from './features/privacy/erasure.service.ts';

/** Everything the app needs from outside: tests pass their own database, clock and mailer. */
export type AppDependencies = {
  config: Config;
  db: Database;
  clock: Clock;
  /** Undefined when no SMTP server is configured: email then waits in the outbox. */
  mailer: Mailer | undefined;
  /** Where the log goes: standard output unless given (tests read what was logged). */
  logDestination?: DestinationStream;
};

/**
 * The platform's and the capabilities' services, built once per app. Routes are given only the ones
 * they use (routes.ts); the whole set is for the composition root, the demo seed and tests.
 */
export type Services = ReturnType<typeof buildServices>;

export function buildServices(dependencies: AppDependencies, log: FastifyBaseLogger) {
  const { config, db, clock, mailer } = dependencies;
  const jobs = { timeOfDay: config.reminderTime, baseUrl: config.baseUrl };
  // The platform.
  const alliances = new AllianceService(db, config.allianceSlug, clock);
  const outbox = new Outbox(db, mailer, clock, log);
  const outboxAdmin = new OutboxAdmin(db, outbox, alliances, clock);
  const userDirectory = new UserDirectory(db);
  const importLocks = new ImportLocks(db, clock);
  const health = new HealthService(db);
  const rateLimits = new RateLimits(db, clock, log);
  const sessions = new SessionService(db, alliances, clock, affiliationsOf, config.sessionIdleMinutes * 60_000);
  // The capabilities, each after those it uses (.dependency-cruiser.js LAYERS).
  const allianceSettings = new AllianceSettingsService(db, alliances, clock, moveOpenResponseDeadlines);
  const termDates = new TermDatesService(db, alliances, clock);
  const specialisms = new SpecialismService(db, alliances, clock);
  const schools = new SchoolService(db, alliances);
  const schoolRegister = new SchoolRegisterService(db, alliances, importLocks, clock);
  const leaders = new LeaderService(db);
  // A change of home school opens the 18-month review (a hook: designation is the higher layer).
  const leadersAdmin = new LeaderAdminService(db, alliances, importLocks, clock, openMovedSchoolReviews);
  const designatedLeaders = new DesignatedLeaderService(db, alliances, clock);
  const specialismAdmin = new SpecialismAdminService(db, alliances, specialisms, clock, (tx, id) =>
    leaders.refreshDirectoryEntriesHolding(tx, id),
  );
  const directory = new DirectoryService(db, alliances, specialisms);
  const signIn = new SignInService(db, alliances, userDirectory, sessions, clock, config.signInFailuresPerIp);
  const accountLinks = new AccountLinkService(
    db,
    alliances,
    userDirectory,
    outbox,
    sessions,
    clock,
    config.baseUrl,
    log,
  );
  const users = new UserService(db, alliances, userDirectory, accountLinks, sessions, schools, leaders, outbox, clock);
  const enquiries = new EnquiryService(db, alliances, schools, specialisms, directory, outbox, clock);
  const desk = new EnquiryDeskService(db, alliances, userDirectory, schools, leaders, clock);
  const reminders = new EnquiryReminders(db, alliances, userDirectory, outbox, clock, log, jobs);
  // Before agreements, which print the release consent it records (a hook: release is the higher layer).
  const release = new ReleaseService(db, alliances, clock);
  const agreements = new AgreementService(db, alliances, clock, (allianceId, leaderId, startYear) =>
    release.consentFor(allianceId, leaderId, startYear),
  );
  const agreementEditing = new AgreementEditingService(db, alliances, clock);
  const agreementSigning = new AgreementSigningService(db, alliances, clock);
  const delivery = new DeliveryService(db, alliances, agreements, clock);
  const reviews = new ReviewService(db, alliances, agreements, clock);
  // Asks after the coordinators' reminder, so a morning's emails go out together.
  const feedback = new FeedbackService(db, alliances, agreements, reviews, users, outbox, clock, log, jobs);
  const matching = new MatchingService(db, alliances, specialisms, clock, {
    releasePositions: (allianceId, startYear) => release.positionsTable(allianceId, startYear),
    supportGiven: (tx, allianceId, schoolUrn) => agreements.supportGiven(tx, allianceId, schoolUrn),
  });
  const designationRules = new DesignationRulesService(db, alliances, clock);
  const recruitmentRounds = new RecruitmentRoundService(db, alliances, specialisms, clock);
  const designationOutcomes = new DesignationOutcomeService(
    db,
    alliances,
    designatedLeaders,
    release,
    outbox,
    clock,
    config.baseUrl,
  );
  // An outcome that takes a leader out of matching withdraws their proposals (a hook: proposals is higher).
  const designationReviews = new DesignationReviewService(
    db,
    alliances,
    designationRules,
    leaders,
    release,
    clock,
    withdrawProposalsOfLeader,
  );
  const reviewConsent = new ReviewConsentService(
    db,
    alliances,
    designationReviews,
    schools,
    outbox,
    clock,
    config.baseUrl,
  );
  const reviewAppeals = new ReviewAppealService(db, alliances, designationRules, designationReviews, outbox, clock);
  const applicationRequests = new ApplicationRequestsService(db, alliances, designationRules, outbox, clock, log, jobs);
  const applications = new ApplicationsService(
    db,
    alliances,
    designationRules,
    recruitmentRounds,
    specialisms,
    applicationRequests,
    outbox,
    clock,
    config.baseUrl,
  );
  const staffApplications = new StaffApplicationsService(db, alliances, schools, specialisms, designationRules, clock);
  const panels = new PanelService(db, alliances, users, schools, staffApplications, clock);
  const panelScoring = new PanelScoringService(db, panels, staffApplications, designationRules, clock);
  const panelMembers = new PanelMemberService(db, panels);
  const designate: OnDesignated = async (tx, decision) => {
    await designationOutcomes.designate(tx, decision);
  };
  const panelDecisions = new PanelDecisionService(db, alliances, panels, designationRules, outbox, clock, designate);
  const appeals = new AppealService(db, alliances, designationRules, clock);
  const reviewConsentReminders = new ReviewConsentReminders(db, alliances, schools, outbox, clock, log, jobs);
  const proposals = new ProposalService(db, alliances, specialisms, matching, leaders, outbox, clock, config.baseUrl);
  const retention = new RetentionService(db, alliances, clock, log);
  const subjectAccess = new SubjectAccessService(db, alliances, clock);
  const erasure = new ErasureService(db, alliances, clock);
  return {
    health,
    rateLimits,
    alliances,
    userDirectory,
    schools,
    leaders,
    allianceSettings,
    termDates,
    outbox,
    outboxAdmin,
    enquiries,
    sessions,
    signIn,
    accountLinks,
    users,
    specialisms,
    specialismAdmin,
    directory,
    desk,
    reminders,
    importLocks,
    leadersAdmin,
    schoolRegister,
    matching,
    designationRules,
    recruitmentRounds,
    designatedLeaders,
    designationOutcomes,
    staffApplications,
    panels,
    panelScoring,
    panelMembers,
    panelDecisions,
    appeals,
    designationReviews,
    reviewConsent,
    reviewAppeals,
    reviewConsentReminders,
    applications,
    applicationRequests,
    proposals,
    agreements,
    agreementEditing,
    agreementSigning,
    release,
    reviews,
    feedback,
    delivery,
    retention,
    subjectAccess,
    erasure,
  };
}

import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { registerAccountRoutes } from './features/accounts/accounts.routes.ts';
import { registerUserRoutes } from './features/accounts/users.routes.ts';
import { registerAgreementPageRoutes } from './features/agreement-page/agreement-page.routes.ts';
import { registerAgreementRoutes } from './features/agreements/agreements.routes.ts';
import { registerOpenApiRoutes } from './features/api/openapi.routes.ts';
import { registerDirectoryRoutes } from './features/directory/directory.routes.ts';
import { registerDeskRoutes } from './features/enquiries/desk.routes.ts';
import { registerEnquiryRoutes } from './features/enquiries/enquiries.routes.ts';
import { registerEnquiryPageRoutes } from './features/enquiry-page/enquiry-page.routes.ts';
import { registerFeedbackRoutes } from './features/feedback/feedback.routes.ts';
import { registerLeaderAdminRoutes } from './features/leaders/leaders-admin.routes.ts';
import { registerCoreTrainingRoutes } from './features/leaders/core-training.routes.ts';
import { registerMatchingRoutes } from './features/matching/matching.routes.ts';
import { registerPrivacyRoutes } from './features/privacy/privacy.routes.ts';
import { registerProposalRoutes } from './features/proposals/proposals.routes.ts';
import { registerReleaseRoutes } from './features/release/release.routes.ts';
import { registerReviewsAndFeedbackRoutes } from './features/reviews-and-feedback/reviews-and-feedback.routes.ts';
import { registerReviewRoutes } from './features/reviews/reviews.routes.ts';
import { registerSchoolUploadRoutes } from './features/schools/schools-upload.routes.ts';
import { registerSchoolRoutes } from './features/schools/schools.routes.ts';
import { registerSettingsRoutes } from './features/settings/settings.routes.ts';
import { registerSiteRoutes } from './features/site/site.routes.ts';
import { registerSpecialismRoutes } from './features/specialisms/specialisms.routes.ts';
import { registerDesignationRoutes } from './features/designation/designation.routes.ts';
import { registerListingConsentRoutes } from './features/designation/listing-consent.routes.ts';
import { registerPanelRoutes } from './features/designation/panels.routes.ts';
import { registerDesignationReviewRoutes } from './features/designation/designation-reviews.routes.ts';
import { registerApplyRoutes } from './features/designation/apply.routes.ts';
import { leaderReviewLines } from './features/designation/leader-review-lines.ts';
import { registerStaffHomeRoutes } from './features/staff-home/staff-home.routes.ts';
import { registerVisitRoutes } from './features/visits/visits.routes.ts';
import { registerOutboxRoutes } from './platform/outbox/outbox.routes.ts';
import type { Services } from './services.ts';

/**
 * Every capability's routes, each given only the services (and settings) it uses: no route, handler
 * or page reaches the database or the rest of the app. In the order of .dependency-cruiser.js LAYERS.
 */
export function registerRoutes(app: FastifyInstance, services: Services, config: Config): void {
  const s = services;
  // The platform's own pages.
  registerOutboxRoutes(app, { outboxAdmin: s.outboxAdmin });
  registerSettingsRoutes(app, {
    alliances: s.alliances,
    allianceSettings: s.allianceSettings,
    termDates: s.termDates,
  });
  registerSpecialismRoutes(app, { specialismAdmin: s.specialismAdmin, specialisms: s.specialisms });
  registerSchoolRoutes(app, { schools: s.schools });
  registerSchoolUploadRoutes(app, { schoolRegister: s.schoolRegister, maxBytes: config.schoolsUploadMaxBytes });
  registerLeaderAdminRoutes(app, {
    leadersAdmin: s.leadersAdmin,
    specialisms: s.specialisms,
    schools: s.schools,
    rosterMaxBytes: config.rosterUploadMaxBytes,
    leaderReviews: leaderReviewLines(s.designationReviews),
  });
  registerCoreTrainingRoutes(app, { designatedLeaders: s.designatedLeaders });
  registerAccountRoutes(app, {
    alliances: s.alliances,
    accountLinks: s.accountLinks,
    signIn: s.signIn,
    sessions: s.sessions,
  });
  registerUserRoutes(app, { users: s.users });
  registerDirectoryRoutes(app, { directory: s.directory, specialisms: s.specialisms, baseUrl: config.baseUrl });
  registerEnquiryRoutes(app, {
    enquiries: s.enquiries,
    schools: s.schools,
    specialisms: s.specialisms,
    directory: s.directory,
    ratePerHour: config.enquiryRateLimitPerHour,
  });
  registerDeskRoutes(app, { desk: s.desk, specialisms: s.specialisms, agreements: s.agreements });
  registerAgreementRoutes(app, {
    agreements: s.agreements,
    agreementEditing: s.agreementEditing,
    agreementSigning: s.agreementSigning,
    leaders: s.leaders,
    schools: s.schools,
    specialisms: s.specialisms,
  });
  registerVisitRoutes(app, { delivery: s.delivery, agreements: s.agreements });
  registerReviewRoutes(app, { reviews: s.reviews });
  registerReleaseRoutes(app, { release: s.release });
  registerFeedbackRoutes(app, { feedback: s.feedback });
  registerMatchingRoutes(app, { matching: s.matching });
  registerDesignationRoutes(app, {
    designationRules: s.designationRules,
    rounds: s.recruitmentRounds,
    specialisms: s.specialisms,
  });
  registerListingConsentRoutes(app, { designationOutcomes: s.designationOutcomes });
  registerPanelRoutes(app, {
    staffApplications: s.staffApplications,
    appeals: s.appeals,
    panels: s.panels,
    panelScoring: s.panelScoring,
    panelMembers: s.panelMembers,
    panelDecisions: s.panelDecisions,
  });
  registerDesignationReviewRoutes(app, {
    designationReviews: s.designationReviews,
    reviewConsent: s.reviewConsent,
    reviewAppeals: s.reviewAppeals,
    delivery: s.delivery,
    feedback: s.feedback,
    release: s.release,
  });
  registerApplyRoutes(app, {
    applications: s.applications,
    applicationRequests: s.applicationRequests,
    designationRules: s.designationRules,
    rounds: s.recruitmentRounds,
    specialisms: s.specialisms,
    schools: s.schools,
    alliances: s.alliances,
  });
  registerProposalRoutes(app, { proposals: s.proposals, matching: s.matching, enquiries: s.enquiries });
  // Pages made of several capabilities.
  registerAgreementPageRoutes(app, {
    agreements: s.agreements,
    delivery: s.delivery,
    reviews: s.reviews,
    feedback: s.feedback,
    release: s.release,
  });
  registerEnquiryPageRoutes(app, { desk: s.desk, proposals: s.proposals, agreements: s.agreements });
  registerReviewsAndFeedbackRoutes(app, { reviews: s.reviews, feedback: s.feedback });
  registerStaffHomeRoutes(app, { desk: s.desk, alliances: s.alliances });
  registerPrivacyRoutes(app, { retention: s.retention, subjectAccess: s.subjectAccess, erasure: s.erasure });
  registerSiteRoutes(app, { specialisms: s.specialisms, retention: s.retention });
  registerOpenApiRoutes(app, { baseUrl: config.baseUrl });
}

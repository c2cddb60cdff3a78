import type { FastifyInstance } from 'fastify';
import { hasAnyRole, ROLES, type Role } from '../../platform/access.ts';
import { ROLE_LABELS } from '../accounts/accounts.schema.ts';
import type { EnquiryDeskService } from '../enquiries/desk.service.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';

/** What each role can do, with links to the pages that exist so far. */
const ROLE_TASKS: Record<Role, Array<{ text: string; href?: string }>> = {
  administrator: [
    { text: 'Invite staff, change their roles and deactivate accounts', href: '/staff/users' },
    { text: 'Change the alliance’s details, response target and closure dates', href: '/staff/settings' },
    { text: 'Add, rename, regroup and retire specialisms', href: '/staff/specialisms' },
    { text: 'Answer enquiries from schools', href: '/staff/enquiries' },
    { text: 'Keep the register of system leaders', href: '/staff/leaders' },
    { text: 'Designation reviews: due, overdue and open, and their outcomes', href: '/staff/designation-reviews' },
    {
      text: 'Designation: the rules and criteria applicants are assessed against',
      href: '/staff/designation-settings',
    },
    {
      text: 'Recruitment rounds: when the alliance takes applications for designation',
      href: '/staff/recruitment-rounds',
    },
    { text: 'Applications for designation: their stage and what each still needs', href: '/staff/applications' },
    { text: 'Panels: make them, choose members and chairs, and record decisions', href: '/staff/panels' },
    { text: 'Update the register of schools from Get Information About Schools', href: '/staff/schools/import' },
    { text: 'Support agreements: see them, and sign for the alliance', href: '/staff/agreements' },
    {
      text: 'Delivery: days delivered against agreed, and agreements with no recent activity',
      href: '/staff/delivery',
    },
    { text: 'The release ledger: SLEs’ days released, committed and delivered', href: '/staff/release-ledger' },
    { text: 'Reviews due and schools’ feedback on support', href: '/staff/reviews' },
    { text: 'Privacy: how long records are kept, what is held about a person, and erasure', href: '/staff/privacy' },
    { text: 'Emails: every message the service has sent or queued, read and sent again', href: '/staff/emails' },
  ],
  coordinator: [
    { text: 'Answer enquiries from schools and broker support', href: '/staff/enquiries' },
    { text: 'Support agreements: start, agree and sign them', href: '/staff/agreements' },
    { text: 'Reviews due and schools’ feedback on support', href: '/staff/reviews' },
    { text: 'The release ledger: SLEs’ days released, committed and delivered', href: '/staff/release-ledger' },
    {
      text: 'Delivery: days delivered against agreed, and agreements with no recent activity',
      href: '/staff/delivery',
    },
    { text: 'Keep the register of system leaders: details, designations and listing', href: '/staff/leaders' },
    { text: 'Upload a roster of system leaders', href: '/staff/leaders/roster' },
    { text: 'Applications for designation: their stage and what each still needs', href: '/staff/applications' },
    { text: 'Panels: make them, choose members and chairs, and record decisions', href: '/staff/panels' },
    { text: 'Designation reviews: due, overdue and open, and their outcomes', href: '/staff/designation-reviews' },
  ],
  'system-leader': [
    { text: 'Proposals for you: support the alliance has asked you to give', href: '/staff/proposals' },
    { text: 'Your support agreements', href: '/staff/agreements' },
    { text: 'Your release ledger (for SLEs)', href: '/staff/release-ledger' },
    { text: 'Update your profile in the public directory', href: '/staff/my-profile' },
  ],
  'school-contact': [
    { text: 'See your school’s enquiries', href: '/staff/your-school/enquiries' },
    { text: 'Your school’s support agreements: read and sign them', href: '/staff/agreements' },
  ],
  'panel-member': [
    { text: 'Your panels: read the applications, score them, and (as chair) record decisions', href: '/staff/panels' },
  ],
};

/** The staff home: what each of the person's roles can do, with the desk's figures for those who work it. */
export function registerStaffHomeRoutes(
  app: FastifyInstance,
  services: { desk: EnquiryDeskService; alliances: AllianceService },
): void {
  app.get('/staff', { config: { access: ROLES } }, async (request, reply) => {
    const roles = request.user?.roles ?? [];
    // The enquiry desk's figures, for the people who work it: each links to the queue, filtered.
    const desk =
      request.user && hasAnyRole(request.user, ['coordinator', 'administrator'])
        ? await services.desk.counts(request.user)
        : undefined;
    const administrator = request.user && hasAnyRole(request.user, ['administrator']);
    return reply.render('staff-home/views/staff-home.njk', {
      desk,
      bankHolidaysRunningOut: administrator ? await services.alliances.bankHolidaysRunningOut() : undefined,
      sections: ROLES.filter((role) => roles.includes(role)).map((role) => ({
        role,
        ...ROLE_LABELS[role],
        tasks: ROLE_TASKS[role],
      })),
    });
  });
}

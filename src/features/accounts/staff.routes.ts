import type { FastifyInstance } from 'fastify';
import { ROLES, type Role } from '../../platform/access.ts';
import type { Services } from '../../services.ts';
import { ROLE_LABELS } from './accounts.schema.ts';

/** What each role can do, with links to the pages that exist so far. */
const ROLE_TASKS: Record<Role, Array<{ text: string; href?: string }>> = {
  administrator: [
    { text: 'Invite staff, change their roles and deactivate accounts', href: '/staff/users' },
    { text: 'Change the alliance’s details, response target and closure dates', href: '/staff/settings' },
    { text: 'Add, rename, regroup and retire specialisms', href: '/staff/specialisms' },
    { text: 'Support agreements: see them, and sign for the alliance', href: '/staff/agreements' },
  ],
  coordinator: [
    { text: 'Answer enquiries from schools and broker support' },
    { text: 'Support agreements: start, agree and sign them', href: '/staff/agreements' },
    { text: 'The release ledger: SLEs’ days released, committed and delivered', href: '/staff/release-ledger' },
    { text: 'See the history of changes to records' },
  ],
  'system-leader': [
    { text: 'Your support agreements', href: '/staff/agreements' },
    { text: 'Your release ledger', href: '/staff/release-ledger' },
  ],
  'school-contact': [
    { text: 'Your school’s support agreements: read and sign them', href: '/staff/agreements' },
    { text: 'See your school’s enquiries' },
  ],
};

export function registerStaffRoutes(app: FastifyInstance, _services: Services): void {
  app.get('/staff', { config: { access: ROLES } }, async (request, reply) => {
    const roles = request.user?.roles ?? [];
    return reply.render('accounts/views/staff-home.njk', {
      sections: ROLES.filter((role) => roles.includes(role)).map((role) => ({ role, ...ROLE_LABELS[role], tasks: ROLE_TASKS[role] })),
    });
  });
}

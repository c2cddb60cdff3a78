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
    { text: 'Keep the register of system leaders', href: '/staff/leaders' },
    { text: 'Update the register of schools from Get Information About Schools', href: '/staff/schools/import' },
  ],
  coordinator: [
    { text: 'Keep the register of system leaders: details, designations and listing', href: '/staff/leaders' },
    { text: 'Upload a roster of system leaders', href: '/staff/leaders/roster' },
    { text: 'Answer enquiries from schools and broker support' },
  ],
  'system-leader': [{ text: 'Update your profile in the public directory', href: '/staff/my-profile' }, { text: 'See and update your own support work' }],
  'school-contact': [{ text: 'See your school’s enquiries and support' }],
};

export function registerStaffRoutes(app: FastifyInstance, _services: Services): void {
  app.get('/staff', { config: { access: ROLES } }, async (request, reply) => {
    const roles = request.user?.roles ?? [];
    return reply.render('accounts/views/staff-home.njk', {
      sections: ROLES.filter((role) => roles.includes(role)).map((role) => ({ role, ...ROLE_LABELS[role], tasks: ROLE_TASKS[role] })),
    });
  });
}

/** What the audit trail and the pages call each field of a user. */
export const USER_FIELD_LABELS: Record<string, string> = {
  email: 'Email address',
  name: 'Name',
  jobTitle: 'Job title',
  roles: 'Roles',
  schoolUrn: 'School URN',
  leaderId: 'System leader record',
  status: 'Status',
  password: 'Password',
};

export const USER_ACTIONS: Record<string, string> = {
  created: 'Account created',
  invited: 'Invited',
  'invitation-resent': 'Invitation sent again',
  'invitation-accepted': 'Invitation accepted and password set',
  'password-reset': 'Password reset by email',
  'roles-changed': 'Roles changed',
  deactivated: 'Deactivated',
  reactivated: 'Reactivated',
};

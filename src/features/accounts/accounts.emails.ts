import type { Alliance } from '../../platform/alliance/alliance.service.ts';
import type { QueuedEmail } from '../../platform/outbox/outbox.service.ts';

const signature = (alliance: Alliance) => ['', alliance.name, alliance.telephone, alliance.email];

/** To a new member of staff: the link to set their password, and how long it lasts. */
export function invitationEmail(
  alliance: Alliance,
  to: { email: string; name: string },
  link: string,
  expires: string,
): QueuedEmail {
  return {
    kind: 'account-invitation',
    to: to.email,
    replyTo: alliance.email,
    subject: `Your account for ${alliance.name} school-to-school support`,
    body: [
      `Dear ${to.name},`,
      '',
      `You have been given an account for ${alliance.name}'s school-to-school support service.`,
      '',
      'To start, create your password by following this link:',
      link,
      '',
      `The link works once, until ${expires}. If it has expired, ask an administrator to send a new one.`,
      'If you were not expecting this email, you can ignore it.',
      ...signature(alliance),
    ].join('\n'),
  };
}

/** To someone who asked to reset their password. Sent only when the account exists. */
export function passwordResetEmail(
  alliance: Alliance,
  to: { email: string; name: string },
  link: string,
  expires: string,
): QueuedEmail {
  return {
    kind: 'password-reset',
    to: to.email,
    replyTo: alliance.email,
    subject: `Reset your password for ${alliance.name} school-to-school support`,
    body: [
      `Dear ${to.name},`,
      '',
      'Someone asked to reset the password of your account. If it was you, follow this link to choose a new password:',
      link,
      '',
      `The link works once, until ${expires}.`,
      'If you did not ask for this, you can ignore this email: your password has not changed.',
      ...signature(alliance),
    ].join('\n'),
  };
}

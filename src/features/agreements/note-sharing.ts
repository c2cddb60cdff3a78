import { hasAnyRole, type CurrentUser } from '../../platform/access.ts';
import { NOTE_SHARING, type AgreementKind, type NoteSharing } from './agreements.model.ts';
import { ALLIANCE_STAFF } from './agreements.service.ts';

export { NOTE_SHARING, type NoteSharing };

export const NOTE_SHARING_LABELS: Record<NoteSharing, string> = {
  alliance: 'The alliance only',
  'alliance-and-leader': 'The alliance and the leader',
  everyone: 'Everyone on the agreement, including the supported school',
};

export const NOTE_SHARING_HINTS: Record<NoteSharing, string> = {
  alliance: 'Coordinators and administrators',
  'alliance-and-leader': 'Coordinators, administrators and the system leader on this agreement',
  everyone: 'Also the contacts at the supported school and at the leader’s own school',
};

/** An LLE placement coaches a head: its notes stay off the supported school's pages unless chosen. */
export function defaultNoteSharing(kind: AgreementKind): NoteSharing {
  return kind === 'lle-placement' ? 'alliance-and-leader' : 'everyone';
}

export function isNoteSharing(value: string): value is NoteSharing {
  return (NOTE_SHARING as readonly string[]).includes(value);
}

/**
 * Whether `user`, who may already see the agreement, may read a note on it. The writer always reads
 * their own note, so a leader who shares a note with the alliance only can still see what they wrote.
 */
export function maySeeNote(
  user: CurrentUser,
  agreement: { leaderId: number },
  note: { sharedWith: NoteSharing; writtenByUserId: number },
): boolean {
  if (hasAnyRole(user, ALLIANCE_STAFF) || note.writtenByUserId === user.id) return true;
  if (note.sharedWith === 'everyone') return true;
  const isLeader = user.roles.includes('system-leader') && user.leaderId === agreement.leaderId;
  return note.sharedWith === 'alliance-and-leader' && isLeader;
}

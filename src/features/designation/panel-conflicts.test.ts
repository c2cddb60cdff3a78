import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conflictOf, membersWhoDecided, type SchoolTie } from './panel-conflicts.ts';

const school = (urn: number, trust: string | null = null): SchoolTie => ({
  urn,
  trustReference: trust,
  trustName: trust ? `${trust} Trust` : null,
});

test('a member from the applicant’s own school does not score them', () => {
  const conflict = conflictOf({ member: school(1, 'T1'), applicant: school(1, 'T1'), declared: undefined });
  assert.deepEqual(conflict, { reason: 'same-school', explanation: 'You work at the applicant’s school' });
});

test('a member from another school of the applicant’s trust does not score them, and is told which trust', () => {
  const conflict = conflictOf({ member: school(2, 'T1'), applicant: school(1, 'T1'), declared: undefined });
  assert.equal(conflict?.reason, 'same-trust');
  assert.match(conflict!.explanation, /T1 Trust/);
});

test('schools with no trust are not in the same trust', () => {
  assert.equal(conflictOf({ member: school(2), applicant: school(1), declared: undefined }), undefined);
  assert.equal(conflictOf({ member: school(2, 'T2'), applicant: school(1, 'T1'), declared: undefined }), undefined);
});

test('a member with no school on their account has only the conflicts they declare', () => {
  assert.equal(conflictOf({ member: null, applicant: school(1, 'T1'), declared: undefined }), undefined);
  assert.deepEqual(conflictOf({ member: null, applicant: school(1), declared: { reason: 'Coached them' } }), {
    reason: 'declared',
    explanation: 'You declared a conflict: Coached them',
  });
});

test('the school is named before the trust, and both before a declared conflict', () => {
  const both = conflictOf({ member: school(1, 'T1'), applicant: school(1, 'T1'), declared: { reason: 'Friend' } });
  assert.equal(both?.reason, 'same-school');
  const trust = conflictOf({ member: school(2, 'T1'), applicant: school(1, 'T1'), declared: { reason: 'Friend' } });
  assert.equal(trust?.reason, 'same-trust');
});

test('no member of the deciding panel may sit on the panel hearing the appeal', () => {
  assert.deepEqual(membersWhoDecided([1, 2, 3], [3, 4, 5]), [3]);
  assert.deepEqual(membersWhoDecided([1, 2], [3, 4]), []);
  assert.deepEqual(membersWhoDecided([], [3]), []);
});

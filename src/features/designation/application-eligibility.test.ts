import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  countWords,
  evidenceProblem,
  headshipRefusal,
  otherAllianceRefusal,
  refusalReason,
  REFUSALS,
  roleRefusal,
  specialismsProblem,
  type HeadshipAnswers,
} from './application-eligibility.ts';
import { DEFAULT_RULES } from './designation.model.ts';

const rules = DEFAULT_RULES;

describe('who may apply to be an SLE', () => {
  test('a middle or senior leader with the years in leadership may', () => {
    assert.equal(roleRefusal('sle', { role: 'middle-leader', leadershipYears: 2 }, rules), undefined);
    assert.equal(roleRefusal('sle', { role: 'senior-leader', leadershipYears: 10 }, rules), undefined);
    assert.equal(roleRefusal('sle', { role: 'deputy-headteacher', leadershipYears: 3 }, rules), undefined);
  });

  test('a headteacher, acting or executive headteacher may not', () => {
    for (const role of ['headteacher', 'acting-headteacher', 'executive-headteacher'] as const)
      assert.equal(roleRefusal('sle', { role, leadershipYears: 12 }, rules), 'sle-headteacher', role);
  });

  test('a higher level teaching assistant is never eligible, for any designation', () => {
    for (const type of ['sle', 'lle', 'nle'] as const)
      assert.equal(roleRefusal(type, { role: 'hlta', leadershipYears: 20 }, rules), 'hlta');
  });

  test('under the alliance’s years in leadership is refused, by the alliance’s own figure', () => {
    assert.equal(roleRefusal('sle', { role: 'middle-leader', leadershipYears: 1 }, rules), 'sle-leadership-years');
    const stricter = { ...rules, sleMinimumLeadershipYears: 4 };
    assert.equal(roleRefusal('sle', { role: 'middle-leader', leadershipYears: 3 }, stricter), 'sle-leadership-years');
    assert.match(refusalReason('sle-leadership-years', stricter), /at least 4 years in a leadership role/);
  });

  test('needs a specialism from the alliance’s list; an LLE need not choose one', () => {
    const list = new Set([1, 2]);
    assert.equal(specialismsProblem('sle', [], list), 'Select at least one specialism');
    assert.equal(specialismsProblem('sle', [1], list), undefined);
    assert.equal(specialismsProblem('sle', [1, 9], list), 'Select specialisms from the list');
    assert.equal(specialismsProblem('lle', [], list), undefined);
  });
});

describe('who may apply to be an LLE', () => {
  const committed: HeadshipAnswers = {
    yearsStaying: 2,
    governorsSupport: true,
    seniorStaffCover: true,
    coachingBeyondSchool: true,
  };

  test('a serving headteacher (acting counts) with the years of headship may', () => {
    assert.equal(roleRefusal('lle', { role: 'headteacher', leadershipYears: 3 }, rules), undefined);
    assert.equal(roleRefusal('lle', { role: 'acting-headteacher', leadershipYears: 3 }, rules), undefined);
    assert.equal(roleRefusal('nle', { role: 'executive-headteacher', leadershipYears: 8 }, rules), undefined);
  });

  test('someone who is not a headteacher may not', () => {
    assert.equal(roleRefusal('lle', { role: 'deputy-headteacher', leadershipYears: 9 }, rules), 'lle-not-headteacher');
  });

  test('under the years of headship is refused', () => {
    assert.equal(roleRefusal('lle', { role: 'headteacher', leadershipYears: 2 }, rules), 'lle-headship-years');
    assert.match(refusalReason('lle-headship-years', rules), /at least 3 years of headship \(acting headship counts\)/);
  });

  test('expecting to stay under the alliance’s years is refused', () => {
    assert.equal(headshipRefusal({ ...committed, yearsStaying: 1 }, rules), 'lle-years-staying');
    assert.match(refusalReason('lle-years-staying', rules), /at least 2 more years/);
    assert.equal(headshipRefusal(committed, rules), undefined);
  });

  test('without the governors’ support, senior staff cover, or coaching beyond their school, is refused', () => {
    assert.equal(headshipRefusal({ ...committed, governorsSupport: false }, rules), 'lle-governors-support');
    assert.equal(headshipRefusal({ ...committed, seniorStaffCover: false }, rules), 'lle-senior-staff-cover');
    assert.equal(headshipRefusal({ ...committed, coachingBeyondSchool: false }, rules), 'lle-coaching');
  });
});

describe('one registering alliance', () => {
  test('an applicant registered by another alliance may apply here only if this alliance is to register them', () => {
    assert.equal(otherAllianceRefusal('this-alliance'), undefined);
    assert.equal(otherAllianceRefusal('other-alliance'), 'registered-elsewhere');
    assert.match(refusalReason('registered-elsewhere', rules), /registered and deployed by one/);
  });
});

describe('evidence against each criterion', () => {
  test('words are counted as a reader counts them', () => {
    assert.equal(countWords(''), 0);
    assert.equal(countWords('  Led  the\nmaths department – for 3 years. '), 7);
    assert.equal(countWords("Year 6's results rose by 12% – twice"), 7);
  });

  test('must be written, within the alliance’s word limit', () => {
    assert.equal(evidenceProblem('   ', rules), 'Write your evidence for this criterion');
    const limit = { ...rules, evidenceWordLimit: 50 };
    assert.equal(evidenceProblem('word '.repeat(50), limit), undefined);
    assert.equal(evidenceProblem('word '.repeat(51), limit), 'Your evidence must be 50 words or fewer (it is 51)');
  });
});

test('every refusal has its reason in plain words', () => {
  for (const refusal of REFUSALS) assert.ok(refusalReason(refusal, rules).length > 40, refusal);
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkMove,
  CLOSED_STATUSES,
  deskMoves,
  ENQUIRY_STATUSES,
  nextStatuses,
  OPEN_STATUSES,
  type EnquiryStatus,
} from './enquiry-status.ts';

/** Every allowed move, written out once more by hand: a change to the machine must change this too. */
const ALLOWED: Array<[EnquiryStatus, EnquiryStatus]> = [
  ['new', 'contacted'],
  ['new', 'withdrawn'],
  ['new', 'closed-no-match'],
  ['contacted', 'matching'],
  ['contacted', 'withdrawn'],
  ['contacted', 'closed-no-match'],
  ['matching', 'proposed'],
  ['matching', 'withdrawn'],
  ['matching', 'closed-no-match'],
  ['proposed', 'agreed'],
  ['proposed', 'matching'],
  ['proposed', 'declined-by-school'],
  ['proposed', 'withdrawn'],
  ['proposed', 'closed-no-match'],
  ['agreed', 'matching'],
  ['declined-by-school', 'matching'],
  ['withdrawn', 'matching'],
  ['closed-no-match', 'matching'],
];

const isAllowed = (from: EnquiryStatus, to: EnquiryStatus) => ALLOWED.some(([a, b]) => a === from && b === to);

describe('the enquiry state machine', () => {
  test('allows exactly the listed moves, and no other pair of statuses', () => {
    for (const from of ENQUIRY_STATUSES) {
      for (const to of ENQUIRY_STATUSES) {
        const trigger = to === 'contacted' ? 'first-contact' : 'move';
        const outcome = checkMove(from, to, { trigger, reason: 'The school asked us to' });
        assert.equal(outcome.ok, isAllowed(from, to), `${from} -> ${to}`);
      }
      assert.deepEqual(
        [...nextStatuses(from)].sort(),
        ALLOWED.filter(([a]) => a === from)
          .map(([, b]) => b)
          .sort(),
        from,
      );
    }
  });

  test('every open status can be withdrawn or closed as no match; closed statuses only reopen to matching', () => {
    for (const from of OPEN_STATUSES) {
      assert.ok(checkMove(from, 'withdrawn').ok, from);
      assert.ok(checkMove(from, 'closed-no-match').ok, from);
    }
    for (const from of CLOSED_STATUSES) assert.deepEqual(nextStatuses(from), ['matching'], from);
  });

  test('contacted comes only from recording the first contact, with a message saying so', () => {
    assert.deepEqual(checkMove('new', 'contacted'), {
      ok: false,
      message: 'Record the first contact with the school to mark the enquiry as contacted',
    });
    assert.deepEqual(checkMove('new', 'contacted', { trigger: 'first-contact' }), { ok: true, reopening: false });
    assert.equal(checkMove('new', 'matching', { trigger: 'first-contact' }).ok, false);
  });

  test('refused moves say what the enquiry can become instead', () => {
    assert.deepEqual(checkMove('new', 'matching'), {
      ok: false,
      message:
        'The enquiry is ‘new’, so it cannot become ‘matching’. It can become ‘contacted’, ‘withdrawn’ or ‘closed: no match’',
    });
    assert.deepEqual(checkMove('agreed', 'proposed'), {
      ok: false,
      message: 'The enquiry is ‘agreed’, so it cannot become ‘proposed’. It can become ‘matching’',
    });
    assert.deepEqual(checkMove('matching', 'matching'), { ok: false, message: 'The enquiry is already ‘matching’' });
  });

  test('reopening a closed enquiry needs a reason, of at most 2,000 characters', () => {
    const noReason = { ok: false, message: 'Give a reason for reopening this ‘withdrawn’ enquiry', about: 'reason' };
    assert.deepEqual(checkMove('withdrawn', 'matching'), noReason);
    assert.deepEqual(checkMove('withdrawn', 'matching', { reason: '   ' }), noReason);
    assert.deepEqual(checkMove('withdrawn', 'matching', { reason: 'The school is ready now' }), {
      ok: true,
      reopening: true,
    });
    assert.deepEqual(checkMove('withdrawn', 'matching', { reason: 'x'.repeat(2001) }), {
      ok: false,
      message: 'The reason must be 2,000 characters or fewer',
      about: 'reason',
    });
    assert.deepEqual(
      checkMove('proposed', 'matching'),
      { ok: true, reopening: false },
      'back to matching from an open status needs no reason',
    );
  });

  test('the desk offers only moves no other record stands behind', () => {
    assert.deepEqual(deskMoves('new'), ['withdrawn', 'closed-no-match']);
    assert.deepEqual(deskMoves('contacted'), ['matching', 'withdrawn', 'closed-no-match']);
    assert.deepEqual(deskMoves('matching'), ['withdrawn', 'closed-no-match']);
    assert.deepEqual(deskMoves('proposed'), ['matching', 'declined-by-school', 'withdrawn', 'closed-no-match']);
    assert.deepEqual(deskMoves('agreed'), ['matching']);
  });
});

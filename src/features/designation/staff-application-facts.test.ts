import assert from 'node:assert/strict';
import { test } from 'node:test';
import { standingsOf } from './staff-application-facts.ts';
import type { listStageFacts, ListedApplication } from './staff-applications.repository.ts';

type Facts = Awaited<ReturnType<typeof listStageFacts>>;

const application: ListedApplication = {
  id: 1,
  reference: 'SLE-TEST-01',
  designationType: 'sle',
  status: 'sent',
  applicantName: 'A',
  applicantEmail: 'a@school.example',
  schoolUrn: 100000,
  createdAt: new Date('2026-10-01T09:00:00Z'),
  sentAt: new Date('2026-10-01T09:00:00Z'),
  withdrawnAt: null,
};
const decision = {
  id: 7,
  applicationId: 1,
  panelId: 10,
  outcome: 'not-designated' as const,
  feedback: 'Thin',
  decidedOn: '2026-11-02',
  decidedByUserId: 1,
  recordedAt: new Date('2026-11-02T12:00:00Z'),
};
const appeal = (outcome: 'upheld' | 'dismissed' | null) => ({
  applicationId: 1,
  appeal: {
    id: 3,
    decisionId: 7,
    lodgedOn: '2026-11-20',
    grounds: 'Missed evidence',
    panelId: 11,
    outcome,
    outcomeNotes: '',
    decidedOn: outcome ? '2026-12-07' : null,
    recordedByUserId: outcome ? 2 : null,
  },
});
const onPanels = [
  {
    applicationId: 1,
    panelId: 10,
    meetsOn: '2026-11-02',
    hearing: 'application' as const,
    createdAt: new Date('2026-10-20T09:00:00Z'),
  },
  {
    applicationId: 1,
    panelId: 11,
    meetsOn: '2026-12-07',
    hearing: 'appeal' as const,
    createdAt: new Date('2026-11-25T09:00:00Z'),
  },
];
const facts = (appealOutcome: 'upheld' | 'dismissed' | null): Facts => ({
  requests: [],
  panels: onPanels,
  decisions: [decision],
  appeals: [appeal(appealOutcome)],
});

test('an application whose appeal is open is appealed, waiting since the appeal was lodged', () => {
  const standing = standingsOf([application], facts(null), '2026-11-30').get(1)!;
  assert.equal(standing.stage, 'appealed');
  assert.equal(standing.since, '2026-11-20');
  assert.equal(standing.daysWaiting, 10);
});

test('a dismissed appeal leaves the first decision standing: decided, not waiting for the appeal panel', () => {
  const standing = standingsOf([application], facts('dismissed'), '2026-12-08').get(1)!;
  assert.equal(standing.stage, 'decided');
  assert.equal(standing.since, '2026-11-02');
});

test('a sent application with a reference unanswered waits for references from the day it was sent', () => {
  const standing = standingsOf(
    [application],
    {
      requests: [
        {
          id: 1,
          applicationId: 1,
          kind: 'line-manager-reference',
          name: 'H',
          email: 'h@school.example',
          jobTitle: '',
          organisation: '',
          tokenHash: null,
          tokenExpiresAt: null,
          sentAt: application.sentAt,
          remindedAt: null,
          answeredAt: null,
          answerText: null,
          supports: null,
          releaseDays: null,
          supersededAt: null,
          supersededByUserId: null,
        },
      ],
      panels: [],
      decisions: [],
      appeals: [],
    },
    '2026-10-08',
  ).get(1)!;
  assert.equal(standing.stage, 'references-due');
  assert.equal(standing.daysWaiting, 7);
  assert.deepEqual(standing.missing, ['Reference from the headteacher (for an LLE, the chair of governors)']);

  const withdrawn = standingsOf(
    [{ ...application, status: 'withdrawn', withdrawnAt: new Date('2026-10-06T09:00:00Z') }],
    { requests: standing.requests, panels: [], decisions: [], appeals: [] },
    '2026-10-08',
  ).get(1)!;
  assert.equal(withdrawn.stage, 'withdrawn');
  assert.deepEqual(withdrawn.missing, [], 'a withdrawn application needs nothing more');
});

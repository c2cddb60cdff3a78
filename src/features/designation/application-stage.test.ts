import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applicationStage, type StageFacts } from './application-stage.ts';

const sent: StageFacts = {
  status: 'sent',
  requests: [
    { kind: 'line-manager-reference', answered: true },
    { kind: 'supported-leader-reference', answered: true },
    { kind: 'head-consent', answered: true },
    { kind: 'chair-consent', answered: true },
  ],
  awaitingPanel: false,
  decision: undefined,
  appealOpen: false,
};
const waitingFor = (kind: string): StageFacts => ({
  ...sent,
  requests: sent.requests.map((request) => ({ ...request, answered: request.kind !== kind })),
});

test('an application moves from started through references and consent to the panel, a decision and an appeal', () => {
  assert.equal(applicationStage({ ...sent, status: 'started' }), 'started');
  assert.equal(applicationStage(waitingFor('supported-leader-reference')), 'references-due');
  assert.equal(applicationStage(waitingFor('chair-consent')), 'consent-due');
  assert.equal(applicationStage(sent), 'ready-for-panel');
  assert.equal(applicationStage({ ...sent, awaitingPanel: true }), 'at-panel');
  assert.equal(applicationStage({ ...sent, decision: 'designated' }), 'decided');
  assert.equal(applicationStage({ ...sent, decision: 'not-designated', appealOpen: true }), 'appealed');
  assert.equal(applicationStage({ ...sent, status: 'withdrawn', decision: 'designated' }), 'withdrawn');
});

test('a deferred application is ready for a later panel, and references due outrank consent due', () => {
  assert.equal(applicationStage({ ...sent, decision: 'deferred' }), 'ready-for-panel');
  const both: StageFacts = {
    ...sent,
    requests: sent.requests.map((request) => ({ ...request, answered: false })),
  };
  assert.equal(applicationStage(both), 'references-due');
});

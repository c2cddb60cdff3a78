import assert from 'node:assert/strict';
import type { EnquirySubmissionInput } from '../../src/features/enquiries/enquiries.schema.ts';
import { EXAMPLE_ENQUIRIES } from '../../src/seed/examples.ts';
import type { TestApp } from './test-app.ts';

export type ReceivedEnquiry = { id: number; reference: string; respondBy: string };

/**
 * A school's enquiry arriving at `at` (the test clock is moved there), through the public API as an
 * alliance's website sends it, so it gets its respond-by date, history and audit trail the real way.
 */
export async function receiveEnquiry(
  t: TestApp,
  at: string,
  overrides: Partial<EnquirySubmissionInput> = {},
): Promise<ReceivedEnquiry> {
  t.clock.set(at);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/enquiries',
    payload: { ...EXAMPLE_ENQUIRIES.banksRoadMaths, ...overrides },
  });
  assert.equal(response.statusCode, 201, response.body);
  const { reference, respondBy } = response.json() as { reference: string; respondBy: string };
  const row = await t.app.services.enquiries.findByReference(reference);
  assert.ok(row);
  return { id: row.id, reference, respondBy };
}

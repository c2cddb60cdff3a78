import assert from 'node:assert/strict';
import { findEnquiryByReference } from '../../src/features/enquiries/enquiries.repository.ts';
import type { EnquirySubmissionInput } from '../../src/features/enquiries/enquiries.schema.ts';
import { EXAMPLE_ENQUIRIES } from '../../src/seed/examples.ts';
import type { TestApp } from './test-app.ts';

export type ReceivedEnquiry = { id: number; reference: string; respondBy: string };

/**
 * A school's enquiry arriving at `at` (the test clock is moved there), through the public API as an
 * alliance's website sends it, so it gets its respond-by date, history and audit trail the real way.
 */
export async function receiveEnquiry(t: TestApp, at: string, overrides: Partial<EnquirySubmissionInput> = {}): Promise<ReceivedEnquiry> {
  t.clock.set(at);
  const response = await t.app.inject({ method: 'POST', url: '/api/enquiries', payload: { ...EXAMPLE_ENQUIRIES.banksRoadMaths, ...overrides } });
  assert.equal(response.statusCode, 201, response.body);
  const { reference, respondBy } = response.json() as { reference: string; respondBy: string };
  const alliance = await t.app.services.alliances.current();
  const row = await findEnquiryByReference(t.database.db, alliance.id, reference);
  assert.ok(row);
  return { id: row.id, reference, respondBy };
}

/** The queue's rows as a person reads them: each enquiry's reference and the tags beside it. */
export function queueRows(html: string): Array<{ reference: string; tags: string[]; coordinator: string }> {
  const body = /<tbody class="govuk-table__body">([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map(([, row]) => {
    const cells = [...row!.matchAll(/<td class="govuk-table__cell">([\s\S]*?)<\/td>/g)].map((match) => match[1]!);
    return {
      reference: /S2S-[0-9A-Z]{4}-[0-9A-Z]{2}/.exec(row!)?.[0] ?? '',
      tags: [...row!.matchAll(/<strong class="govuk-tag[^"]*">\s*([^<]*?)\s*<\/strong>/g)].map((match) => match[1]!),
      coordinator: (cells[cells.length - 1] ?? '').trim(),
    };
  });
}

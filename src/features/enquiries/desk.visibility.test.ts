import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { receiveEnquiry } from '../../../test/support/enquiries.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import type { Enquiry } from './enquiries.service.ts';
import { type Person, person } from '../../../test/support/people.ts';

describe('who may see an enquiry’s internal notes (EnquiryDeskService)', () => {
  let t: TestApp;
  let people: Record<'coordinator' | 'administrator' | 'schoolContact' | 'leader', Person>;
  let enquiry: Enquiry;

  before(async () => {
    t = await buildTestApp();
    const received = await receiveEnquiry(t, '2026-11-23T10:00:00Z');
    people = {
      coordinator: await person(t, { roles: ['coordinator'] }),
      administrator: await person(t, { roles: ['administrator'] }),
      schoolContact: await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn }),
      leader: await person(t, { roles: ['system-leader'] }),
    };
    enquiry = (await t.app.services.desk.findEnquiry(received.reference))!;
    assert.ok(
      (
        await t.app.services.desk.addNote(
          people.coordinator.user,
          enquiry,
          'Head sounded worried about Year 6 reasoning',
        )
      ).ok,
    );
  });
  after(() => t.close());

  test('those who work the desk get the file, its notes included', async () => {
    for (const who of [people.coordinator, people.administrator]) {
      const file = await t.app.services.desk.file(who.user, enquiry);
      assert.deepEqual(
        file?.notes.map((note) => note.body),
        ['Head sounded worried about Year 6 reasoning'],
        who.user.name,
      );
    }
  });

  test('a school contact of the school, and a system leader, get no file', async () => {
    assert.equal(await t.app.services.desk.file(people.schoolContact.user, enquiry), undefined);
    assert.equal(await t.app.services.desk.file(people.leader.user, enquiry), undefined);
  });

  test('what the school contact gets of their own enquiry holds no notes', async () => {
    const view = await t.app.services.desk.schoolEnquiry(people.schoolContact.user, enquiry.reference);
    assert.equal(view?.reference, enquiry.reference);
    assert.ok(!JSON.stringify(view).includes('Year 6 reasoning'), 'the note is nowhere in what a school sees');
  });
});

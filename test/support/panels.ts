import assert from 'node:assert/strict';
import type { Hearing } from '../../src/features/designation/applications.model.ts';
import { openForm, submitForm, type TestApp } from './test-app.ts';
import type { Person } from './people.ts';

/**
 * A panel made as a coordinator makes one, through the forms: its date and hearing, its members, its
 * chair and what it considers (applications ready for a panel, or appeals waiting for one).
 */
export async function panelThroughForms(
  t: TestApp,
  coordinator: Person,
  details: { meetsOn: string; hearing?: Hearing; members: Person[]; chair?: Person; consider?: number[] },
): Promise<number> {
  const form = await openForm(t.app, '/staff/panels/new', coordinator.cookies);
  const [year, month, day] = details.meetsOn.split('-');
  const made = await submitForm(
    t.app,
    '/staff/panels',
    {
      'meetsOn-day': String(Number(day)),
      'meetsOn-month': String(Number(month)),
      'meetsOn-year': year!,
      hearing: details.hearing ?? 'application',
      note: '',
    },
    form,
  );
  assert.equal(made.statusCode, 303, made.body);
  const id = Number(/\/staff\/panels\/(\d+)$/.exec(made.headers.location as string)![1]);
  for (const member of details.members) {
    const added = await submitForm(t.app, `/staff/panels/${id}/members`, { userId: String(member.id) }, form);
    assert.equal(added.statusCode, 303, added.body);
  }
  if (details.chair) {
    const chosen = await submitForm(
      t.app,
      `/staff/panels/${id}/chair`,
      { chairUserId: String(details.chair.id) },
      form,
    );
    assert.equal(chosen.statusCode, 303);
  }
  for (const item of details.consider ?? []) {
    const added = await submitForm(t.app, `/staff/panels/${id}/applications`, { applicationId: String(item) }, form);
    assert.equal(added.statusCode, 303, added.body);
  }
  return id;
}

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EXAMPLE_ENQUIRIES } from '../../seed/examples.ts';
import { alliances } from '../../platform/alliance/alliance.tables.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';

const ALLOWED = 'https://www.south-liverpool-schools.example';
const ELSEWHERE = 'https://elsewhere.example';

describe('the API from other websites (CORS)', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '1000' } });
    await t.database.db.update(alliances).set({ apiAllowedOrigins: [ALLOWED] });
    t.app.services.alliances.forget();
  });
  after(() => t.close());

  const preflight = (url: string, origin: string, method: string) =>
    t.app.inject({
      method: 'OPTIONS',
      url,
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'content-type' },
    });

  test('the public GETs answer any origin, and may be embedded elsewhere', async () => {
    for (const url of ['/api/system-leaders', '/api/specialisms', '/api/schools?q=Palmerston', '/api/openapi.json']) {
      const response = await t.app.inject({ url, headers: { origin: ELSEWHERE } });
      assert.equal(response.statusCode, 200, url);
      assert.equal(response.headers['access-control-allow-origin'], '*', url);
      assert.equal(response.headers['cross-origin-resource-policy'], 'cross-origin', url);
      assert.equal(response.headers['access-control-allow-credentials'], undefined, 'no cookies are ever allowed');
    }
    const refused = await t.app.inject({ url: '/api/system-leaders?page=0', headers: { origin: ELSEWHERE } });
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.headers['access-control-allow-origin'], '*', 'a refusal is readable too');
  });

  test('a preflight for POST /api/enquiries is allowed only from the alliance’s websites', async () => {
    const allowed = await preflight('/api/enquiries', ALLOWED, 'POST');
    assert.equal(allowed.statusCode, 204);
    assert.equal(allowed.headers['access-control-allow-origin'], ALLOWED);
    assert.equal(allowed.headers['access-control-allow-methods'], 'POST');
    assert.equal(allowed.headers['access-control-allow-headers'], 'Content-Type');
    assert.match(String(allowed.headers.vary), /Origin/);

    const elsewhere = await preflight('/api/enquiries', ELSEWHERE, 'POST');
    assert.equal(elsewhere.headers['access-control-allow-origin'], undefined);

    const posted = await t.app.inject({
      method: 'POST',
      url: '/api/enquiries',
      headers: { origin: ALLOWED },
      payload: EXAMPLE_ENQUIRIES.banksRoadMaths,
    });
    assert.equal(posted.statusCode, 201);
    assert.equal(posted.headers['access-control-allow-origin'], ALLOWED);
  });

  test('a change to the allow-list is used at once', async () => {
    await t.database.db.update(alliances).set({ apiAllowedOrigins: [ALLOWED, ELSEWHERE] });
    t.app.services.alliances.forget();
    assert.equal(
      (await preflight('/api/enquiries', ELSEWHERE, 'POST')).headers['access-control-allow-origin'],
      ELSEWHERE,
    );
    await t.database.db.update(alliances).set({ apiAllowedOrigins: [ALLOWED] });
    t.app.services.alliances.forget();
    assert.equal(
      (await preflight('/api/enquiries', ELSEWHERE, 'POST')).headers['access-control-allow-origin'],
      undefined,
    );
  });

  test('the pages answer no other origin and keep same-origin resource policy', async () => {
    const page = await t.app.inject({ url: '/system-leaders', headers: { origin: ELSEWHERE } });
    assert.equal(page.headers['access-control-allow-origin'], undefined);
    assert.equal(page.headers['cross-origin-resource-policy'], 'same-origin');
    const apiPage = await t.app.inject({ url: '/api', headers: { origin: ELSEWHERE } });
    assert.equal(apiPage.headers['cross-origin-resource-policy'], 'same-origin');
    const optionsPage = await preflight('/request-support', ELSEWHERE, 'POST');
    assert.equal(optionsPage.statusCode, 404);
    assert.equal(optionsPage.headers['access-control-allow-origin'], undefined);
  });
});

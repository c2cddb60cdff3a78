import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { count } from 'drizzle-orm';
import Fastify, { type LightMyRequestResponse } from 'fastify';
import { sessions } from '../src/platform/identity/identity.tables.ts';
import { auditEvents } from '../src/platform/audit/audit.tables.ts';
import { outboxMessages } from '../src/platform/outbox/outbox.tables.ts';
import {
  enforceDeclaredAccess,
  formatRouteTable,
  ROLES,
  type Access,
  type Role,
  type RouteSummary,
} from '../src/platform/access.ts';
import { EXAMPLE_ENQUIRIES } from '../src/seed/examples.ts';
import { routeSamples } from './support/route-samples.ts';
import { buildTestApp, cookiesFrom, type TestApp } from './support/test-app.ts';
import { person, sessionCookiesFor } from './support/people.ts';
import { csrfTokenOf } from './support/html.ts';

const ROUTES_FILE = path.resolve(import.meta.dirname, '../routes.txt');

type Principal = Role | 'signed-out';
const PRINCIPALS: Principal[] = ['signed-out', ...ROLES];

function allowed(access: Access, principal: Principal): boolean {
  return access === 'public' || (principal !== 'signed-out' && access.includes(principal));
}

/** How the guard says no: the sign-in page for a signed-out visitor, 403 for a missing role, 401/403 JSON for the API. */
function refusal(response: LightMyRequestResponse): string | undefined {
  const location = String(response.headers.location ?? '');
  if (response.statusCode === 303 && location.startsWith('/sign-in')) return 'sent to sign in';
  if (response.statusCode === 403 && response.body.includes('You do not have permission to see this page'))
    return 'forbidden page';
  if ((response.statusCode === 401 || response.statusCode === 403) && response.body.includes('"field":"session"'))
    return 'refused as JSON';
  return undefined;
}

describe('who may use each route', () => {
  let t: TestApp;
  let urlFor: (route: RouteSummary) => string;
  before(async () => {
    t = await buildTestApp({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '10000' } });
    // Real records for the parameters, so an allowed request reaches a handler that finds something.
    ({ urlFor } = await routeSamples(t));
  });
  after(() => t.close());

  /** A fresh session for the principal (a real row), and a CSRF token bound to it. School contacts work for the sample enquiry's school. */
  async function visitor(principal: Principal): Promise<{ cookies: Record<string, string>; csrfToken: string }> {
    const schoolUrn = principal === 'school-contact' ? EXAMPLE_ENQUIRIES.banksRoadMaths.schoolUrn : null;
    const cookies =
      principal === 'signed-out'
        ? {}
        : await sessionCookiesFor(t, await person(t, { signedIn: false, roles: [principal], schoolUrn }));
    const page = await t.app.inject({ url: principal === 'signed-out' ? '/sign-in' : '/', cookies });
    const csrfToken = csrfTokenOf(page.body);
    assert.ok(csrfToken);
    return { cookies: { ...cookies, ...cookiesFrom(page) }, csrfToken };
  }

  async function request(route: RouteSummary, who: { cookies: Record<string, string>; csrfToken?: string }) {
    const api = route.path.startsWith('/api/');
    const write = route.method !== 'GET';
    return t.app.inject({
      method: route.method as 'GET' | 'POST',
      url: urlFor(route),
      cookies: who.cookies,
      ...(write && api ? { payload: {} } : {}),
      ...(write && !api
        ? {
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: who.csrfToken ? `_csrf=${encodeURIComponent(who.csrfToken)}` : '',
          }
        : {}),
    });
  }

  test('the live routes are the reviewed list in routes.txt (run `npm run routes > routes.txt` after a reviewed change)', () => {
    assert.equal(formatRouteTable(t.app.routeSummaries), fs.readFileSync(ROUTES_FILE, 'utf8'));
  });

  test('the staff pages are for the roles that need them (a check on the declarations themselves)', () => {
    const accessOf = (method: string, routePath: string) =>
      t.app.routeSummaries.find((route) => route.method === method && route.path === routePath)?.access;
    assert.deepEqual(accessOf('GET', '/staff'), ROLES);
    const desk = t.app.routeSummaries.filter((route) => route.path.startsWith('/staff/enquiries'));
    assert.ok(desk.length >= 11);
    for (const route of desk)
      assert.deepEqual(route.access, ['administrator', 'coordinator'], `${route.method} ${route.path}`);
    for (const routePath of ['/staff/your-school/enquiries', '/staff/your-school/enquiries/:reference'])
      assert.deepEqual(accessOf('GET', routePath), ['school-contact'], routePath);
    for (const routePath of [
      '/staff/users',
      '/staff/users/:id/roles',
      '/staff/settings',
      '/staff/specialisms',
      '/staff/schools/import',
      '/staff/privacy',
      '/staff/privacy/people',
      '/staff/privacy/people/export.json',
      '/staff/privacy/people/erase',
    ])
      assert.deepEqual(accessOf('GET', routePath), ['administrator'], routePath);
    // Retention and erasure are the data controller's decisions: administrators only.
    for (const routePath of [
      '/staff/privacy/retention',
      '/staff/privacy/people/erase',
      '/staff/settings/bank-holidays',
    ])
      assert.deepEqual(accessOf('POST', routePath), ['administrator'], routePath);
    assert.deepEqual(accessOf('POST', '/staff/schools/import/check'), ['administrator']);
    for (const routePath of ['/staff/leaders', '/staff/leaders/:id/edit', '/staff/leaders/roster'])
      assert.deepEqual(
        accessOf('POST', routePath) ?? accessOf('GET', routePath),
        ['administrator', 'coordinator'],
        routePath,
      );
    // A system leader's own profile is the only leader record their role reaches.
    assert.deepEqual(accessOf('POST', '/staff/my-profile'), ['system-leader']);
    // Changing an agreement is for the alliance's staff; reading and signing reach further, checked per agreement.
    for (const routePath of [
      '/staff/agreements/new',
      '/staff/agreements/:id/terms',
      '/staff/agreements/:id/vary',
      '/staff/agreements/:id/witnessed-signature',
      '/staff/release-ledger/:leaderId/consent/:startYear',
    ]) {
      assert.deepEqual(accessOf('POST', routePath), ['administrator', 'coordinator'], routePath);
    }
    assert.deepEqual(accessOf('POST', '/staff/agreements/:id/sign'), [
      'administrator',
      'coordinator',
      'school-contact',
    ]);
    // Delivery across agreements is the alliance's; visits and logs are planned by staff and leaders (checked per agreement) and read by every party.
    assert.deepEqual(accessOf('GET', '/staff/delivery'), ['administrator', 'coordinator']);
    for (const routePath of [
      '/staff/agreements/:id/visits/new',
      '/staff/agreements/:id/delivery/new',
      '/staff/agreements/:id/delivery/:logId',
    ]) {
      assert.deepEqual(accessOf('POST', routePath), ['administrator', 'coordinator', 'system-leader'], routePath);
    }
    // Every party to an agreement; a panel member is not one (they see applications, never agreements).
    const parties = ['administrator', 'coordinator', 'system-leader', 'school-contact'];
    assert.deepEqual(accessOf('GET', '/staff/agreements/:id/visits/calendar.ics'), parties);
    assert.deepEqual(accessOf('GET', '/staff/agreements/:id'), parties);
    // Applicants have no account, and referees answer by their emailed link; coordinators act on the requests.
    for (const routePath of ['/apply/check', '/apply/your-details', '/application-requests/:token'])
      assert.equal(accessOf('POST', routePath), 'public', routePath);
    for (const routePath of [
      '/staff/applications/:id/requests/:requestId/resend',
      '/staff/applications/:id/requests/:requestId/change',
    ])
      assert.deepEqual(accessOf('POST', routePath), ['administrator', 'coordinator'], routePath);
    assert.equal(accessOf('POST', '/request-support'), 'public');
    assert.equal(accessOf('POST', '/sign-in'), 'public');
  });

  test('every route, for every role and for a signed-out visitor, allows exactly whom it declares', async () => {
    const outcomes: string[] = [];
    for (const route of t.app.routeSummaries) {
      for (const principal of PRINCIPALS) {
        const response = await request(route, await visitor(principal));
        const refused = refusal(response);
        const expected = allowed(route.access, principal);
        assert.ok(response.statusCode < 500, `${route.method} ${route.path} as ${principal}: ${response.statusCode}`);
        if (expected && refused)
          outcomes.push(`${route.method} ${route.path} as ${principal}: refused (${refused}) but should be allowed`);
        if (!expected && !refused)
          outcomes.push(
            `${route.method} ${route.path} as ${principal}: allowed (${response.statusCode}) but should be refused`,
          );
        if (!expected && principal === 'signed-out' && !route.path.startsWith('/api/'))
          assert.equal(refused, 'sent to sign in');
        if (!expected && principal !== 'signed-out' && !route.path.startsWith('/api/'))
          assert.equal(response.statusCode, 403);
      }
    }
    assert.deepEqual(outcomes, []);
    assert.ok(t.app.routeSummaries.length >= 40, 'the matrix walked every route');
  });

  test('every form refuses a POST without its CSRF token, and changes nothing', async () => {
    const posts = t.app.routeSummaries.filter((route) => route.method === 'POST' && !route.path.startsWith('/api/'));
    assert.ok(posts.length >= 15);
    for (const route of posts) {
      // Someone the route allows, signed in, so a refusal cannot be the access guard's.
      const principal: Principal = route.access === 'public' ? 'coordinator' : route.access[0]!;
      const who = await visitor(principal);
      const before = await Promise.all(
        [auditEvents, outboxMessages, sessions].map(
          async (table) => (await t.database.db.select({ n: count() }).from(table))[0]!.n,
        ),
      );
      const response = await request(route, { cookies: who.cookies });
      assert.equal(response.statusCode, 403, `${route.path} without a token`);
      assert.equal(refusal(response), undefined, `${route.path}: refused as a forgery, not for permission`);
      const afterwards = await Promise.all(
        [auditEvents, outboxMessages, sessions].map(
          async (table) => (await t.database.db.select({ n: count() }).from(table))[0]!.n,
        ),
      );
      assert.deepEqual(afterwards, before, `${route.path} changed nothing`);
    }
  });

  test('an API route refuses with JSON: 401 signed out, 403 without the role', async () => {
    // No staff API exists yet, so a bare app with the same guard stands in for the first one.
    const api = Fastify();
    enforceDeclaredAccess(api, async (request) => {
      const role = request.headers['x-test-role'];
      if (typeof role !== 'string') return { user: undefined, sessionEnded: false };
      return {
        user: {
          id: 1,
          email: '',
          name: '',
          jobTitle: '',
          roles: [role as Role],
          schoolUrn: null,
          leaderId: null,
          sessionId: 1,
        },
        sessionEnded: false,
      };
    });
    api.get('/api/leaders', { config: { access: ['coordinator'] } }, async () => ({ leaders: [] }));
    await api.ready();
    const signedOut = await api.inject({ url: '/api/leaders' });
    assert.equal(signedOut.statusCode, 401);
    assert.deepEqual(signedOut.json(), { errors: [{ field: 'session', message: 'Sign in to use this' }] });
    const leader = await api.inject({ url: '/api/leaders', headers: { 'x-test-role': 'system-leader' } });
    assert.equal(leader.statusCode, 403);
    assert.deepEqual(leader.json(), {
      errors: [{ field: 'session', message: 'Your account does not have permission to do this' }],
    });
    const coordinator = await api.inject({ url: '/api/leaders', headers: { 'x-test-role': 'coordinator' } });
    assert.deepEqual([coordinator.statusCode, coordinator.json()], [200, { leaders: [] }]);
    await api.close();
  });

  test('a route that does not declare who may use it, or names an unknown role, stops the app starting', async () => {
    const identify = async () => ({ user: undefined, sessionEnded: false });
    const undeclared = Fastify();
    enforceDeclaredAccess(undeclared, identify);
    await assert.rejects(async () => {
      undeclared.get('/forgotten', async () => 'oops');
      await undeclared.ready();
    }, /does not declare its access/);
    const unknownRole = Fastify();
    enforceDeclaredAccess(unknownRole, identify);
    await assert.rejects(async () => {
      unknownRole.get('/typo', { config: { access: ['administator' as Role] } }, async () => 'oops');
      await unknownRole.ready();
    }, /declares roles that do not exist/);
  });
});

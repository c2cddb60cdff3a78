import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { ROLES, type Role, type RouteSummary } from '../src/platform/access.ts';
import { EXAMPLE_ENQUIRIES } from '../src/seed/examples.ts';
import { csrfTokenOf, page } from './support/html.ts';
import { person, sessionCookiesFor, type Person } from './support/people.ts';
import { fillPath, routeSamples } from './support/route-samples.ts';
import { buildTestApp, cookiesFrom, type TestApp } from './support/test-app.ts';
import { submitUpload } from './support/uploads.ts';

/**
 * Every route in the route list, signed out and as each role that may use it, with hostile values in
 * every parameter and in every field its forms (or the JSON API) have: none may answer with a 5xx.
 * Which 4xx each gives is the business of each capability's own tests.
 */
const CORPUS: Array<{ label: string; value: string }> = [
  { label: 'NUL', value: 'A\u0000B' },
  { label: 'BEL', value: '\u0007' },
  { label: '10,000 characters', value: 'x'.repeat(10_000) },
  { label: 'a number too big', value: '99999999999' },
  { label: 'minus one', value: '-1' },
  { label: 'a float overflow', value: '1e309' },
  { label: 'a path', value: '../../etc' },
  { label: 'markup', value: '<script>' },
  { label: 'a percent sign', value: '%' },
  { label: 'nothing', value: '' },
];

/** Query parameters the pages read beside their filter forms' fields. */
const QUERY_NAMES = ['page', 'q', 'sort', 'view', 'status', 'kind', 'year', 'returnTo', 'token', 'leader', 'school'];
/** The JSON API's fields: the enquiry contract and the directory's parameters. */
const API_FIELDS = [...Object.keys(EXAMPLE_ENQUIRIES.banksRoadMaths), 'leaderId'];
/** The API's fields that are a choice from a list, not typed. */
const CHOICES = ['supportType', 'timescale', 'heardFrom'];

type Principal = Role | 'signed-out';
type Visitor = { cookies: Record<string, string>; csrfToken: string };
/** A form's field as the page offers it: what a browser would send, and whether a person types it. */
type Field = { values: string[]; typed: boolean };
type Forms = {
  /** The fields of each form that posts to an address, as the page offers them. */
  baseline: Map<string, Map<string, Field>>;
  post: Map<string, Set<string>>;
  get: Map<string, Set<string>>;
  multipart: Map<string, string>;
  all: Set<string>;
};

describe('hostile input on every route', () => {
  let t: TestApp;
  let urlFor: (route: RouteSummary) => string;
  const people = new Map<Role, Person>();
  const visitors = new Map<Principal, Visitor>();
  let requestNumber = 0;
  const forms: Forms = { baseline: new Map(), post: new Map(), get: new Map(), multipart: new Map(), all: new Set() };

  before(async () => {
    t = await buildTestApp({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '1000000', SIGN_IN_FAILURES_PER_IP: '1000000' } });
    const samples = await routeSamples(t);
    urlFor = samples.urlFor;
    for (const role of ROLES)
      people.set(
        role,
        await person(t, {
          signedIn: false,
          roles: [role],
          leaderId: role === 'system-leader' ? samples.leaderId : null,
          schoolUrn: role === 'school-contact' ? EXAMPLE_ENQUIRIES.banksRoadMaths.schoolUrn : null,
        }),
      );
    // The fields of every form on every page, read as each route's first allowed role sees it.
    for (const route of t.app.routeSummaries) {
      if (route.method !== 'GET' || route.path.startsWith('/api/') || route.path.startsWith('/assets/')) continue;
      const who = await visitor(route.access === 'public' ? 'signed-out' : route.access[0]!);
      const url = urlFor(route);
      const response = await t.app.inject({ url, cookies: who.cookies });
      if (!String(response.headers['content-type']).startsWith('text/html')) continue;
      for (const form of page(response.body).querySelectorAll('form')) {
        const action = (form.getAttribute('action') ?? url).split('?')[0]!.split('#')[0]!;
        const method = (form.getAttribute('method') ?? 'get').toLowerCase();
        const names = form
          .querySelectorAll('input, select, textarea, button')
          .map((element) => element.getAttribute('name'))
          .filter((name): name is string => !!name && name !== '_csrf');
        const known = forms[method === 'post' ? 'post' : 'get'].get(action) ?? new Set<string>();
        for (const name of names) {
          known.add(name);
          forms.all.add(name);
        }
        forms[method === 'post' ? 'post' : 'get'].set(action, known);
        const file = form.querySelector('input[type=file]')?.getAttribute('name');
        if (file) forms.multipart.set(action, file);
        if (method === 'post')
          forms.baseline.set(action, new Map([...(forms.baseline.get(action) ?? []), ...offered(form)]));
      }
    }
    assert.ok(forms.post.size >= 30, `forms found on ${forms.post.size} actions`);
  });
  after(() => t.close());

  /** What a browser would send from each field: ticked or first choice, selected or first option, typed text. */
  function offered(form: ReturnType<typeof page>): Map<string, Field> {
    const fields = new Map<string, Field>();
    const add = (name: string | undefined, value: string, typed: boolean, replace = false) => {
      if (!name || name === '_csrf') return;
      const known = fields.get(name);
      fields.set(name, { values: known && !replace ? [...known.values, value] : [value], typed });
    };
    for (const input of form.querySelectorAll('input')) {
      const type = input.getAttribute('type') ?? 'text';
      const name = input.getAttribute('name');
      const value = input.getAttribute('value') ?? '';
      if (type === 'radio' || type === 'checkbox') {
        // A required choice made: the one ticked, or else the first.
        if (input.hasAttribute('checked'))
          add(name, value, false, !fields.get(name ?? '')?.values.length || type === 'radio');
        else if (name && !fields.has(name)) fields.set(name, { values: [value], typed: false });
      } else if (input.getAttribute('tabindex') === '-1')
        add(name, value, false); // a honeypot stays empty
      else
        add(name, value, !['hidden', 'file', 'submit'].includes(type) && input.getAttribute('inputmode') !== 'numeric');
    }
    for (const select of form.querySelectorAll('select')) {
      const option =
        select.querySelector('option[selected]') ??
        select.querySelectorAll('option').find((o) => o.getAttribute('value'));
      add(select.getAttribute('name'), option?.getAttribute('value') ?? '', false);
    }
    for (const textarea of form.querySelectorAll('textarea')) add(textarea.getAttribute('name'), textarea.text, true);
    return fields;
  }

  /** A live session for the role, and a CSRF token bound to it; a new one after any request ended it. */
  async function visitor(principal: Principal): Promise<Visitor> {
    const known = visitors.get(principal);
    if (known) return known;
    const cookies = principal === 'signed-out' ? {} : await sessionCookiesFor(t, people.get(principal)!);
    const home = await t.app.inject({ url: principal === 'signed-out' ? '/sign-in' : '/', cookies });
    const fresh = { cookies: { ...cookies, ...cookiesFrom(home) }, csrfToken: csrfTokenOf(home.body)! };
    assert.ok(fresh.csrfToken);
    visitors.set(principal, fresh);
    return fresh;
  }

  /**
   * Who sends each corpus value: in turn, each role the route allows (signed out too, for a public
   * route), so every role and every value is tried on every route without the product of the two.
   * Signed out, a staff route is refused before anything reads the request: tried once.
   */
  function principalsFor(route: RouteSummary): { byValue: (index: number) => Principal; once: Principal[] } {
    const allowed: Principal[] = route.access === 'public' ? ['signed-out', 'administrator'] : [...route.access];
    return {
      byValue: (index) => allowed[index % allowed.length]!,
      once: route.access === 'public' ? [] : ['signed-out'],
    };
  }

  /** Every field gets the value: a route's own form's fields, or (no form found) every field seen. */
  function fieldsFor(route: RouteSummary, url: string): string[] {
    if (route.path.startsWith('/api/')) return API_FIELDS;
    if (route.method === 'GET') return [...new Set([...(forms.get.get(url) ?? []), ...QUERY_NAMES])];
    return [...(forms.post.get(url) ?? forms.all)];
  }

  async function send(
    route: RouteSummary,
    principal: Principal,
    url: string,
    fields: string[],
    value: string,
    index: number,
  ): Promise<LightMyRequestResponse> {
    const who = await visitor(principal);
    // Each request from its own address, so the rate limits (counted per address) stay out of the way.
    requestNumber++;
    const remoteAddress = `10.${(requestNumber >> 16) & 255}.${(requestNumber >> 8) & 255}.${requestNumber & 255}`;
    const base = { url, cookies: who.cookies, remoteAddress };
    let response: LightMyRequestResponse;
    if (route.method === 'GET') {
      const query = new URLSearchParams(fields.map((name) => [name, value])).toString();
      response = await t.app.inject({ ...base, method: 'GET', url: query ? `${url}?${query}` : url });
    } else if (route.path.startsWith('/api/')) {
      // Numbers sent as JSON numbers where the value is one (1e309 parses as Infinity), text otherwise;
      // every other value in the typed fields of a valid enquiry only, so it gets past the other checks.
      const json = /^-?\d+(e\d+)?$/.test(value) ? value : JSON.stringify(value);
      const example: Record<string, unknown> = EXAMPLE_ENQUIRIES.banksRoadMaths;
      const entries = fields.map((name) => {
        const typed = typeof example[name] === 'string' && !CHOICES.includes(name);
        const kept = index % 2 === 0 && !typed && name !== 'leaderId';
        return `${JSON.stringify(name)}:${kept ? JSON.stringify(example[name] ?? null) : json}`;
      });
      const payload = `{${entries.join(',')}}`;
      response = await t.app.inject({
        ...base,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        payload,
      });
    } else if (forms.multipart.has(url)) {
      const file = forms.multipart.get(url)!;
      const content = `name,email\r\n${value},${value}\r\n`;
      response = await submitUpload(
        t.app,
        url,
        { field: file, filename: 'hostile.csv', content },
        who,
        Object.fromEntries(fields.filter((name) => name !== file).map((name) => [name, value])),
      );
    } else {
      // Typed fields always get the value; choices and dates get it every other value, and otherwise
      // keep what the page offers, so the value reaches the handlers past the form's other checks.
      const baseline = forms.baseline.get(url);
      const pairs = fields.flatMap((name) => {
        const offer = baseline?.get(name);
        return !offer || offer.typed || index % 2 === 1
          ? [[name, value]]
          : offer.values.map((offered) => [name, offered]);
      });
      const body = new URLSearchParams([['_csrf', who.csrfToken], ...pairs]);
      response = await t.app.inject({
        ...base,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      });
    }
    const location = String(response.headers.location ?? '');
    if (principal !== 'signed-out' && (location.startsWith('/sign-in') || location === '/signed-out'))
      visitors.delete(principal);
    return response;
  }

  test('no route answers a hostile parameter or field with a 5xx', async () => {
    const failures: string[] = [];
    let requests = 0;
    for (const route of t.app.routeSummaries) {
      if (route.path.startsWith('/assets/')) continue;
      const realUrl = urlFor(route);
      const principals = principalsFor(route);
      const tries: Array<{ principal: Principal; label: string; value: string; index: number; inParameters: boolean }> =
        [];
      CORPUS.forEach(({ label, value }, index) => {
        tries.push({ principal: principals.byValue(index), label, value, index, inParameters: false });
        if (route.path.includes(':'))
          tries.push({ principal: principals.byValue(index + 1), label, value, index, inParameters: true });
      });
      for (const principal of principals.once)
        tries.push({ principal, ...CORPUS[0]!, index: 0, inParameters: route.path.includes(':') });
      for (const { principal, label, value, index, inParameters } of tries) {
        const url = inParameters ? fillPath(route.path, () => encodeURIComponent(value)) : realUrl;
        const fields = inParameters ? [] : fieldsFor(route, realUrl);
        const response = await send(route, principal, url, fields, value, index);
        requests++;
        if (response.statusCode >= 500)
          failures.push(
            `${route.method} ${route.path} as ${principal}, ${label} in ${inParameters ? 'parameters' : 'fields'}: ${response.statusCode}`,
          );
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(requests > 1500, `${requests} requests`);
  });
});

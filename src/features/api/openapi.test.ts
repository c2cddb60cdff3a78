import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { InjectOptions } from 'fastify';
import { EXAMPLE_ENQUIRIES } from '../../seed/examples.ts';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { linksOf, textsOf } from '../../../test/support/html.ts';

type Operation = {
  operationId: string;
  security?: unknown[];
  parameters?: Array<{ name: string; required?: boolean }>;
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
};

/** The status codes the suite has seen each operation answer, each body checked against the document. */
const exercised = new Map<string, Set<string>>();

describe('the OpenAPI document', () => {
  let t: TestApp;
  let document: { paths: Record<string, Record<string, Operation>>; info: { license?: { name: string } } };
  let operations: Array<{ method: string; path: string; operation: Operation }>;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);

  /** Sends the request and checks the answer's body against the schema the document gives for its status. */
  async function call(operationId: string, request: InjectOptions) {
    const response = await t.app.inject(request);
    const found = operations.find((entry) => entry.operation.operationId === operationId);
    assert.ok(found, `${operationId} is documented`);
    const status = String(response.statusCode);
    const documented = found.operation.responses[status];
    assert.ok(documented, `${operationId} documents the ${status} it answered: ${response.body.slice(0, 200)}`);
    const schema = documented.content?.['application/json']?.schema;
    assert.ok(schema, `${operationId} ${status} has a JSON schema`);
    const validate = ajv.compile(schema);
    assert.ok(validate(response.json()), `${operationId} ${status}: ${JSON.stringify(validate.errors)}`);
    exercised.set(operationId, (exercised.get(operationId) ?? new Set()).add(status));
    return response;
  }

  before(async () => {
    t = await buildTestApp({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '1000', BASE_URL: 'https://s2s.example' } });
    await addExampleLeaders(t, 'amiraHussain', 'benCarter');
    const served = (await t.app.inject({ url: '/api/openapi.json' })).json();
    // The validator dereferences in place: give it a copy, and keep the served one to compare.
    await SwaggerParser.validate(structuredClone(served));
    document = (await SwaggerParser.dereference(structuredClone(served))) as unknown as typeof document;
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ method, path, operation })),
    );
  });
  after(() => t.close());

  test('is valid OpenAPI 3.1, names every operation, marks each open, has a licence and this server', async () => {
    const served = (await t.app.inject({ url: '/api/openapi.json' })).json();
    assert.deepEqual(served.servers, [{ url: 'https://s2s.example', description: 'This installation' }]);
    assert.equal(document.info.license?.name, 'Open Government Licence v3.0');
    const ids = operations.map((entry) => entry.operation.operationId);
    assert.deepEqual(ids, [
      'submitEnquiry',
      'listSpecialisms',
      'searchSystemLeaders',
      'getSystemLeader',
      'searchSchools',
    ]);
    for (const { operation } of operations) assert.deepEqual(operation.security, [], operation.operationId);
  });

  test('POST /api/enquiries answers as documented: 201, 400, 413 and 415', async () => {
    const post = (payload: string, contentType = 'application/json') =>
      call('submitEnquiry', {
        method: 'POST',
        url: '/api/enquiries',
        headers: { 'content-type': contentType },
        payload,
      });
    assert.equal((await post(JSON.stringify(EXAMPLE_ENQUIRIES.banksRoadMaths))).statusCode, 201);
    const wrong = await post(JSON.stringify({ ...EXAMPLE_ENQUIRIES.banksRoadMaths, timescale: 'soon' }));
    assert.deepEqual(wrong.json().errors, [
      {
        field: 'timescale',
        message: 'timescale must be one of: as-soon-as-possible, this-term, next-term, this-academic-year, not-sure',
      },
    ]);
    assert.equal((await post(JSON.stringify({ need: 'x'.repeat(70_000) }))).statusCode, 413);
    // The document has said 415 all along; form and plain-text bodies used to get a 400.
    const form = await post('schoolUrn=104748&need=help', 'application/x-www-form-urlencoded');
    assert.equal(form.statusCode, 415);
    assert.deepEqual(form.json().errors, [{ field: 'body', message: 'Send the body as application/json' }]);
    assert.equal((await post('hello', 'text/plain')).statusCode, 415);
    assert.equal((await post('{}', 'application/json; charset=utf-8')).statusCode, 400, 'a charset is fine');
  });

  test('GET /api/specialisms lists the names POST /api/enquiries accepts', async () => {
    const response = await call('listSpecialisms', { url: '/api/specialisms' });
    const names = response.json().results.map((result: { name: string }) => result.name);
    assert.ok(names.includes('Maths') && names.includes('Assessment'), names.join(', '));
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/enquiries',
      payload: { ...EXAMPLE_ENQUIRIES.banksRoadMaths, specialisms: names.slice(0, 3) },
    });
    assert.equal(accepted.statusCode, 201, accepted.body);
  });

  test('GET /api/system-leaders answers 200 and 400 as documented, with a profile URL for each leader', async () => {
    const found = await call('searchSystemLeaders', { url: '/api/system-leaders?q=amira' });
    const [amira] = found.json().results;
    assert.equal(amira.name, 'Amira Hussain');
    assert.equal(amira.profileUrl, `https://s2s.example/system-leaders/${amira.id}`);
    // The document says more than 0, as the service does.
    const zero = await call('searchSystemLeaders', { url: '/api/system-leaders?near=L17&within=0' });
    assert.equal(zero.statusCode, 400);
    assert.deepEqual(zero.json().errors, [{ field: 'within', message: 'Within must be more than 0 miles' }]);
    const parameter = operations
      .find((entry) => entry.operation.operationId === 'searchSystemLeaders')!
      .operation.parameters!.find((p) => p.name === 'within') as unknown as { schema: { exclusiveMinimum: number } };
    assert.equal(parameter.schema.exclusiveMinimum, 0);
  });

  test('GET /api/system-leaders/{id} is a leader’s public profile, without contact details, or 404', async () => {
    const [amira] = (await t.app.inject({ url: '/api/system-leaders?q=amira' })).json().results;
    const profile = await call('getSystemLeader', { url: `/api/system-leaders/${amira.id}` });
    const body = profile.json();
    assert.equal(body.name, 'Amira Hussain');
    assert.deepEqual(body.designations, [{ type: 'sle', since: '2023-09-01' }]);
    assert.deepEqual(body.specialisms.sort(), ['Assessment', 'Maths', 'SEN']);
    assert.equal(body.requestSupportUrl, `https://s2s.example/request-support?leader=${amira.id}`);
    assert.doesNotMatch(profile.body, /@palmerston\.example/);
    assert.equal((await call('getSystemLeader', { url: '/api/system-leaders/999999' })).statusCode, 404);
    assert.equal((await call('getSystemLeader', { url: '/api/system-leaders/abc' })).statusCode, 404);
  });

  test('GET /api/schools answers 200 without q (the document no longer says it is required) and 400', async () => {
    const parameter = operations.find((entry) => entry.operation.operationId === 'searchSchools')!.operation
      .parameters![0]!;
    assert.notEqual(parameter.required, true);
    assert.deepEqual((await call('searchSchools', { url: '/api/schools' })).json(), { results: [] });
    assert.ok((await call('searchSchools', { url: '/api/schools?q=Palmerston' })).json().results.length > 0);
    assert.equal((await call('searchSchools', { url: `/api/schools?q=${'x'.repeat(101)}` })).statusCode, 400);
  });

  test('every documented answer but 429 (enquiries.api.test counts it) was seen and matched its schema', () => {
    for (const { operation } of operations) {
      const documented = Object.keys(operation.responses).filter((status) => status !== '429');
      assert.deepEqual(
        [...(exercised.get(operation.operationId) ?? [])].sort(),
        documented.sort(),
        operation.operationId,
      );
    }
  });

  test('/api is the same document for people, linked from every page’s footer', async () => {
    const home = await t.app.inject({ url: '/' });
    assert.ok(linksOf(home.body, '.govuk-footer a').some((link) => link.href === '/api'));
    const response = await t.app.inject({ url: '/api' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(textsOf(response.body, 'h2 code'), [
      'POST /api/enquiries',
      'GET /api/specialisms',
      'GET /api/system-leaders',
      'GET /api/system-leaders/{id}',
      'GET /api/schools',
    ]);
    assert.match(response.body, /timescale/);
    assert.match(response.body, /One of: as-soon-as-possible, this-term/);
    assert.match(response.body, /https:\/\/s2s\.example/);
    assert.match(response.body, /Staff &gt; Settings &gt; Your websites|Staff > Settings > Your websites/);
  });
});

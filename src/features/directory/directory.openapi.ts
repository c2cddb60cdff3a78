import { DESIGNATION_TYPES, PHASES } from '../leaders/leaders.model.ts';
import { PAGE_SIZE } from './directory.schema.ts';

export const directoryOpenApiPaths = {
  '/api/system-leaders': {
    get: {
      operationId: 'searchSystemLeaders',
      security: [],
      summary: 'Search the public directory of system leaders',
      description:
        `The same search as the /system-leaders page, for alliance websites to embed. Only leaders who agreed to be ` +
        `listed and hold a designation in force appear; no contact details are given. ${PAGE_SIZE} results a page. ` +
        'Each filter is "any of" its values; filters combine with "and".',
      parameters: [
        {
          name: 'specialism',
          in: 'query',
          schema: { type: 'array', items: { type: 'string' } },
          style: 'form',
          explode: true,
          description: 'Specialism names (repeatable)',
        },
        {
          name: 'type',
          in: 'query',
          schema: { type: 'array', items: { type: 'string', enum: [...DESIGNATION_TYPES] } },
          style: 'form',
          explode: true,
        },
        {
          name: 'phase',
          in: 'query',
          schema: { type: 'array', items: { type: 'string', enum: [...PHASES] } },
          style: 'form',
          explode: true,
        },
        {
          name: 'near',
          in: 'query',
          schema: { type: 'string', maxLength: 100 },
          description: 'A postcode, an outcode (like L17) or a school URN',
        },
        {
          name: 'within',
          in: 'query',
          schema: { type: 'number', exclusiveMinimum: 0, maximum: 500 },
          description: 'Miles from `near` (more than 0); needs `near`',
        },
        {
          name: 'q',
          in: 'query',
          schema: { type: 'string', maxLength: 200 },
          description: 'Words to find in names, specialisms and profiles',
        },
        {
          name: 'sort',
          in: 'query',
          schema: { type: 'string', enum: ['distance', 'name'] },
          description: 'Defaults to distance with `near`, else name',
        },
        { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
      ],
      responses: {
        '200': {
          description: 'One page of matching leaders',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['total', 'page', 'results'],
                properties: {
                  total: { type: 'integer' },
                  page: { type: 'integer' },
                  results: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: [
                        'id',
                        'name',
                        'types',
                        'specialisms',
                        'phases',
                        'homeSchool',
                        'distanceMiles',
                        'profileUrl',
                      ],
                      properties: {
                        id: { type: 'integer' },
                        name: { type: 'string' },
                        types: { type: 'array', items: { type: 'string', enum: [...DESIGNATION_TYPES] } },
                        specialisms: { type: 'array', items: { type: 'string' } },
                        phases: { type: 'array', items: { type: 'string', enum: [...PHASES] } },
                        homeSchool: {
                          type: 'object',
                          required: ['urn', 'name'],
                          properties: { urn: { type: 'integer' }, name: { type: 'string' } },
                        },
                        distanceMiles: {
                          type: ['number', 'null'],
                          description: 'Straight-line miles from `near` to 1 decimal place; null without `near`',
                        },
                        profileUrl: {
                          type: 'string',
                          format: 'uri',
                          description: 'The leader’s public profile page, to link to',
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        '400': { $ref: '#/components/responses/BadRequest' },
      },
    },
  },
  '/api/system-leaders/{id}': {
    get: {
      operationId: 'getSystemLeader',
      security: [],
      summary: 'One system leader’s public profile',
      description:
        'What the leader’s profile page shows: designations in force, specialisms, phases, job title, profile text ' +
        'and school. No contact details: a school asks for support through POST /api/enquiries with `leaderId`.',
      parameters: [
        {
          name: 'id',
          in: 'path',
          required: true,
          schema: { type: 'integer', minimum: 1 },
          description: 'The `id` from GET /api/system-leaders',
        },
      ],
      responses: {
        '200': {
          description: 'The leader’s profile',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: [
                  'id',
                  'name',
                  'types',
                  'designations',
                  'specialisms',
                  'phases',
                  'jobTitle',
                  'profile',
                  'homeSchool',
                  'profileUrl',
                  'requestSupportUrl',
                ],
                properties: {
                  id: { type: 'integer' },
                  name: { type: 'string' },
                  types: { type: 'array', items: { type: 'string', enum: [...DESIGNATION_TYPES] } },
                  designations: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['type', 'since'],
                      properties: {
                        type: { type: 'string', enum: [...DESIGNATION_TYPES] },
                        since: { type: 'string', format: 'date' },
                      },
                    },
                  },
                  specialisms: { type: 'array', items: { type: 'string' } },
                  phases: { type: 'array', items: { type: 'string', enum: [...PHASES] } },
                  jobTitle: { type: ['string', 'null'] },
                  profile: { type: 'string', description: 'In the leader’s own words; may be empty' },
                  homeSchool: {
                    type: 'object',
                    required: ['urn', 'name', 'town'],
                    properties: {
                      urn: { type: 'integer' },
                      name: { type: 'string' },
                      town: { type: ['string', 'null'] },
                    },
                  },
                  profileUrl: { type: 'string', format: 'uri' },
                  requestSupportUrl: {
                    type: 'string',
                    format: 'uri',
                    description: 'The service’s request form with this leader chosen',
                  },
                },
              },
            },
          },
        },
        '404': { $ref: '#/components/responses/NotFound' },
      },
    },
  },
};

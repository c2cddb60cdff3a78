import { SUPPORT_TYPES } from './enquiries.model.ts';
import { HEARD_FROM, LIMITS, TIMESCALES } from './enquiries.schema.ts';

export const enquiriesOpenApiPaths = {
  '/api/enquiries': {
    post: {
      operationId: 'submitEnquiry',
      security: [],
      summary: 'Send a school’s request for support',
      description:
        'For an alliance’s own website to post enquiries into the service. The enquiry is stored, the school ' +
        'is sent an acknowledgement and the alliance a notification. Unknown fields are refused. Submissions ' +
        'are rate-limited per network address. The body must be application/json (anything else is refused with ' +
        '415). From a browser, only pages on the websites the alliance lists in its settings may send it (CORS).',
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/EnquirySubmission' } } },
      },
      responses: {
        '201': {
          description:
            'Stored. The reference to quote, and the last day (Europe/London) by which the alliance will reply.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['reference', 'respondBy'],
                properties: {
                  reference: {
                    type: 'string',
                    pattern: '^S2S-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$',
                    example: 'S2S-7K4Q-M2',
                  },
                  respondBy: { type: 'string', format: 'date', example: '2026-11-25' },
                },
              },
            },
          },
        },
        '400': { $ref: '#/components/responses/BadRequest' },
        '413': { $ref: '#/components/responses/TooLarge' },
        '415': { $ref: '#/components/responses/NotJson' },
        '429': { $ref: '#/components/responses/TooMany' },
      },
    },
  },
};

export const enquirySubmissionSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'schoolUrn',
    'contactName',
    'contactRole',
    'contactEmail',
    'contactPhone',
    'supportType',
    'need',
    'timescale',
  ],
  properties: {
    schoolUrn: {
      type: 'integer',
      description: 'The school’s unique reference number in Get Information About Schools',
      example: 104748,
    },
    contactName: { type: 'string', maxLength: LIMITS.name, example: 'Sam Jones' },
    contactRole: { type: 'string', maxLength: LIMITS.role, example: 'Headteacher' },
    contactEmail: { type: 'string', format: 'email', maxLength: LIMITS.email, example: 'head@school.example' },
    contactPhone: {
      type: 'string',
      maxLength: LIMITS.phone,
      description: '10 to 15 digits; spaces, brackets, hyphens and a leading + allowed',
      example: '0151 428 2128',
    },
    supportType: {
      type: 'string',
      enum: [...SUPPORT_TYPES],
      description: 'sle: a Specialist Leader of Education; lle: a Local Leader of Education; unsure',
    },
    specialisms: {
      type: 'array',
      maxItems: LIMITS.specialisms,
      items: { type: 'string', maxLength: LIMITS.specialism },
      description:
        'Names from the alliance’s list of specialisms (GET /api/specialisms), any case. At least one when supportType is sle.',
      example: ['Maths', 'Assessment'],
    },
    need: { type: 'string', maxLength: LIMITS.need, description: 'What the school needs, in its own words' },
    timescale: { type: 'string', enum: Object.keys(TIMESCALES) },
    heardFrom: { type: ['string', 'null'], enum: [...Object.keys(HEARD_FROM), null] },
    leaderId: {
      type: ['integer', 'null'],
      description: 'Optional: the id of a leader from GET /api/system-leaders whom the school would like support from',
    },
  },
};

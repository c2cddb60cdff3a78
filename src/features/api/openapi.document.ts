import { directoryOpenApiPaths } from '../directory/directory.openapi.ts';
import { enquiriesOpenApiPaths, enquirySubmissionSchema } from '../enquiries/enquiries.openapi.ts';
import { schoolsOpenApiPaths } from '../schools/schools.openapi.ts';
import { specialismsOpenApiPaths } from '../specialisms/specialisms.openapi.ts';

const errorsContent = { 'application/json': { schema: { $ref: '#/components/schemas/Errors' } } };
const refusal = (description: string) => ({ description, content: errorsContent });

/** What an integrator needs to know beyond each operation: who may call it from where. */
export const API_INTRODUCTION = [
  'Lets an alliance’s own website send requests for support into the service, embed the directory of system ' +
    'leaders and look up schools. No key or sign-in is needed, and no cookies are used.',
  'From a browser (CORS): the GET operations answer pages on any website. POST /api/enquiries answers only ' +
    'pages on the websites an administrator lists at Staff > Settings > Your websites, each as its origin ' +
    '(like https://www.example.org); its body must be application/json, so the browser asks first (a preflight) ' +
    'and a page elsewhere cannot send one. Servers may call every operation from anywhere.',
  'Every refusal is JSON: {"errors": [{"field", "message"}]}, each message saying how to put it right.',
];

/** The public API's contract, assembled from each capability's own part. */
export function openApiDocument(baseUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'School-to-school support API',
      version: '1.1.0',
      description: API_INTRODUCTION.join('\n\n'),
      // The answers are the register of schools (Get Information About Schools) and the alliance's public directory.
      license: {
        name: 'Open Government Licence v3.0',
        url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
      },
    },
    servers: [{ url: baseUrl, description: 'This installation' }],
    paths: {
      ...enquiriesOpenApiPaths,
      ...specialismsOpenApiPaths,
      ...directoryOpenApiPaths,
      ...schoolsOpenApiPaths,
    },
    components: {
      schemas: {
        EnquirySubmission: enquirySubmissionSchema,
        Errors: {
          type: 'object',
          required: ['errors'],
          properties: {
            errors: {
              type: 'array',
              items: {
                type: 'object',
                required: ['field', 'message'],
                properties: {
                  field: {
                    type: 'string',
                    description: 'The field at fault, or "body" when the request as a whole is',
                  },
                  message: { type: 'string', description: 'What is wrong and how to put it right' },
                },
              },
            },
          },
        },
      },
      responses: {
        BadRequest: refusal('The request was refused; each error names the field and says how to fix it'),
        NotFound: refusal('There is no such record (or it is no longer public)'),
        TooLarge: refusal('The body is larger than 64 KB'),
        NotJson: refusal('The body was not sent as application/json'),
        TooMany: {
          ...refusal('Too many requests from this network address in the last hour'),
          headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;

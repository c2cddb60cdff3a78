import type { FastifyInstance } from 'fastify';
import { directoryOpenApiPaths } from '../directory/directory.openapi.ts';
import { enquiriesOpenApiPaths, enquirySubmissionSchema } from '../enquiries/enquiries.openapi.ts';
import { schoolsOpenApiPaths } from '../schools/schools.openapi.ts';

/** The public API's contract, assembled from each capability's own part. */
export function openApiDocument(baseUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'School-to-school support API',
      version: '1.0.0',
      description:
        'Lets an alliance’s own website send requests for support into the service, embed the directory of system leaders and look up schools.',
    },
    servers: [{ url: baseUrl }],
    paths: { ...enquiriesOpenApiPaths, ...directoryOpenApiPaths, ...schoolsOpenApiPaths },
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
        BadRequest: {
          description: 'The request was refused; each error names the field and says how to fix it',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Errors' } } },
        },
      },
    },
  };
}

export function registerOpenApiRoutes(app: FastifyInstance, options: { baseUrl: string }): void {
  const document = openApiDocument(options.baseUrl);
  app.get('/api/openapi.json', { config: { access: 'public' } }, async (_request, reply) => reply.send(document));
}

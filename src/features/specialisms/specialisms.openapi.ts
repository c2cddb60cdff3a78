export const specialismsOpenApiPaths = {
  '/api/specialisms': {
    get: {
      operationId: 'listSpecialisms',
      security: [],
      summary: 'The alliance’s specialisms',
      description:
        'The names `specialisms` in POST /api/enquiries and `specialism` in GET /api/system-leaders accept, each with ' +
        'the group it is shown under on the request form.',
      responses: {
        '200': {
          description: 'Every specialism that can be chosen now',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['results'],
                properties: {
                  results: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['name', 'group'],
                      properties: {
                        name: { type: 'string', example: 'Maths' },
                        group: { type: 'string', example: 'Curriculum and subjects' },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

export const schoolsOpenApiPaths = {
  '/api/schools': {
    get: {
      operationId: 'searchSchools',
      security: [],
      summary: 'Find open schools in England by name, town, postcode or URN',
      description:
        'Backs the type-ahead on the request form. At most 10 results; names that start with the query come first.',
      parameters: [
        {
          name: 'q',
          in: 'query',
          schema: { type: 'string', maxLength: 100 },
          example: 'Palmerston',
          description: 'A name, town, postcode or URN. Without it, or with fewer than 2 letters or digits, no results',
        },
      ],
      responses: {
        '200': {
          description: 'Matching schools',
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
                      required: ['urn', 'name', 'label'],
                      properties: {
                        urn: { type: 'integer', example: 104748 },
                        name: { type: 'string', example: 'Palmerston School' },
                        town: { type: ['string', 'null'] },
                        postcode: { type: ['string', 'null'] },
                        phase: { type: ['string', 'null'] },
                        label: { type: 'string', example: 'Palmerston School, Liverpool L17 6AU (URN 104748)' },
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
};

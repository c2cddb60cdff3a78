import type { FastifyInstance } from 'fastify';
import { registerUploadRoutes } from '../../platform/uploads/uploads.multipart.ts';
import { schoolUploadHandlers, type SchoolUploadRouteServices } from './schools-upload.handlers.ts';

/** The register of schools is every alliance's: only administrators change it. */
const administrators = ['administrator'] as const;

export function registerSchoolUploadRoutes(app: FastifyInstance, services: SchoolUploadRouteServices): void {
  const handlers = schoolUploadHandlers(services);
  const access = { access: administrators };
  app.get('/staff/schools/import', { config: access }, handlers.show);
  registerUploadRoutes(app, { maxBytes: services.maxBytes }, (scope) => {
    scope.post(
      '/staff/schools/import',
      { config: { ...access, showFormAgain: handlers.uploadAgain } },
      handlers.submit,
    );
  });
  app.get('/staff/schools/import/check', { config: access }, handlers.showCheck);
  app.post(
    '/staff/schools/import/check',
    { config: { ...access, showFormAgain: handlers.checkAgain } },
    handlers.submitCheck,
  );
  app.get('/staff/schools/imports/:id', { config: access }, handlers.showReport);
}

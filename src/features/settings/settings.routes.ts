import type { FastifyInstance } from 'fastify';
import { registerUploadRoutes } from '../../platform/uploads/uploads.multipart.ts';
import { BANK_HOLIDAYS_MAX_BYTES, settingsHandlers, type SettingsRouteServices } from './settings.handlers.ts';
import { termDatesHandlers } from './term-dates.handlers.ts';
import type { TermDatesService } from './term-dates.service.ts';

/** The alliance's settings, for its administrators. */
export function registerSettingsRoutes(
  app: FastifyInstance,
  services: SettingsRouteServices & { termDates: TermDatesService },
): void {
  const handlers = settingsHandlers(services);
  const terms = termDatesHandlers(services);
  const access = { access: ['administrator'] as const };

  app.get('/staff/settings', { config: access }, handlers.show);
  app.post('/staff/settings', { config: { ...access, showFormAgain: handlers.submitAgain } }, handlers.submit);
  app.post(
    '/staff/settings/closure-dates',
    { config: { ...access, showFormAgain: handlers.addClosureAgain } },
    handlers.addClosure,
  );
  app.post(
    '/staff/settings/standard-terms',
    { config: { ...access, showsRefusedText: true, showFormAgain: handlers.saveStandardTermsAgain } },
    handlers.saveStandardTerms,
  );
  app.post('/staff/settings/closure-dates/:date/remove', { config: access }, handlers.removeClosure);
  app.get('/staff/settings/term-dates', { config: access }, terms.show);
  app.post('/staff/settings/term-dates', { config: { ...access, showFormAgain: terms.addAgain } }, terms.add);
  app.post('/staff/settings/term-dates/:firstDay/remove', { config: access }, terms.remove);
  registerUploadRoutes(app, { maxBytes: BANK_HOLIDAYS_MAX_BYTES }, (scope) => {
    scope.post(
      '/staff/settings/bank-holidays',
      { config: { ...access, showFormAgain: handlers.uploadBankHolidaysAgain } },
      handlers.uploadBankHolidays,
    );
  });
}

import type { FastifyInstance } from 'fastify';
import {
  LISTING_CONSENT_PATH,
  listingConsentHandlers,
  type ListingConsentRouteServices,
} from './listing-consent.handlers.ts';

/**
 * A newly designated leader's answer to being listed in the public directory. The emailed link needs
 * no password: the single-use token in it is the permission. It travels in the query (and the form's
 * body), never the path, because the log keeps a URL's path but not its query's values.
 */
export function registerListingConsentRoutes(app: FastifyInstance, services: ListingConsentRouteServices): void {
  const handlers = listingConsentHandlers(services);
  app.get(LISTING_CONSENT_PATH, { config: { access: 'public' } }, handlers.show);
  app.post(
    LISTING_CONSENT_PATH,
    { config: { access: 'public', showFormAgain: handlers.answerAgain } },
    handlers.answer,
  );
  // Asking again, from the leader's page: a new link, when the first expired or they said no.
  app.post(
    '/staff/leaders/:id/listing-consent',
    { config: { access: ['administrator', 'coordinator'] } },
    handlers.askAgain,
  );
}

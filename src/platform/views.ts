import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import nunjucks from 'nunjucks';
import { formatDate, formatLongDate } from './calendar/calendar-date.ts';
import { formatHalfDays, formatPence } from './units.ts';
import { takeFlash } from './flash.ts';
import { csrfUserInfo } from './security.ts';

const root = path.resolve(import.meta.dirname, '../..');
export const PUBLIC_ASSETS_DIR = path.join(root, 'public/assets');

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a Nunjucks page with the layout's context and sends it. */
    render(template: string, context?: Record<string, unknown>): Promise<FastifyReply>;
    /** Renders a template without the layout, to a string: a part of a page that can be cached. */
    renderFragment(template: string, context: Record<string, unknown>): string;
  }
}

export type LayoutContextProvider = (request: FastifyRequest) => Promise<Record<string, unknown>>;

/**
 * Templates are found in src/views (the layout and shared partials), in each feature's folder
 * (`enquiries/views/form.njk`), in each part of the platform that has pages (`audit/views/trail.njk`)
 * and in GOV.UK Frontend (`govuk/components/...`).
 */
export function createTemplateEnvironment(): nunjucks.Environment {
  // Templates are compiled once and cached; `npm run dev` restarts the server when one changes.
  const loader = new nunjucks.FileSystemLoader([
    path.join(root, 'src/views'),
    path.join(root, 'src/features'),
    path.join(root, 'src/platform'),
    path.join(root, 'node_modules/govuk-frontend/dist'),
  ]);
  const environment = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  environment.addFilter('longDate', (date: string) => (date ? formatLongDate(date) : ''));
  environment.addFilter('date', (date: string | null | undefined) => (date ? formatDate(date) : ''));
  environment.addFilter('count', (value: number | null | undefined) =>
    typeof value === 'number' ? value.toLocaleString('en-GB') : '',
  );
  environment.addFilter('halfDays', (halfDays: number | null | undefined) =>
    halfDays === null || halfDays === undefined ? '' : formatHalfDays(halfDays),
  );
  environment.addFilter('pence', (pence: number | null | undefined) =>
    pence === null || pence === undefined ? '' : formatPence(pence),
  );
  return environment;
}

/**
 * Asset URLs carry a hash of the file's content, so browsers may cache them for a long time and
 * still fetch a new version the moment it changes.
 */
function fingerprintAssets(): (file: string) => string {
  const hashes = new Map<string, string>();
  return (file: string) => {
    let hash = hashes.get(file);
    if (hash === undefined) {
      const fullPath = path.join(PUBLIC_ASSETS_DIR, file);
      hash = fs.existsSync(fullPath)
        ? crypto.createHash('sha256').update(fs.readFileSync(fullPath)).digest('hex').slice(0, 10)
        : 'missing';
      hashes.set(file, hash);
    }
    return `/assets/${file}?v=${hash}`;
  };
}

export function registerViews(app: FastifyInstance, options: { layoutContext: LayoutContextProvider }): void {
  const environment = createTemplateEnvironment();
  const assetUrl = fingerprintAssets();

  app.decorateReply(
    'render',
    async function render(this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
      const request = this.request;
      const layout = await options.layoutContext(request);
      let csrfToken: string | undefined;
      const html = environment.render(template, {
        ...layout,
        ...context,
        // Not `assetUrl`: GOV.UK's template reads that name for its og:image tag.
        fingerprinted: assetUrl,
        cspNonce: this.cspNonce?.script,
        currentPath: request.url.split('?')[0],
        // A function, so only pages with a form set the CSRF cookie; once per page, because each call
        // without a cookie makes a new secret, and every form on the page must match the last one set.
        csrfToken: () => (csrfToken ??= this.generateCsrf({ userInfo: csrfUserInfo(request) })),
        currentUser: request.user,
        flash: takeFlash(request, this),
      });
      return this.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    },
  );

  app.decorateReply(
    'renderFragment',
    function renderFragment(this: FastifyReply, template: string, context: Record<string, unknown>) {
      return environment.render(template, context);
    },
  );
}

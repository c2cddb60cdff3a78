import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isApiRequest, renderProblemPage } from '../errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * For a form whose handler shows it again with `refusedFormErrors` (input kept, each field named):
     * text with control characters is passed to the handler instead of refused with an error page.
     */
    showsRefusedText?: boolean;
    /** Fields the handler makes safe itself (a return address falls back to the staff home). */
    ownsTextChecks?: readonly string[];
  }
  interface FastifyRequest {
    /** Fields (of the URL, query or body) holding control characters: set only where the form shows them. */
    refusedText: string[];
  }
}

/**
 * C0 controls except tab, line feed and carriage return; DEL; and the C1 controls. PostgreSQL refuses
 * NUL in text outright (a 500 before this check), and none of the others belongs in what a person types.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export function hasControlCharacters(value: string): boolean {
  return CONTROL_CHARACTERS.test(value);
}

/** Whether any string inside a value (arrays and objects searched, as JSON bodies nest) holds one. */
function holdsControlCharacters(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return hasControlCharacters(value);
  // Parsed JSON is bounded by the body limit; the depth bound only keeps a hostile nesting cheap.
  if (depth > 32 || typeof value !== 'object' || value === null) return false;
  const entries = Array.isArray(value) ? value.map((item) => ['', item] as const) : Object.entries(value);
  return entries.some(([key, item]) => hasControlCharacters(key) || holdsControlCharacters(item, depth + 1));
}

/** The top-level names (as a form or the JSON API names its fields) whose values hold control characters. */
export function fieldsWithControlCharacters(values: unknown, skip: readonly string[] = []): string[] {
  if (typeof values !== 'object' || values === null)
    return typeof values === 'string' && hasControlCharacters(values) ? ['body'] : [];
  return Object.entries(values)
    .filter(([name, value]) => !skip.includes(name) && (hasControlCharacters(name) || holdsControlCharacters(value)))
    .map(([name]) => (hasControlCharacters(name) ? 'body' : name));
}

/** Names that read badly as words: a search box's `q`. */
const FIELD_NAMES: Record<string, string> = { q: 'Search' };

/** "contactName" -> "Contact name": a field's name as the message about it reads. */
export function describeField(name: string): string {
  if (FIELD_NAMES[name]) return FIELD_NAMES[name];
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function controlCharactersMessage(name: string): string {
  return `${describeField(name)} must not contain control characters`;
}

/**
 * Refuses control characters in a route's parameters, query string and body, in one place, before any
 * handler (or the database) sees them. A preHandler, so multipart forms' text fields (attached to the
 * body in their own preValidation) are checked too; nothing has been written by then.
 */
export function refuseControlCharacters(app: FastifyInstance): void {
  app.decorateRequest('refusedText', null as unknown as string[]);
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const config = request.routeOptions.config ?? {};
    const skip = config.ownsTextChecks ?? [];
    const fields = [
      ...new Set([
        ...fieldsWithControlCharacters(request.params, skip),
        ...fieldsWithControlCharacters(request.query, skip),
        ...fieldsWithControlCharacters(request.body, skip),
      ]),
    ];
    request.refusedText = fields;
    if (fields.length === 0) return;
    request.log.info({ fields }, 'Request refused: control characters in its text');
    if (isApiRequest(request))
      return reply
        .code(400)
        .send({ errors: fields.map((name) => ({ field: name, message: controlCharactersMessage(name) })) });
    if (config.showsRefusedText && request.method === 'POST' && !fieldsWithControlCharacters(request.params).length)
      return;
    return renderProblemPage(reply, 400, {
      heading: 'Sorry, there is a problem with that request',
      paragraphs: [
        ...fields.map((name) => `${controlCharactersMessage(name)}.`),
        'Go back, remove them (they can come with text pasted from another program) and try again.',
      ],
    });
  });
}

import crypto from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TestApp } from './test-app.ts';

export type FileToSend = { field: string; filename: string; content: string | Buffer; contentType?: string };

/**
 * Posts a form with a file as a browser does (multipart/form-data): the CSRF token first, then the
 * other fields, then the file. Leave out `csrfToken` to send none.
 */
export async function submitUpload(
  app: FastifyInstance,
  url: string,
  file: FileToSend | undefined,
  session: { csrfToken?: string; cookies: Record<string, string> },
  fields: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const boundary = `----test${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  const field = (name: string, value: string) =>
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (session.csrfToken) field('_csrf', session.csrfToken);
  for (const [name, value] of Object.entries(fields)) field(name, value);
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType ?? 'text/csv'}\r\n\r\n`,
      ),
    );
    parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return app.inject({
    method: 'POST',
    url,
    cookies: session.cookies,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}

/**
 * Holds the import lock of `key` as another request (or instance) would while its import runs, and
 * returns the function that ends that import.
 */
export async function holdImportLock(t: TestApp, key: string, userId: number | null): Promise<() => Promise<void>> {
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let holding!: () => void;
  const held = new Promise<void>((resolve) => (holding = resolve));
  const outcome = t.app.services.importLocks.runExclusive(key, userId, async () => {
    holding();
    await finished;
  });
  await Promise.race([
    held,
    outcome.then((result) => Promise.reject(new Error(`The lock of ${key} was not free: ${JSON.stringify(result)}`))),
  ]);
  return async () => {
    finish();
    await outcome;
  };
}

/**
 * Posts a multipart body that no browser sends whole: `no-boundary` (the content type names none) or
 * `cut-off` (the file's part never reaches its closing boundary, as when a connection drops).
 */
export async function submitMalformedUpload(
  app: FastifyInstance,
  url: string,
  how: 'no-boundary' | 'cut-off',
  session: { csrfToken: string; cookies: Record<string, string> },
): Promise<LightMyRequestResponse> {
  const boundary = `----test${crypto.randomBytes(8).toString('hex')}`;
  const body =
    `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${session.csrfToken}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="register.csv"\r\n` +
    `Content-Type: text/csv\r\n\r\nname,email\r\nAda Lovelace,ada@example.org\r\n`;
  return app.inject({
    method: 'POST',
    url,
    cookies: session.cookies,
    headers: {
      'content-type': how === 'no-boundary' ? 'multipart/form-data' : `multipart/form-data; boundary=${boundary}`,
    },
    payload: body,
  });
}

import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { renderProblemPage } from '../errors.ts';
import { makeUploadDirectory, removeUploadDirectory } from './upload-directories.ts';

/** A file received and written to a directory of its own under the system's temporary directory. */
export type UploadedFile = { directory: string; path: string; filename: string; size: number };

/** What came in the form's file field: the file, or why there is none to use. */
export type Upload = { ok: true; file: UploadedFile } | { ok: false; problem: 'missing' | 'empty' | 'too-large' };

type FilePartValue = { uploaded: UploadedFile } | { tooLarge: true } | { missing: true };

/** Requests whose multipart body was read to the end. */
const parsed = new WeakSet<FastifyRequest>();

/** Each request's upload directory, deleted when its response has gone (or the client gave up). */
const directories = new WeakMap<FastifyRequest, string>();

/**
 * Registers routes that receive one file by multipart/form-data, in a scope of their own so no other
 * route accepts multipart bodies. The whole body is read before the route's preHandlers run, so the
 * CSRF token (a field of the same form) is checked as for any other form, after parsing. The file
 * goes straight to disk (never held in memory), is cut off at `maxBytes`, and is deleted when the
 * response is sent, unless the handler hands it to PendingUploads first.
 */
export function registerUploadRoutes(
  app: FastifyInstance,
  options: { maxBytes: number },
  routes: (scope: FastifyInstance) => void,
): void {
  app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      // A file over the limit is reported on the form, not thrown as a bare 413.
      throwFileSizeLimit: false,
      limits: { fileSize: options.maxBytes, files: 1, fields: 20, fieldSize: 10_000, parts: 21 },
      onFile: saveToTemporaryDirectory,
    });
    const cleanUp = async (request: FastifyRequest) => {
      const directory = directories.get(request);
      if (directory) removeUploadDirectory(directory);
    };
    scope.addHook('onResponse', cleanUp);
    scope.addHook('onRequestAbort', cleanUp);
    // The body was read whole: from here on, an error is the service's, not the upload's.
    scope.addHook('preHandler', async (request) => void parsed.add(request));
    scope.setErrorHandler(async (error: FastifyError, request, reply) => {
      // A body that is not multipart as sent (no boundary, or cut off before the closing one): the
      // parser (busboy) throws plain errors, a 500 to the app's handler, though the request is at fault.
      if (parsed.has(request) || (error.statusCode !== undefined && error.statusCode < 500)) throw error;
      request.log.info({ message: error.message }, 'Upload refused: the form did not arrive whole');
      return renderProblemPage(reply, 400, {
        heading: 'The file did not arrive whole',
        paragraphs: [
          'The upload was cut off, or was not sent as a form with a file. Nothing has been changed.',
          'Go back, choose the file again and upload it.',
        ],
      });
    });
    routes(scope);
  });
}

async function saveToTemporaryDirectory(this: FastifyRequest, part: MultipartFile): Promise<void> {
  if (!part.filename) {
    // A form sent with no file chosen still carries an empty file part.
    part.file.resume();
    part.value = { missing: true } satisfies FilePartValue;
    return;
  }
  const directory = makeUploadDirectory();
  directories.set(this, directory);
  // Never the person's file name as a path: it is only shown back to them.
  const target = path.join(directory, 'upload');
  await pipeline(part.file, fs.createWriteStream(target));
  const size = fs.statSync(target).size;
  part.value = (
    part.file.truncated
      ? { tooLarge: true }
      : { uploaded: { directory, path: target, filename: part.filename.slice(0, 200), size } }
  ) satisfies FilePartValue;
}

/** The file sent in `field`, or what was wrong. A form sent URL-encoded (no file at all) is "missing". */
export function uploadFrom(request: FastifyRequest, field: string): Upload {
  const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
    string,
    unknown
  >;
  const value = body[field] as FilePartValue | undefined;
  if (value && typeof value === 'object' && 'uploaded' in value) {
    return value.uploaded.size === 0 ? { ok: false, problem: 'empty' } : { ok: true, file: value.uploaded };
  }
  if (value && typeof value === 'object' && 'tooLarge' in value) return { ok: false, problem: 'too-large' };
  return { ok: false, problem: 'missing' };
}

/** The file is now PendingUploads' to delete, not the request's. */
export function keepUpload(request: FastifyRequest): void {
  directories.delete(request);
}

/** "5 MB": a limit as a person reads it. */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

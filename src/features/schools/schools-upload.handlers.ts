import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { field, type FormErrors } from '../../platform/forms.ts';
import { notFound } from '../../platform/http/replies.ts';
import { busyMessage, importRecordFrom } from '../../platform/uploads/import-records.ts';
import { describeBytes, keepUpload, uploadFrom } from '../../platform/uploads/uploads.multipart.ts';
import type { SchoolFileInspection, SchoolRegisterService } from './schools-upload.service.ts';
import { formProblemStatus, bodyOf, actorOf, parseId } from '../../platform/http/requests.ts';

const UPLOAD_PATH = '/staff/schools/import';
const CHECK_PATH = '/staff/schools/import/check';

const problem = (id: string, text: string): FormErrors => ({
  summary: [{ text, href: `#${id}` }],
  fields: { [id]: { text } },
});

export type SchoolUploadRouteServices = { schoolRegister: SchoolRegisterService; maxBytes: number };

/** Administrators' pages for bringing the register of schools up to date from a file. */
export function schoolUploadHandlers({ schoolRegister: register, maxBytes }: SchoolUploadRouteServices) {
  const limit = describeBytes(maxBytes);
  const userId = (request: FastifyRequest) => actorOf(request).id;

  async function renderUpload(reply: FastifyReply, values: { full: boolean }, errors?: FormErrors) {
    const earlier = await register.earlierImports(10);
    return reply.render('schools/views/import.njk', { values, errors, limit, earlier: earlier.map(importRecordFrom) });
  }

  function renderCheck(reply: FastifyReply, token: string, inspection: SchoolFileInspection, errors?: FormErrors) {
    const count = (value: number) => value.toLocaleString('en-GB');
    return reply.render('schools/views/import-check.njk', {
      token,
      inspection,
      size: describeBytes(inspection.size),
      rows: count(inspection.rows),
      closes: count(inspection.closes),
      errors,
    });
  }

  return {
    async show(_request: FastifyRequest, reply: FastifyReply) {
      return renderUpload(reply, { full: false });
    },

    /** Step 1: the file is read through and described; nothing changes until step 2. */
    async submit(request: FastifyRequest, reply: FastifyReply) {
      const values = { full: field(bodyOf(request), 'full') === 'yes' };
      const upload = uploadFrom(request, 'register');
      if (!upload.ok) {
        const message = {
          missing: 'Select a CSV file of schools',
          empty: 'The selected file is empty',
          'too-large': `The selected file must be smaller than ${limit}`,
        }[upload.problem];
        return renderUpload(
          reply.code(upload.problem === 'too-large' ? 413 : 400),
          values,
          problem('register', message),
        );
      }
      const inspected = await register.inspect(upload.file, values);
      if (!inspected.ok)
        return renderUpload(
          reply.code(400),
          values,
          problem('register', `This file cannot be imported. ${inspected.message}`),
        );
      keepUpload(request);
      const token = register.pending.hold(upload.file, userId(request), inspected.inspection);
      return reply.redirect(`${CHECK_PATH}?upload=${encodeURIComponent(token)}`, 303);
    },

    async uploadAgain(request: FastifyRequest, reply: FastifyReply, formProblem: FormProblem) {
      const values = { full: field(bodyOf(request), 'full') === 'yes' };
      return renderUpload(
        reply.code(formProblemStatus(formProblem)),
        values,
        problem('register', 'This form had expired, so nothing was uploaded. Select the file and upload it again'),
      );
    },

    async showCheck(request: FastifyRequest<{ Querystring: { upload?: string } }>, reply: FastifyReply) {
      const token = String(request.query.upload ?? '');
      const held = register.pending.peek(token, userId(request));
      if (!held) {
        setFlash(reply, 'That upload has expired or has already been dealt with. Upload the file again');
        return reply.redirect(UPLOAD_PATH, 303);
      }
      return renderCheck(reply, token, held.details);
    },

    /** Step 2: import the file as inspected, or cancel and delete it. */
    async submitCheck(request: FastifyRequest, reply: FastifyReply) {
      const body = bodyOf(request);
      const token = field(body, 'upload');
      if (field(body, 'decision') === 'cancel') {
        if (register.pending.peek(token, userId(request))) register.pending.discard(token);
        setFlash(reply, 'Cancelled: the register was not changed, and the file is deleted');
        return reply.redirect(UPLOAD_PATH, 303);
      }
      const confirmed = field(body, 'confirmClosures');
      const outcome = await register.importHeld(
        actorOf(request),
        token,
        /^\d+$/.test(confirmed) ? Number(confirmed) : undefined,
      );
      switch (outcome.kind) {
        case 'imported':
          return reply.redirect(`/staff/schools/imports/${outcome.eventId}`, 303);
        case 'expired':
          setFlash(reply, 'That upload has expired or has already been dealt with. Upload the file again');
          return reply.redirect(UPLOAD_PATH, 303);
        case 'needs-confirmation': {
          const text = outcome.changed
            ? `The register has changed since the file was checked: importing it will now close ${outcome.inspection.closes.toLocaleString('en-GB')} schools. Check and confirm again`
            : `Confirm that ${outcome.inspection.closes.toLocaleString('en-GB')} open schools not in the file will be marked closed`;
          return renderCheck(reply.code(400), token, outcome.inspection, problem('confirmClosures', text));
        }
        case 'busy': {
          const held = register.pending.peek(token, userId(request))!;
          return renderCheck(
            reply.code(409),
            token,
            held.details,
            problem('import-file', busyMessage('import of the register', outcome.busy, 'import it again')),
          );
        }
        case 'failed':
          return renderUpload(
            reply.code(400),
            { full: false },
            problem('register', `Nothing was imported. ${outcome.message}`),
          );
      }
    },

    async checkAgain(request: FastifyRequest, reply: FastifyReply, formProblem: FormProblem) {
      const token = field(bodyOf(request), 'upload');
      const held = register.pending.peek(token, userId(request));
      const errors = problem(
        'import-file',
        'This form had expired, so nothing was imported. Check the details and import again',
      );
      if (!held) return renderUpload(reply.code(formProblemStatus(formProblem)), { full: false }, errors);
      return renderCheck(reply.code(formProblemStatus(formProblem)), token, held.details, errors);
    },

    async showReport(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
      const id = parseId(request.params.id);
      const row = id === undefined ? undefined : await register.importRecord(id);
      if (!row) return notFound(reply);
      return reply.render('schools/views/import-report.njk', { record: importRecordFrom(row) });
    },
  };
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { CsvError } from '../../platform/csv.ts';
import type { FormProblem } from '../../platform/errors.ts';
import type { FormErrors } from '../../platform/forms.ts';
import { ImportFileError } from '../../platform/imports.ts';
import { busyMessage, importRecordFrom } from '../../platform/uploads/import-records.ts';
import { describeBytes, uploadFrom } from '../../platform/uploads/uploads.multipart.ts';
import { notFound } from '../../platform/http/replies.ts';
import { actorOf, formProblemStatus, parseId } from '../../platform/http/requests.ts';
import type { LeaderAdminRouteServices } from './leaders-admin.common.ts';

const fileError = (text: string): FormErrors => ({
  summary: [{ text, href: '#roster' }],
  fields: { roster: { text } },
});

/** Coordinators upload a CSV roster of system leaders; the report of each upload stays on record. */
export function rosterUploadHandlers(services: LeaderAdminRouteServices) {
  const limit = describeBytes(services.rosterMaxBytes);

  async function render(reply: FastifyReply, errors?: FormErrors) {
    const earlier = await services.leadersAdmin.earlierRosterImports(10);
    return reply.render('leaders/views/roster-upload.njk', { errors, limit, earlier: earlier.map(importRecordFrom) });
  }

  return {
    async show(_request: FastifyRequest, reply: FastifyReply) {
      return render(reply);
    },

    async submit(request: FastifyRequest, reply: FastifyReply) {
      const upload = uploadFrom(request, 'roster');
      if (!upload.ok) {
        const message = {
          missing: 'Select a CSV file of system leaders',
          empty: 'The selected file is empty',
          'too-large': `The selected file must be smaller than ${limit}`,
        }[upload.problem];
        return render(reply.code(upload.problem === 'too-large' ? 413 : 400), fileError(message));
      }
      try {
        const outcome = await services.leadersAdmin.importRoster(actorOf(request), upload.file);
        if (!outcome.ok)
          return render(
            reply.code(409),
            fileError(busyMessage('upload of a roster', outcome.busy, 'upload the file again')),
          );
        return reply.redirect(`/staff/leaders/roster/${outcome.eventId}`, 303);
      } catch (error) {
        if (!(error instanceof ImportFileError || error instanceof CsvError)) throw error;
        // The message may name the temporary file: the person knows it by the name they chose.
        const message = error.message.replaceAll(upload.file.path, upload.file.filename);
        return render(reply.code(400), fileError(`Nothing was imported. ${message}`));
      }
    },

    async again(_request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      return render(
        reply.code(formProblemStatus(problem)),
        fileError('This form had expired, so nothing was imported. Select the file and upload it again'),
      );
    },

    async showReport(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
      const id = parseId(request.params.id);
      const row = id === undefined ? undefined : await services.leadersAdmin.rosterImport(id);
      if (!row) return notFound(reply);
      return reply.render('leaders/views/roster-report.njk', { record: importRecordFrom(row) });
    },
  };
}

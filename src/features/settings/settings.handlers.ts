import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatLongDate, isCalendarDate } from '../../platform/calendar/calendar-date.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { toFormErrors, type FormErrors } from '../../platform/forms.ts';
import type { AllianceSettingsService } from './settings.service.ts';
import type { Alliance, AllianceService } from '../../platform/alliance/alliance.service.ts';
import {
  closureFormValues,
  parseClosure,
  parseSettings,
  settingsFormValues,
  type ClosureFormValues,
  type SettingsFormValues,
} from './settings.schema.ts';
import { formProblemStatus, bodyOf, actorOf } from '../../platform/http/requests.ts';
import { describeBytes, uploadFrom } from '../../platform/uploads/uploads.multipart.ts';

/** GOV.UK's file is about 20 KB; a hundred times that is not a list of bank holidays. */
export const BANK_HOLIDAYS_MAX_BYTES = 2 * 1024 * 1024;

const bankHolidaysProblem = (text: string): FormErrors => ({
  summary: [{ text, href: '#bankHolidays' }],
  fields: { bankHolidays: { text } },
});

function valuesOf(alliance: Alliance): SettingsFormValues {
  return {
    name: alliance.name,
    addressLines: alliance.addressLines.join('\n'),
    telephone: alliance.telephone,
    email: alliance.email,
    website: alliance.website,
    responseWorkingDays: String(alliance.responseWorkingDays),
    cutOffTime: alliance.cutOffTime,
    typicalSleDaysPerYear: String(alliance.typicalSleDaysPerYear),
    minimumDeploymentDays: String(alliance.minimumDeploymentHalfDays / 2),
    quietWeeks: String(alliance.quietWeeks),
    escalateAfterWorkingDays: String(alliance.escalateAfterWorkingDays),
  };
}

const EMPTY_CLOSURE: ClosureFormValues = { day: '', month: '', year: '', description: '' };

export type SettingsRouteServices = { alliances: AllianceService; allianceSettings: AllianceSettingsService };

export function settingsHandlers(services: SettingsRouteServices) {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    page: {
      values?: SettingsFormValues;
      errors?: FormErrors;
      closure?: ClosureFormValues;
      closureErrors?: FormErrors;
      bankHolidayErrors?: FormErrors;
    },
  ) {
    const alliance = await services.alliances.current();
    const closures = await services.allianceSettings.closureDates();
    const otherErrors = page.closureErrors ?? page.bankHolidayErrors;
    return reply.render('settings/views/settings.njk', {
      values: page.values ?? valuesOf(alliance),
      // One error summary for the page, whichever of its forms the problems are in.
      errors: page.errors ?? (otherErrors ? { summary: otherErrors.summary, fields: {} } : undefined),
      closure: page.closure ?? EMPTY_CLOSURE,
      closureErrors: page.closureErrors,
      bankHolidayErrors: page.bankHolidayErrors,
      bankHolidaysKnownUntil: (await services.alliances.calendar()).bankHolidaysKnownUntil,
      bankHolidaysRunningOut: await services.alliances.bankHolidaysRunningOut(),
      bankHolidaysLimit: describeBytes(BANK_HOLIDAYS_MAX_BYTES),
      closures: closures.map((closure) => ({ ...closure, label: formatLongDate(closure.date) })),
      auditTrail: await services.allianceSettings.trail(actorOf(request)),
    });
  }

  return {
    async show(request: FastifyRequest, reply: FastifyReply) {
      return render(request, reply, {});
    },

    async submit(request: FastifyRequest, reply: FastifyReply) {
      const values = settingsFormValues(bodyOf(request));
      const parsed = parseSettings(values);
      if (!parsed.ok) return render(request, reply.code(400), { values, errors: toFormErrors(parsed.problems) });
      const changed = await services.allianceSettings.update(actorOf(request), parsed.settings);
      setFlash(reply, changed ? 'Settings saved' : 'Nothing was changed');
      return reply.redirect('/staff/settings', 303);
    },

    async submitAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const text = 'This form had expired, so nothing was saved. Check your answers and try again';
      return render(request, reply.code(formProblemStatus(problem)), {
        values: settingsFormValues(bodyOf(request)),
        errors: { summary: [{ text, href: '#name' }], fields: {} },
      });
    },

    async addClosure(request: FastifyRequest, reply: FastifyReply) {
      const closure = closureFormValues(bodyOf(request));
      const parsed = parseClosure(closure);
      if (!parsed.ok)
        return render(request, reply.code(400), {
          closure,
          closureErrors: toFormErrors(parsed.problems, { closureDate: 'closureDate-day' }),
        });
      await services.allianceSettings.addClosure(actorOf(request), parsed.date, parsed.description);
      setFlash(reply, `Closure date added: ${formatLongDate(parsed.date)}`);
      return reply.redirect('/staff/settings#closure-dates', 303);
    },

    async addClosureAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const text = 'This form had expired, so the date was not added. Check it and try again';
      return render(request, reply.code(formProblemStatus(problem)), {
        closure: closureFormValues(bodyOf(request)),
        closureErrors: { summary: [{ text, href: '#closureDate-day' }], fields: {} },
      });
    },

    async removeClosure(request: FastifyRequest<{ Params: { date: string } }>, reply: FastifyReply) {
      const date = request.params.date;
      if (!isCalendarDate(date) || !(await services.allianceSettings.removeClosure(actorOf(request), date)))
        return reply.callNotFound();
      setFlash(reply, `Closure date removed: ${formatLongDate(date)}`);
      return reply.redirect('/staff/settings#closure-dates', 303);
    },

    async uploadBankHolidays(request: FastifyRequest, reply: FastifyReply) {
      const upload = uploadFrom(request, 'bankHolidays');
      if (!upload.ok) {
        const message = {
          missing: 'Select GOV.UK’s bank-holidays.json file',
          empty: 'The selected file is empty',
          'too-large': `The selected file must be smaller than ${describeBytes(BANK_HOLIDAYS_MAX_BYTES)}`,
        }[upload.problem];
        return render(request, reply.code(upload.problem === 'too-large' ? 413 : 400), {
          bankHolidayErrors: bankHolidaysProblem(message),
        });
      }
      const outcome = await services.allianceSettings.importBankHolidays(actorOf(request), upload.file);
      if (!outcome.ok)
        return render(request, reply.code(400), {
          bankHolidayErrors: bankHolidaysProblem(`This file cannot be imported. ${outcome.message}`),
        });
      const until = outcome.lastKnown ? `; bank holidays are known until ${formatLongDate(outcome.lastKnown)}` : '';
      setFlash(reply, `${outcome.added} bank holidays added${until}`, { at: 'bank-holidays' });
      return reply.redirect('/staff/settings#bank-holidays', 303);
    },

    async uploadBankHolidaysAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const text = 'This form had expired, so nothing was imported. Choose the file and upload it again';
      return render(request, reply.code(formProblemStatus(problem)), { bankHolidayErrors: bankHolidaysProblem(text) });
    },
  };
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatLongDate, isCalendarDate } from '../../platform/calendar/calendar-date.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { refusedFormErrors, toFormErrors, type FormErrors } from '../../platform/forms.ts';
import {
  STANDARD_TERM_HEADINGS,
  STANDARD_TERM_KEYS,
  STANDARD_TERM_MAX_LENGTH,
} from '../../platform/alliance/standard-terms.ts';
import { parseStandardTerms, standardTermsFormValues, type StandardTermsFormValues } from './standard-terms.schema.ts';
import { describeClosure, type AllianceSettingsService } from './settings.service.ts';
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

const closureFieldIds = { closureDate: 'closureDate-day', closureLastDate: 'closureLastDate-day' };

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
    apiAllowedOrigins: alliance.apiAllowedOrigins.join('\n'),
  };
}

const EMPTY_CLOSURE: ClosureFormValues = {
  day: '',
  month: '',
  year: '',
  lastDay: '',
  lastMonth: '',
  lastYear: '',
  description: '',
};

/** What moving the open enquiries' reply-by dates did, said after the change itself. */
function deadlinesMovedText(moved: number): string {
  if (moved === 0) return '';
  return moved === 1
    ? '. 1 enquiry waiting for an answer has a new reply-by date'
    : `. ${moved} enquiries waiting for an answer have new reply-by dates`;
}

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
      standardTerms?: StandardTermsFormValues;
      standardTermsErrors?: FormErrors;
    },
  ) {
    const alliance = await services.alliances.current();
    const closures = await services.allianceSettings.closureDates();
    const otherErrors = page.closureErrors ?? page.bankHolidayErrors ?? page.standardTermsErrors;
    return reply.render('settings/views/settings.njk', {
      values: page.values ?? valuesOf(alliance),
      // One error summary for the page, whichever of its forms the problems are in.
      errors: page.errors ?? (otherErrors ? { summary: otherErrors.summary, fields: {} } : undefined),
      closure: page.closure ?? EMPTY_CLOSURE,
      closureErrors: page.closureErrors,
      bankHolidayErrors: page.bankHolidayErrors,
      standardTerms: page.standardTerms ?? (await services.allianceSettings.standardTerms()),
      standardTermsErrors: page.standardTermsErrors,
      standardTermsClauses: STANDARD_TERM_KEYS.map((key) => ({ key, heading: STANDARD_TERM_HEADINGS[key] })),
      standardTermsMaxLength: STANDARD_TERM_MAX_LENGTH,
      bankHolidaysKnownUntil: (await services.alliances.calendar()).bankHolidaysKnownUntil,
      bankHolidaysRunningOut: await services.alliances.bankHolidaysRunningOut(),
      bankHolidaysLimit: describeBytes(BANK_HOLIDAYS_MAX_BYTES),
      closures: closures.map((closure) => ({ ...closure, label: describeClosure(closure) })),
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
          closureErrors: toFormErrors(parsed.problems, closureFieldIds),
        });
      const outcome = await services.allianceSettings.addClosure(actorOf(request), parsed.closure);
      if (!outcome.ok) {
        const text = `The alliance is already closed on ${outcome.clash.label} (${outcome.clash.description}). Remove that closure first to change it`;
        return render(request, reply.code(409), {
          closure,
          closureErrors: { summary: [{ text, href: '#closureDate-day' }], fields: { closureDate: { text } } },
        });
      }
      setFlash(reply, `Closure added: ${describeClosure(parsed.closure)}${deadlinesMovedText(outcome.moved)}`);
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
      const removed = isCalendarDate(date) && (await services.allianceSettings.removeClosure(actorOf(request), date));
      if (!removed) return reply.callNotFound();
      setFlash(reply, `Closure removed: ${describeClosure(removed.closure)}${deadlinesMovedText(removed.moved)}`);
      return reply.redirect('/staff/settings#closure-dates', 303);
    },

    async saveStandardTerms(request: FastifyRequest, reply: FastifyReply) {
      const standardTerms = standardTermsFormValues(bodyOf(request));
      const refused = refusedFormErrors(request);
      const parsed = parseStandardTerms(standardTerms);
      if (refused || !parsed.ok)
        return render(request, reply.code(400), {
          standardTerms,
          standardTermsErrors: refused ?? toFormErrors(parsed.ok ? [] : parsed.problems),
        });
      const changed = await services.allianceSettings.updateStandardTerms(actorOf(request), parsed.terms);
      setFlash(reply, changed ? 'Standard terms saved' : 'Nothing was changed', { at: 'standard-terms' });
      return reply.redirect('/staff/settings#standard-terms', 303);
    },

    async saveStandardTermsAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const text = 'This form had expired, so the standard terms were not saved. Check them and try again';
      return render(request, reply.code(formProblemStatus(problem)), {
        standardTerms: standardTermsFormValues(bodyOf(request)),
        standardTermsErrors: { summary: [{ text, href: '#responsibilities' }], fields: {} },
      });
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

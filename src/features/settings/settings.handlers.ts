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
  };
}

const EMPTY_CLOSURE: ClosureFormValues = { day: '', month: '', year: '', description: '' };

export type SettingsRouteServices = { alliances: AllianceService; allianceSettings: AllianceSettingsService };

export function settingsHandlers(services: SettingsRouteServices) {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    page: { values?: SettingsFormValues; errors?: FormErrors; closure?: ClosureFormValues; closureErrors?: FormErrors },
  ) {
    const alliance = await services.alliances.current();
    const closures = await services.allianceSettings.closureDates();
    return reply.render('settings/views/settings.njk', {
      values: page.values ?? valuesOf(alliance),
      // One error summary for the page, whichever of its forms the problems are in.
      errors: page.errors ?? (page.closureErrors ? { summary: page.closureErrors.summary, fields: {} } : undefined),
      closure: page.closure ?? EMPTY_CLOSURE,
      closureErrors: page.closureErrors,
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
  };
}

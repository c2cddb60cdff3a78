import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CurrentUser } from '../../platform/access.ts';
import { formatLongDate, isCalendarDate } from '../../platform/calendar/calendar-date.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { toFormErrors, type FormErrors } from '../../platform/forms.ts';
import type { Services } from '../../services.ts';
import { auditTrailFor } from '../audit/audit.service.ts';
import { SETTING_LABELS } from './alliance-settings.service.ts';
import type { Alliance } from './alliance.service.ts';
import { closureFormValues, parseClosure, parseSettings, settingsFormValues, type ClosureFormValues, type SettingsFormValues } from './alliance.schema.ts';

type Body = Record<string, unknown>;
const bodyOf = (request: FastifyRequest): Body => (typeof request.body === 'object' && request.body !== null ? (request.body as Body) : {});

const ACTIONS: Record<string, string> = {
  'settings-changed': 'Settings changed',
  'closure-date-added': 'Closure date added',
  'closure-date-removed': 'Closure date removed',
};

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

export function allianceHandlers(services: Services) {
  const secure = services.config.environment === 'production';
  const actor = (request: FastifyRequest): CurrentUser => {
    if (!request.user) throw new Error('The access guard lets only signed-in administrators reach these pages');
    return request.user;
  };

  async function render(request: FastifyRequest, reply: FastifyReply, page: { values?: SettingsFormValues; errors?: FormErrors; closure?: ClosureFormValues; closureErrors?: FormErrors }) {
    const alliance = await services.alliances.current();
    const closures = await services.allianceSettings.closureDates();
    return reply.render('alliance/views/settings.njk', {
      values: page.values ?? valuesOf(alliance),
      // One error summary for the page, whichever of its forms the problems are in.
      errors: page.errors ?? (page.closureErrors ? { summary: page.closureErrors.summary, fields: {} } : undefined),
      closure: page.closure ?? EMPTY_CLOSURE,
      closureErrors: page.closureErrors,
      closures: closures.map((closure) => ({ ...closure, label: formatLongDate(closure.date) })),
      auditTrail: await auditTrailFor(services.db, request.user, { allianceId: alliance.id, entityType: 'alliance', entityId: alliance.id, labels: SETTING_LABELS, actions: ACTIONS }),
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
      const changed = await services.allianceSettings.update(actor(request), parsed.settings);
      setFlash(reply, changed ? 'Settings saved' : 'Nothing was changed', secure);
      return reply.redirect('/staff/settings', 303);
    },

    async submitAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const text = 'This form had expired, so nothing was saved. Check your answers and try again';
      return render(request, reply.code(problem === 'csrf' ? 403 : 429), { values: settingsFormValues(bodyOf(request)), errors: { summary: [{ text, href: '#name' }], fields: {} } });
    },

    async addClosure(request: FastifyRequest, reply: FastifyReply) {
      const closure = closureFormValues(bodyOf(request));
      const parsed = parseClosure(closure);
      if (!parsed.ok) return render(request, reply.code(400), { closure, closureErrors: toFormErrors(parsed.problems, { closureDate: 'closureDate-day' }) });
      await services.allianceSettings.addClosure(actor(request), parsed.date, parsed.description);
      setFlash(reply, `Closure date added: ${formatLongDate(parsed.date)}`, secure);
      return reply.redirect('/staff/settings#closure-dates', 303);
    },

    async addClosureAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const text = 'This form had expired, so the date was not added. Check it and try again';
      return render(request, reply.code(problem === 'csrf' ? 403 : 429), { closure: closureFormValues(bodyOf(request)), closureErrors: { summary: [{ text, href: '#closureDate-day' }], fields: {} } });
    },

    async removeClosure(request: FastifyRequest<{ Params: { date: string } }>, reply: FastifyReply) {
      const date = request.params.date;
      if (!isCalendarDate(date) || !(await services.allianceSettings.removeClosure(actor(request), date))) return reply.callNotFound();
      setFlash(reply, `Closure date removed: ${formatLongDate(date)}`, secure);
      return reply.redirect('/staff/settings#closure-dates', 303);
    },
  };
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { dateInputItems } from '../../platform/date-input.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { problemsFromZod, toFormErrors } from '../../platform/forms.ts';
import type { Services } from '../../services.ts';
import { auditTrailFor } from '../audit/audit.service.ts';
import type { School } from '../schools/schools.service.ts';
import { activeSpecialisms, groupSpecialisms } from '../specialisms/specialisms.service.ts';
import { LEADER_ACTIONS, LEADER_FIELD_LABELS } from './leader-audit.ts';
import { detailsFormErrors, parseLeaderDetails } from './leader-form.ts';
import type { LeaderRecord } from './leaders-admin.service.ts';
import { actorOf, bodyOf, designationFormContext, expiredFormErrors, LABELS, leaderFrom, phaseItems, valuesOf, type WithId } from './leaders-admin.common.ts';
import {
  checkDesignation,
  designationValues,
  leaderDetailsValues,
  registerQuerySchema,
  registerUrl,
  type DesignationValues,
  type LeaderDetailsValues,
  type LeaderFormErrors,
  type RegisterQuery,
} from './leaders-admin.schema.ts';
import { DESIGNATION_STATUSES, DESIGNATION_TYPES } from './leaders.tables.ts';

/** Previous, next and numbered pages around the current one, as govukPagination takes them. */
function pagination(query: RegisterQuery, page: number, pageCount: number) {
  if (pageCount <= 1) return undefined;
  const numbers = [...new Set([1, page - 1, page, page + 1, pageCount])].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  const items: Array<{ number?: number; href?: string; current?: boolean; ellipsis?: boolean }> = [];
  numbers.forEach((number, index) => {
    if (index > 0 && number - numbers[index - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number, href: registerUrl({ ...query, page: number }), current: number === page });
  });
  return { previous: page > 1 ? { href: registerUrl({ ...query, page: page - 1 }) } : undefined, next: page < pageCount ? { href: registerUrl({ ...query, page: page + 1 }) } : undefined, items };
}

type DetailsPage = { values: LeaderDetailsValues; errors?: LeaderFormErrors; schoolChoices?: School[]; designation?: DesignationValues };

export function leadersAdminHandlers(services: Services) {
  const secure = services.config.environment === 'production';

  /** The details form, for adding (`leader` undefined: with the first designation) or editing. */
  async function renderDetailsForm(reply: FastifyReply, page: DetailsPage, leader?: LeaderRecord) {
    const alliance = await services.alliances.current();
    // Retired specialisms the leader holds stay on the form, so saving does not silently drop them.
    const held = (leader?.specialisms ?? []).filter((specialism) => specialism.retired).map((specialism) => ({ ...specialism, allianceId: alliance.id }));
    const offered = [...(await activeSpecialisms(services.db, alliance.id)), ...held].sort((a, b) => a.groupName.localeCompare(b.groupName) || a.name.localeCompare(b.name));
    return reply.render('leaders/views/leader-form.njk', {
      ...page,
      ...LABELS,
      leader,
      specialismGroups: groupSpecialisms(offered),
      phaseItems: phaseItems(page.values.phases),
      consentItems: dateInputItems(page.values.listedConsentOn, page.errors?.dateParts.listedConsentOn),
      designationForm: leader ? undefined : designationFormContext(page.designation!, page.errors),
    });
  }

  return {
    async list(request: FastifyRequest, reply: FastifyReply) {
      const parsed = registerQuerySchema.safeParse(request.query);
      const common = { ...LABELS, types: DESIGNATION_TYPES, statuses: DESIGNATION_STATUSES, overdueUrl: registerUrl({ review: 'overdue' }), dueSoonUrl: registerUrl({ review: 'due-soon' }) };
      if (!parsed.success) {
        const raw = request.query as Record<string, unknown>;
        const asList = (value: unknown) => (Array.isArray(value) ? value : value ? [value] : []);
        const values = { q: raw.q ?? '', type: asList(raw.type), status: asList(raw.status), listed: raw.listed ?? '', review: raw.review ?? '' };
        return reply.code(400).render('leaders/views/register.njk', { ...common, values, errors: toFormErrors(problemsFromZod(parsed.error), { type: 'type', status: 'status' }) });
      }
      const query = parsed.data;
      const page = await services.leadersAdmin.register(query);
      return reply.render('leaders/views/register.njk', {
        ...common,
        values: { ...query, q: query.q ?? '', listed: query.listed ?? '', review: query.review ?? '' },
        page,
        pagination: pagination(query, page.page, page.pageCount),
        filtered: registerUrl({ ...query, page: 1 }) !== '/staff/leaders',
      });
    },

    async show(request: WithId, reply: FastifyReply) {
      const leader = await leaderFrom(services, request);
      if (!leader) return reply.callNotFound();
      const alliance = await services.alliances.current();
      return reply.render('leaders/views/leader.njk', {
        ...LABELS,
        leader,
        heldTypes: leader.designations.map((designation) => designation.type),
        inDirectory: leader.listed && leader.activeTypes.length > 0,
        canSeeAccounts: request.user?.roles.includes('administrator') ?? false,
        auditTrail: await auditTrailFor(services.db, request.user, { allianceId: alliance.id, entityType: 'leader', entityId: leader.id, labels: LEADER_FIELD_LABELS, actions: LEADER_ACTIONS }),
      });
    },

    async showAdd(_request: FastifyRequest, reply: FastifyReply) {
      const blank = { day: '', month: '', year: '' };
      const values: LeaderDetailsValues = { name: '', email: '', jobTitle: '', homeSchool: '', homeSchoolUrn: '', profile: '', phases: [], specialisms: [], listed: '', listedConsentOn: blank };
      return renderDetailsForm(reply, { values, designation: { type: '', status: '', startDate: blank, reviewDate: blank } });
    },

    async submitAdd(request: FastifyRequest, reply: FastifyReply) {
      const body = bodyOf(request);
      const designation = designationValues(body);
      const parsed = await parseLeaderDetails(services.db, leaderDetailsValues(body), services.leadersAdmin.today());
      const checked = checkDesignation(designation);
      if (!parsed.ok || !checked.ok) {
        const problems = [...(parsed.ok ? [] : parsed.problems), ...(checked.ok ? [] : checked.problems)];
        const dateParts = { ...(parsed.ok ? {} : parsed.dateParts), ...(checked.ok ? {} : checked.dateParts) };
        const choices = parsed.ok ? [] : parsed.schoolChoices;
        return renderDetailsForm(reply.code(400), { values: parsed.values, designation, schoolChoices: choices, errors: detailsFormErrors(problems, dateParts, choices.length > 0) });
      }
      const outcome = await services.leadersAdmin.add(actorOf(request), parsed.details, checked.value);
      if (!outcome.ok) return renderDetailsForm(reply.code(400), { values: parsed.values, designation, errors: detailsFormErrors(outcome.problems, {}, false) });
      setFlash(reply, `${parsed.details.name} added to the register`, secure);
      return reply.redirect(`/staff/leaders/${outcome.value}`, 303);
    },

    async addAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const body = bodyOf(request);
      return renderDetailsForm(reply.code(problem === 'csrf' ? 403 : 429), { values: leaderDetailsValues(body), designation: designationValues(body), errors: expiredFormErrors('name') });
    },

    async showEdit(request: WithId, reply: FastifyReply) {
      const leader = await leaderFrom(services, request);
      if (!leader) return reply.callNotFound();
      return renderDetailsForm(reply, { values: valuesOf(leader) }, leader);
    },

    async submitEdit(request: WithId, reply: FastifyReply) {
      const leader = await leaderFrom(services, request);
      if (!leader) return reply.callNotFound();
      const parsed = await parseLeaderDetails(services.db, leaderDetailsValues(bodyOf(request)), services.leadersAdmin.today(), leader.homeSchoolUrn);
      if (!parsed.ok) {
        const errors = detailsFormErrors(parsed.problems, parsed.dateParts, parsed.schoolChoices.length > 0);
        return renderDetailsForm(reply.code(400), { values: parsed.values, schoolChoices: parsed.schoolChoices, errors }, leader);
      }
      const outcome = await services.leadersAdmin.changeDetails(actorOf(request), leader.id, parsed.details);
      if (!outcome.ok) return renderDetailsForm(reply.code(400), { values: parsed.values, errors: detailsFormErrors(outcome.problems, {}, false) }, leader);
      setFlash(reply, outcome.value ? `Changes to ${parsed.details.name} saved` : 'Nothing was changed', secure);
      return reply.redirect(`/staff/leaders/${leader.id}`, 303);
    },

    async editAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const leader = await leaderFrom(services, request);
      if (!leader) {
        reply.callNotFound();
        return reply;
      }
      return renderDetailsForm(reply.code(problem === 'csrf' ? 403 : 429), { values: leaderDetailsValues(bodyOf(request)), errors: expiredFormErrors('name') }, leader);
    },
  };
}

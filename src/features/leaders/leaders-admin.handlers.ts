import type { FastifyReply, FastifyRequest } from 'fastify';
import { dateInputItems } from '../../platform/date-input.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { problemsFromZod, toFormErrors } from '../../platform/forms.ts';
import type { School } from '../schools/schools.service.ts';
import { groupSpecialisms } from '../specialisms/specialisms.service.ts';
import { detailsFormErrors, parseLeaderDetails } from './leader-form.ts';
import type { LeaderRecord } from './leaders-admin.service.ts';
import {
  designationFormContext,
  expiredFormErrors,
  LABELS,
  leaderFrom,
  phaseItems,
  valuesOf,
  type LeaderAdminRouteServices,
  type WithId,
} from './leaders-admin.common.ts';
import { notFound } from '../../platform/http/replies.ts';
import { paginate } from '../../platform/http/pagination.ts';
import { actorOf, bodyOf, formProblemStatus } from '../../platform/http/requests.ts';
import {
  checkDesignation,
  designationValues,
  leaderDetailsValues,
  registerQuerySchema,
  registerUrl,
  type DesignationValues,
  type LeaderDetailsValues,
  type LeaderFormErrors,
} from './leaders-admin.schema.ts';
import { DESIGNATION_STATUSES, DESIGNATION_TYPES } from './leaders.model.ts';

type DetailsPage = {
  values: LeaderDetailsValues;
  errors?: LeaderFormErrors;
  schoolChoices?: School[];
  designation?: DesignationValues;
};

export function leadersAdminHandlers(services: LeaderAdminRouteServices) {
  /** The details form, for adding (`leader` undefined: with the first designation) or editing. */
  async function renderDetailsForm(reply: FastifyReply, page: DetailsPage, leader?: LeaderRecord) {
    // Retired specialisms the leader holds stay on the form, so saving does not silently drop them.
    const held = (leader?.specialisms ?? []).filter((specialism) => specialism.retired);
    const offered = [...(await services.specialisms.active()), ...held].sort(
      (a, b) => a.groupName.localeCompare(b.groupName) || a.name.localeCompare(b.name),
    );
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
      const common = {
        ...LABELS,
        types: DESIGNATION_TYPES,
        statuses: DESIGNATION_STATUSES,
        overdueUrl: registerUrl({ review: 'overdue' }),
        dueSoonUrl: registerUrl({ review: 'due-soon' }),
      };
      if (!parsed.success) {
        const raw = request.query as Record<string, unknown>;
        const asList = (value: unknown) => (Array.isArray(value) ? value : value ? [value] : []);
        const values = {
          q: raw.q ?? '',
          type: asList(raw.type),
          status: asList(raw.status),
          listed: raw.listed ?? '',
          review: raw.review ?? '',
        };
        return reply.code(400).render('leaders/views/register.njk', {
          ...common,
          values,
          errors: toFormErrors(problemsFromZod(parsed.error), { type: 'type', status: 'status' }),
        });
      }
      const query = parsed.data;
      const page = await services.leadersAdmin.register(query);
      return reply.render('leaders/views/register.njk', {
        ...common,
        values: { ...query, q: query.q ?? '', listed: query.listed ?? '', review: query.review ?? '' },
        page,
        pagination: paginate(page.page, page.pageCount, (number) => registerUrl({ ...query, page: number })),
        filtered: registerUrl({ ...query, page: 1 }) !== '/staff/leaders',
      });
    },

    async show(request: WithId, reply: FastifyReply) {
      const leader = await leaderFrom(services, request);
      if (!leader) return notFound(reply);
      return reply.render('leaders/views/leader.njk', {
        ...LABELS,
        leader,
        heldTypes: leader.designations.map((designation) => designation.type),
        inDirectory: leader.listed && leader.activeTypes.length > 0,
        canSeeAccounts: request.user?.roles.includes('administrator') ?? false,
        auditTrail: await services.leadersAdmin.trail(actorOf(request), leader.id),
        reviews: services.leaderReviews ? await services.leaderReviews(actorOf(request), leader.id) : [],
      });
    },

    async showAdd(_request: FastifyRequest, reply: FastifyReply) {
      const blank = { day: '', month: '', year: '' };
      const values: LeaderDetailsValues = {
        name: '',
        email: '',
        jobTitle: '',
        homeSchool: '',
        homeSchoolUrn: '',
        profile: '',
        phases: [],
        specialisms: [],
        listed: '',
        listedConsentOn: blank,
      };
      return renderDetailsForm(reply, {
        values,
        designation: { type: '', status: '', startDate: blank, reviewDate: blank },
      });
    },

    async submitAdd(request: FastifyRequest, reply: FastifyReply) {
      const body = bodyOf(request);
      const designation = designationValues(body);
      const parsed = await parseLeaderDetails(
        services.schools,
        leaderDetailsValues(body),
        services.leadersAdmin.today(),
      );
      const checked = checkDesignation(designation);
      if (!parsed.ok || !checked.ok) {
        const problems = [...(parsed.ok ? [] : parsed.problems), ...(checked.ok ? [] : checked.problems)];
        const dateParts = { ...(parsed.ok ? {} : parsed.dateParts), ...(checked.ok ? {} : checked.dateParts) };
        const choices = parsed.ok ? [] : parsed.schoolChoices;
        return renderDetailsForm(reply.code(400), {
          values: parsed.values,
          designation,
          schoolChoices: choices,
          errors: detailsFormErrors(problems, dateParts, choices.length > 0),
        });
      }
      const outcome = await services.leadersAdmin.add(actorOf(request), parsed.details, checked.value);
      if (!outcome.ok)
        return renderDetailsForm(reply.code(400), {
          values: parsed.values,
          designation,
          errors: detailsFormErrors(outcome.problems, {}, false),
        });
      setFlash(reply, `${parsed.details.name} added to the register`);
      return reply.redirect(`/staff/leaders/${outcome.value}`, 303);
    },

    async addAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const body = bodyOf(request);
      return renderDetailsForm(reply.code(formProblemStatus(problem)), {
        values: leaderDetailsValues(body),
        designation: designationValues(body),
        errors: expiredFormErrors('name'),
      });
    },

    async showEdit(request: WithId, reply: FastifyReply) {
      const leader = await leaderFrom(services, request);
      if (!leader) return notFound(reply);
      return renderDetailsForm(reply, { values: valuesOf(leader) }, leader);
    },

    async submitEdit(request: WithId, reply: FastifyReply) {
      const leader = await leaderFrom(services, request);
      if (!leader) return notFound(reply);
      const parsed = await parseLeaderDetails(
        services.schools,
        leaderDetailsValues(bodyOf(request)),
        services.leadersAdmin.today(),
        leader.homeSchoolUrn,
      );
      if (!parsed.ok) {
        const errors = detailsFormErrors(parsed.problems, parsed.dateParts, parsed.schoolChoices.length > 0);
        return renderDetailsForm(
          reply.code(400),
          { values: parsed.values, schoolChoices: parsed.schoolChoices, errors },
          leader,
        );
      }
      const outcome = await services.leadersAdmin.changeDetails(actorOf(request), leader.id, parsed.details);
      if (!outcome.ok)
        return renderDetailsForm(
          reply.code(400),
          { values: parsed.values, errors: detailsFormErrors(outcome.problems, {}, false) },
          leader,
        );
      setFlash(reply, outcome.value ? `Changes to ${parsed.details.name} saved` : 'Nothing was changed');
      return reply.redirect(`/staff/leaders/${leader.id}`, 303);
    },

    async editAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const leader = await leaderFrom(services, request);
      if (!leader) return notFound(reply);
      return renderDetailsForm(
        reply.code(formProblemStatus(problem)),
        { values: leaderDetailsValues(bodyOf(request)), errors: expiredFormErrors('name') },
        leader,
      );
    },
  };
}

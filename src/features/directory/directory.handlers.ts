import type { FastifyReply, FastifyRequest } from 'fastify';
import { problemsFromZod, toFormErrors, type FieldProblem } from '../../platform/forms.ts';
import { DESIGNATION_ABBREVIATIONS, DESIGNATION_LABELS, PHASE_LABELS } from '../leaders/leaders.schema.ts';
import { groupSpecialisms, type SpecialismService } from '../specialisms/specialisms.service.ts';
import { paginate } from '../../platform/http/pagination.ts';
import { notFound } from '../../platform/http/replies.ts';
import { parseId } from '../../platform/http/requests.ts';
import { directoryQuerySchema, WITHIN_CHOICES, type DirectoryQuery } from './directory.schema.ts';
import { DirectoryCache } from './directory.cache.ts';
import type { DirectoryService } from './directory.service.ts';

const DIRECTORY_PATH = '/system-leaders';

/** The directory URL for a query: every filter in the query string, so it can be shared and bookmarked. */
export function directoryUrl(query: Partial<DirectoryQuery>, path = DIRECTORY_PATH): string {
  const parameters = new URLSearchParams();
  for (const specialism of query.specialism ?? []) parameters.append('specialism', specialism);
  for (const type of query.type ?? []) parameters.append('type', type);
  for (const phase of query.phase ?? []) parameters.append('phase', phase);
  if (query.near) parameters.set('near', query.near);
  if (query.within !== undefined) parameters.set('within', String(query.within));
  if (query.q) parameters.set('q', query.q);
  if (query.sort) parameters.set('sort', query.sort);
  if (query.page && query.page > 1) parameters.set('page', String(query.page));
  const text = parameters.toString();
  return text ? `${path}?${text}` : path;
}

export type DirectoryRouteServices = {
  directory: DirectoryService;
  specialisms: SpecialismService;
  /** The service's public address: the API gives integrators whole URLs to link to. */
  baseUrl: string;
};

export function directoryHandlers(services: DirectoryRouteServices) {
  const profileUrl = (id: number) => `${services.baseUrl}${DIRECTORY_PATH}/${id}`;

  // Rendered search bodies (HTML) and API answers (JSON), by directory version and query.
  const cache = new DirectoryCache<string>();

  function parse(
    request: FastifyRequest,
  ): { query: DirectoryQuery; problems: FieldProblem[] } | { query?: undefined; problems: FieldProblem[] } {
    const parsed = directoryQuerySchema.safeParse(request.query);
    if (!parsed.success) return { problems: problemsFromZod(parsed.error) };
    return { query: parsed.data, problems: [] };
  }

  const common = {
    designationLabels: DESIGNATION_LABELS,
    abbreviations: DESIGNATION_ABBREVIATIONS,
    phaseLabels: PHASE_LABELS,
    withinChoices: WITHIN_CHOICES,
  };

  return {
    async showDirectory(request: FastifyRequest, reply: FastifyReply) {
      const specialismGroups = groupSpecialisms(await services.specialisms.active());
      const { query, problems } = parse(request);
      const key = query ? await services.directory.cacheKey('page', directoryUrl(query)) : undefined;
      const cached = key ? cache.get(key) : undefined;
      if (cached) return reply.render('directory/views/search.njk', { bodyHtml: cached });

      const outcome = query ? await services.directory.search(query) : undefined;
      if (!query || !outcome || !outcome.ok) {
        const raw = request.query as Record<string, unknown>;
        const asList = (value: unknown) => (Array.isArray(value) ? value : value ? [value] : []);
        const values = {
          specialism: asList(raw.specialism),
          type: asList(raw.type),
          phase: asList(raw.phase),
          near: raw.near ?? '',
          within: raw.within ?? '',
          q: raw.q ?? '',
        };
        const errors = toFormErrors(outcome && !outcome.ok ? outcome.problems : problems, {
          specialism: 'specialism',
          type: 'type',
          phase: 'phase',
        });
        const bodyHtml = reply.renderFragment('directory/views/search-body.njk', {
          ...common,
          specialismGroups,
          values,
          errors,
        });
        return reply.code(400).render('directory/views/search.njk', { bodyHtml, errors });
      }
      const { page } = outcome;
      const bodyHtml = reply.renderFragment('directory/views/search-body.njk', {
        ...common,
        specialismGroups,
        values: { ...query, within: query.within ?? '' },
        page,
        pagination: paginate(page.page, page.pageCount, (number) => directoryUrl({ ...query, page: number })),
        sortLinks: page.near
          ? [
              {
                text: 'Distance',
                href: directoryUrl({ ...query, sort: 'distance', page: 1 }),
                current: page.sort === 'distance',
              },
              { text: 'Name', href: directoryUrl({ ...query, sort: 'name', page: 1 }), current: page.sort === 'name' },
            ]
          : undefined,
        profileQuery:
          query.specialism.length > 0
            ? `?${new URLSearchParams(query.specialism.map((name) => ['specialism', name])).toString()}`
            : '',
        clearUrl: DIRECTORY_PATH,
      });
      cache.set(key!, bodyHtml);
      return reply.render('directory/views/search.njk', { bodyHtml });
    },

    async showProfile(
      request: FastifyRequest<{ Params: { id: string }; Querystring: { specialism?: string | string[] } }>,
      reply: FastifyReply,
    ) {
      const id = parseId(request.params.id);
      const leader = id === undefined ? undefined : await services.directory.findListed(id);
      if (!leader) return notFound(reply);
      const wanted = request.query.specialism;
      const context = (Array.isArray(wanted) ? wanted : wanted ? [wanted] : []).filter((name) =>
        leader.specialisms.some((specialism) => specialism.name === name),
      );
      const specialisms = context.length > 0 ? context : leader.specialisms.map((specialism) => specialism.name);
      const requestUrl = `/request-support?${new URLSearchParams([['leader', String(leader.id)], ...specialisms.map((name) => ['specialism', name])]).toString()}`;
      return reply.render('directory/views/profile.njk', { leader, requestUrl, ...common });
    },

    async searchApi(request: FastifyRequest, reply: FastifyReply) {
      const { query, problems } = parse(request);
      if (!query) return reply.code(400).send({ errors: problems });
      const key = await services.directory.cacheKey('api', directoryUrl(query));
      let body = cache.get(key);
      if (!body) {
        const outcome = await services.directory.search(query);
        if (!outcome.ok) return reply.code(400).send({ errors: outcome.problems });
        body = JSON.stringify({
          total: outcome.page.total,
          page: outcome.page.page,
          results: outcome.page.results.map(({ leader, distanceMiles }) => ({
            id: leader.id,
            name: leader.name,
            types: leader.types,
            specialisms: leader.specialisms,
            phases: leader.phases,
            homeSchool: { urn: leader.homeSchool.urn, name: leader.homeSchool.name },
            distanceMiles,
            profileUrl: profileUrl(leader.id),
          })),
        });
        cache.set(key, body);
      }
      return reply.type('application/json; charset=utf-8').send(body);
    },

    /** One listed leader's public profile: what their page shows, and never their contact details. */
    async profileApi(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
      const id = parseId(request.params.id);
      const leader = id === undefined ? undefined : await services.directory.findListed(id);
      if (!leader) return notFound(reply);
      return reply.send({
        id: leader.id,
        name: leader.name,
        types: leader.activeTypes,
        designations: leader.designations
          .filter((designation) => leader.activeTypes.includes(designation.type))
          .map((designation) => ({ type: designation.type, since: designation.startDate })),
        specialisms: leader.specialisms.map((specialism) => specialism.name),
        phases: leader.phases,
        jobTitle: leader.jobTitle,
        profile: leader.profile,
        homeSchool: { urn: leader.homeSchool.urn, name: leader.homeSchool.name, town: leader.homeSchool.town },
        profileUrl: profileUrl(leader.id),
        requestSupportUrl: `${services.baseUrl}/request-support?leader=${leader.id}`,
      });
    },
  };
}

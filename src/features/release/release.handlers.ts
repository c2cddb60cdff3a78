import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasAnyRole } from '../../platform/access.ts';
import { academicYear, parseAcademicYear } from '../../platform/calendar/academic-year.ts';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import { formatLondonDateTime } from '../../platform/calendar/london-time.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { toFormErrors, type FormErrors } from '../../platform/forms.ts';
import type { Services } from '../../services.ts';
import { parseId } from '../accounts/accounts.schema.ts';
import { agreementReference, STATUS_LABELS, STATUS_TAG_CLASSES } from '../agreements/agreements.labels.ts';
import { consentFormFrom, consentFormValues, parseConsent, type ConsentFormValues } from './release.schema.ts';
import { LEDGER_PAGE_SIZE, type Ledger } from './release.service.ts';

type LedgerRequest = FastifyRequest<{ Params: { leaderId: string; startYear?: string }; Querystring: Record<string, string | undefined> }>;

const CONSENT_FIELD_IDS = { headConsentedOn: 'headConsentedOn-day', chairConsentedOn: 'chairConsentedOn-day' };
const notFound = (reply: FastifyReply) => {
  reply.callNotFound();
  return reply;
};
const EXPIRED = 'This form had expired, so nothing was saved. Check your answers and try again';

/** The release ledger: every SLE's year for the alliance's staff, their own for a system leader. */
export function releaseHandlers(services: Services) {
  const secure = services.config.environment === 'production';
  const userOf = (request: FastifyRequest) => {
    if (!request.user) throw new Error('The access guard lets only signed-in staff reach the ledger');
    return request.user;
  };
  /** The year asked for in `?year=2026/27`, else the current one. */
  const yearFrom = (request: FastifyRequest<{ Querystring: Record<string, string | undefined> }>) => parseAcademicYear(request.query.year ?? '') ?? services.release.currentYear();

  async function ledgerFor(request: LedgerRequest, startYear: number): Promise<Ledger | undefined> {
    const leaderId = parseId(request.params.leaderId);
    if (leaderId === undefined || !services.release.mayView(userOf(request), leaderId)) return undefined;
    return services.release.ledger(leaderId, startYear);
  }

  async function renderConsent(reply: FastifyReply, ledger: Ledger, values: ConsentFormValues, errors?: FormErrors) {
    return reply.render('release/views/consent.njk', { ledger, values, errors });
  }

  async function submitConsent(request: LedgerRequest, reply: FastifyReply, expired?: FormProblem) {
    const year = parseId(request.params.startYear);
    const ledger = year === undefined || year < 2000 || year > 2100 ? undefined : await ledgerFor(request, year);
    if (!ledger) return notFound(reply);
    const body = typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {};
    const values = consentFormValues(body);
    if (expired) return renderConsent(reply.code(expired === 'csrf' ? 403 : 429), ledger, values, { summary: [{ text: EXPIRED, href: '#releasedDays' }], fields: {} });
    const parsed = parseConsent(values);
    if (!parsed.ok) return renderConsent(reply.code(400), ledger, values, toFormErrors(parsed.problems, CONSENT_FIELD_IDS));
    const outcome = await services.release.recordConsent(userOf(request), ledger.leader.id, ledger.year.startYear, parsed.data);
    if (!outcome.ok) return renderConsent(reply.code(400), ledger, values, toFormErrors(outcome.problems, CONSENT_FIELD_IDS));
    setFlash(reply, `Release for ${ledger.year.name} saved`, secure);
    return reply.redirect(`/staff/release-ledger/${ledger.leader.id}?year=${ledger.year.name}`, 303);
  }

  return {
    async overview(request: FastifyRequest<{ Querystring: Record<string, string | undefined> }>, reply: FastifyReply) {
      const user = userOf(request);
      if (!hasAnyRole(user, ['administrator', 'coordinator'])) {
        if (user.leaderId !== null) return reply.redirect(`/staff/release-ledger/${user.leaderId}`, 303);
        return reply.render('release/views/no-leader.njk');
      }
      const year = yearFrom(request);
      const page = Math.max(1, Math.min(10_000, Number(request.query.page) || 1));
      const overOnly = request.query.over === 'yes';
      const overview = await services.release.overview(year.startYear, { page, overOnly });
      const pageCount = Math.max(1, Math.ceil(overview.total / LEDGER_PAGE_SIZE));
      const href = (target: number) => `/staff/release-ledger?year=${year.name}${overOnly ? '&over=yes' : ''}${target > 1 ? `&page=${target}` : ''}`;
      const current = services.release.currentYear();
      return reply.render('release/views/overview.njk', {
        year,
        overOnly,
        overview,
        yearItems: [-2, -1, 0, 1, 2].map((offset) => academicYear(current.startYear + offset)).map((choice) => ({ value: choice.name, text: choice.name, selected: choice.name === year.name })),
        pagination:
          pageCount > 1
            ? {
                previous: page > 1 ? { href: href(page - 1) } : undefined,
                next: page < pageCount ? { href: href(page + 1) } : undefined,
                items: Array.from({ length: pageCount }, (_, index) => ({ number: index + 1, href: href(index + 1), current: index + 1 === page })),
              }
            : undefined,
      });
    },

    async show(request: LedgerRequest, reply: FastifyReply) {
      const year = yearFrom(request);
      const ledger = await ledgerFor(request, year.startYear);
      if (!ledger) return notFound(reply);
      return reply.render('release/views/ledger.njk', {
        ledger,
        isStaff: hasAnyRole(userOf(request), ['administrator', 'coordinator']),
        consent: ledger.consent && {
          head: `${ledger.consent.headName}, on ${formatLongDate(ledger.consent.headConsentedOn)}`,
          chair: `${ledger.consent.chairName}, on ${formatLongDate(ledger.consent.chairConsentedOn)}`,
          recorded: formatLondonDateTime(ledger.consent.recordedAt),
        },
        deployments: ledger.deployments.map((deployment) => ({
          ...deployment,
          reference: agreementReference(deployment.agreementId),
          status: { text: STATUS_LABELS[deployment.status], classes: STATUS_TAG_CLASSES[deployment.status] },
          dates: `${formatLongDate(deployment.startDate)} to ${formatLongDate(deployment.endDate)}`,
        })),
        previousYear: academicYear(ledger.year.startYear - 1),
        nextYear: academicYear(ledger.year.startYear + 1),
        otherYears: ledger.otherYears.map(academicYear),
      });
    },

    async showConsent(request: LedgerRequest, reply: FastifyReply) {
      const year = parseId(request.params.startYear);
      const ledger = year === undefined || year < 2000 || year > 2100 ? undefined : await ledgerFor(request, year);
      if (!ledger) return notFound(reply);
      return renderConsent(reply, ledger, consentFormFrom(ledger.consent));
    },

    submitConsent: (request: LedgerRequest, reply: FastifyReply) => submitConsent(request, reply),
    consentAgain: (request: FastifyRequest, reply: FastifyReply, problem: FormProblem) => submitConsent(request as LedgerRequest, reply, problem),
  };
}

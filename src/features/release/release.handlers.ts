import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasAnyRole } from '../../platform/access.ts';
import { academicYear, parseAcademicYear } from '../../platform/calendar/academic-year.ts';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import { formatLondonDateTime } from '../../platform/calendar/london-time.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { formError, toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { agreementReference, STATUS_LABELS, STATUS_TAG_CLASSES } from '../agreements/agreements.labels.ts';
import { consentFormFrom, consentFormValues, parseConsent, type ConsentFormValues } from './release.schema.ts';
import { LEDGER_PAGE_SIZE, type Ledger, type ReleaseService } from './release.service.ts';
import { paginate, pageCountOf } from '../../platform/http/pagination.ts';
import { actorOf, bodyOf, formProblemStatus, parseId } from '../../platform/http/requests.ts';
import { notFound } from '../../platform/http/replies.ts';

type LedgerRequest = FastifyRequest<{
  Params: { leaderId: string; startYear?: string };
  Querystring: Record<string, string | undefined>;
}>;

const CONSENT_FIELD_IDS = { headConsentedOn: 'headConsentedOn-day', chairConsentedOn: 'chairConsentedOn-day' };
const EXPIRED = 'This form had expired, so nothing was saved. Check your answers and try again';

/** The release ledger: every SLE's year for the alliance's staff, their own for a system leader. */
export type ReleaseRouteServices = { release: ReleaseService };

export function releaseHandlers(services: ReleaseRouteServices) {
  const userOf = actorOf;
  /** The year asked for in `?year=2026/27`, else the current one. */
  const yearFrom = (request: FastifyRequest<{ Querystring: Record<string, string | undefined> }>) =>
    parseAcademicYear(request.query.year ?? '') ?? services.release.currentYear();

  async function ledgerFor(request: LedgerRequest, startYear: number): Promise<Ledger | undefined> {
    const leaderId = parseId(request.params.leaderId);
    return leaderId === undefined ? undefined : services.release.ledger(userOf(request), leaderId, startYear);
  }

  async function renderConsent(reply: FastifyReply, ledger: Ledger, values: ConsentFormValues, errors?: FormErrors) {
    return reply.render('release/views/consent.njk', { ledger, values, errors });
  }

  async function submitConsent(request: LedgerRequest, reply: FastifyReply, expired?: FormProblem) {
    const year = parseId(request.params.startYear);
    const ledger = year === undefined || year < 2000 || year > 2100 ? undefined : await ledgerFor(request, year);
    if (!ledger) return notFound(reply);
    const values = consentFormValues(bodyOf(request));
    if (expired)
      return renderConsent(reply.code(formProblemStatus(expired)), ledger, values, formError(EXPIRED, '#releasedDays'));
    const parsed = parseConsent(values);
    if (!parsed.ok)
      return renderConsent(reply.code(400), ledger, values, toFormErrors(parsed.problems, CONSENT_FIELD_IDS));
    const outcome = await services.release.recordConsent(
      userOf(request),
      ledger.leader.id,
      ledger.year.startYear,
      parsed.data,
    );
    if (!outcome.ok)
      return renderConsent(reply.code(400), ledger, values, toFormErrors(outcome.problems, CONSENT_FIELD_IDS));
    setFlash(reply, `Release for ${ledger.year.name} saved`);
    return reply.redirect(`/staff/release-ledger/${ledger.leader.id}?year=${ledger.year.name}`, 303);
  }

  return {
    async overview(request: FastifyRequest<{ Querystring: Record<string, string | undefined> }>, reply: FastifyReply) {
      const user = userOf(request);
      const year = yearFrom(request);
      const page = Math.max(1, Math.min(10_000, Number(request.query.page) || 1));
      const overOnly = request.query.over === 'yes';
      const overview = await services.release.overview(user, year.startYear, { page, overOnly });
      // A system leader has no overview: their own ledger is the page for them.
      if (!overview) {
        const own = await services.release.ownLedger(user);
        return typeof own === 'object'
          ? reply.redirect(`/staff/release-ledger/${own.leaderId}`, 303)
          : reply.render('release/views/no-leader.njk', { reason: own });
      }
      const pageCount = pageCountOf(overview.total, LEDGER_PAGE_SIZE);
      const href = (target: number) =>
        `/staff/release-ledger?year=${year.name}${overOnly ? '&over=yes' : ''}${target > 1 ? `&page=${target}` : ''}`;
      const current = services.release.currentYear();
      return reply.render('release/views/overview.njk', {
        year,
        overOnly,
        overview,
        yearItems: [-2, -1, 0, 1, 2]
          .map((offset) => academicYear(current.startYear + offset))
          .map((choice) => ({ value: choice.name, text: choice.name, selected: choice.name === year.name })),
        pagination: paginate(page, pageCount, href),
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
    consentAgain: (request: FastifyRequest, reply: FastifyReply, problem: FormProblem) =>
      submitConsent(request as LedgerRequest, reply, problem),
  };
}

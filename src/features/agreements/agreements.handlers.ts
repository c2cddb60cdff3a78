import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasAnyRole } from '../../platform/access.ts';
import { academicYear, type AcademicYear } from '../../platform/calendar/academic-year.ts';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { formatHalfDays } from '../../platform/units.ts';
import type { Services } from '../../services.ts';
import { parseId } from '../accounts/accounts.schema.ts';
import { loadLeader } from '../leaders/leaders.service.ts';
import { findSchoolByUrn } from '../schools/schools.repository.ts';
import { describeSchool, type School } from '../schools/schools.service.ts';
import { deliverySection } from '../visits/delivery-section.ts';
import { agreementDocument, agreementHeading, agreementPageContext } from './agreement-page.ts';
import type { LeaderChoice } from './agreement-parties.repository.ts';
import { leaderLabel, parseStartForm, startFormValues, type StartFormValues } from './agreement-start.form.ts';
import { agreementReference, KIND_HINTS, KIND_LABELS, STATUS_LABELS, STATUS_TAG_CLASSES } from './agreements.labels.ts';
import { agreementPdf } from './agreements.pdf.ts';
import { actorOf, agreementIdOf, bodyOf, EXPIRED_FORM, notFound, renderRefusal, type AgreementRequest } from './agreements.requests.ts';
import { parseListFilters, parseReason } from './agreements.schema.ts';
import { ALLIANCE_STAFF } from './agreements.service.ts';
import { AGREEMENT_KINDS, AGREEMENT_STATUSES } from './agreements.tables.ts';

const PAGE_SIZE = 50;

type StartPage = { values: StartFormValues; errors?: FormErrors; leaderChoices?: LeaderChoice[]; schoolChoices?: School[] };

export function agreementHandlers(services: Services) {
  const secure = services.config.environment === 'production';

  function renderStart(reply: FastifyReply, page: StartPage) {
    return reply.render('agreements/views/start.njk', {
      ...page,
      kindItems: AGREEMENT_KINDS.map((kind) => ({ value: kind, text: KIND_LABELS[kind], hint: { text: KIND_HINTS[kind] }, checked: page.values.kind === kind })),
    });
  }

  function yearChoices(current: AcademicYear): AcademicYear[] {
    return [-2, -1, 0, 1, 2].map((offset) => academicYear(current.startYear + offset));
  }

  return {
    async list(request: FastifyRequest, reply: FastifyReply) {
      const user = actorOf(request);
      const filters = parseListFilters(request.query as Record<string, unknown>);
      const year = filters.year ? academicYear(filters.year) : undefined;
      const { rows, total } = await services.agreements.list(user, {
        kind: filters.kind,
        status: filters.status,
        startsBetween: year ? { from: year.firstDay, to: year.lastDay } : undefined,
        text: filters.q || undefined,
        limit: PAGE_SIZE,
        offset: (filters.page - 1) * PAGE_SIZE,
      });
      const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const query = (page: number) => {
        const params = new URLSearchParams();
        if (filters.kind) params.set('kind', filters.kind);
        if (filters.status) params.set('status', filters.status);
        if (year) params.set('year', year.name);
        if (filters.q) params.set('q', filters.q);
        if (page > 1) params.set('page', String(page));
        const search = params.toString();
        return `/staff/agreements${search ? `?${search}` : ''}`;
      };
      return reply.render('agreements/views/list.njk', {
        filters: { ...filters, year: year?.name ?? '' },
        total,
        isStaff: hasAnyRole(user, ALLIANCE_STAFF),
        rows: rows.map((row) => ({
          ...row,
          reference: agreementReference(row.id),
          kindLabel: KIND_LABELS[row.kind],
          status: { text: STATUS_LABELS[row.status], classes: STATUS_TAG_CLASSES[row.status] },
          dates: row.startDate && row.endDate ? `${formatLongDate(row.startDate)} to ${formatLongDate(row.endDate)}` : 'Not agreed yet',
          days: row.halfDays === null ? undefined : formatHalfDays(row.halfDays),
        })),
        kindItems: [{ value: '', text: 'Any kind' }, ...AGREEMENT_KINDS.map((kind) => ({ value: kind, text: KIND_LABELS[kind], selected: filters.kind === kind }))],
        statusItems: [{ value: '', text: 'Any status' }, ...AGREEMENT_STATUSES.map((status) => ({ value: status, text: STATUS_LABELS[status], selected: filters.status === status }))],
        yearItems: [{ value: '', text: 'Any year' }, ...yearChoices(services.release.currentYear()).map((choice) => ({ value: choice.name, text: choice.name, selected: year?.name === choice.name }))],
        pagination:
          pageCount > 1
            ? {
                previous: filters.page > 1 ? { href: query(filters.page - 1) } : undefined,
                next: filters.page < pageCount ? { href: query(filters.page + 1) } : undefined,
                items: Array.from({ length: pageCount }, (_, index) => ({ number: index + 1, href: query(index + 1), current: index + 1 === filters.page })),
              }
            : undefined,
      });
    },

    /** The start page, filled in from a link (a leader's page, an enquiry): `?leader=ID&school=URN&kind=...&enquiry=REF`. */
    async showStart(request: FastifyRequest<{ Querystring: Record<string, string | undefined> }>, reply: FastifyReply) {
      const alliance = await services.alliances.current();
      const values: StartFormValues = { kind: '', leader: '', leaderId: '', school: '', schoolUrn: '', enquiry: (request.query.enquiry ?? '').slice(0, 30) };
      const kind = AGREEMENT_KINDS.find((candidate) => candidate === request.query.kind);
      if (kind) values.kind = kind;
      const leaderId = parseId(request.query.leader);
      const leader = leaderId === undefined ? undefined : await loadLeader(services.db, alliance.id, leaderId);
      if (leader) values.leader = leaderLabel(leader);
      const urn = /^\d{5,7}$/.test(request.query.school ?? '') ? await findSchoolByUrn(services.db, Number(request.query.school)) : undefined;
      if (urn) Object.assign(values, { school: describeSchool(urn), schoolUrn: String(urn.urn) });
      return renderStart(reply, { values });
    },

    async submitStart(request: FastifyRequest, reply: FastifyReply) {
      const alliance = await services.alliances.current();
      const values = startFormValues(bodyOf(request));
      const parsed = await parseStartForm(services.db, alliance.id, values);
      if (!parsed.ok) return renderStart(reply.code(400), parsed);
      const outcome = await services.agreements.create(actorOf(request), parsed.agreement);
      if (!outcome.ok) return renderStart(reply.code(400), { values: parsed.values, errors: toFormErrors(outcome.problems, { leaderId: 'leader', supportedSchoolUrn: 'school', enquiryId: 'enquiry', kind: 'kind' }) });
      setFlash(reply, `${KIND_LABELS[parsed.agreement.kind]} ${agreementReference(outcome.value.id)} started. Now add its terms and objectives`, secure);
      return reply.redirect(`/staff/agreements/${outcome.value.id}`, 303);
    },

    async startAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      return renderStart(reply.code(problem === 'csrf' ? 403 : 429), { values: startFormValues(bodyOf(request)), errors: { summary: [{ text: EXPIRED_FORM, href: '#kind' }], fields: {} } });
    },

    async show(request: AgreementRequest, reply: FastifyReply) {
      const id = agreementIdOf(request);
      const agreement = id === undefined ? undefined : await services.agreements.find(actorOf(request), id);
      if (!agreement) return notFound(reply);
      return reply.render('agreements/views/agreement.njk', { ...(await agreementPageContext(services, actorOf(request), agreement)), delivery: await deliverySection(services, actorOf(request), agreement) });
    },

    /** One version as a document: the signed versions before a variation stay readable here. */
    async showVersion(request: AgreementRequest, reply: FastifyReply) {
      const id = agreementIdOf(request);
      const number = parseId(request.params.number);
      const agreement = id === undefined || number === undefined ? undefined : await services.agreements.find(actorOf(request), id, number);
      if (!agreement) return notFound(reply);
      const alliance = await services.alliances.current();
      return reply.render('agreements/views/version.njk', {
        heading: agreementHeading(agreement),
        document: agreementDocument(agreement, alliance.name),
        number: agreement.version.number,
        isCurrent: agreement.version.id === agreement.agreement.currentVersionId,
        pdfHref: `/staff/agreements/${agreement.agreement.id}/versions/${agreement.version.number}/pdf`,
      });
    },

    async pdf(request: AgreementRequest, reply: FastifyReply) {
      const id = agreementIdOf(request);
      const number = parseId(request.params.number);
      const agreement = id === undefined || number === undefined ? undefined : await services.agreements.find(actorOf(request), id, number);
      if (!agreement) return notFound(reply);
      const alliance = await services.alliances.current();
      const pdf = await agreementPdf({ allianceName: alliance.name, agreement, generatedAt: services.clock.now() });
      return reply
        .type('application/pdf')
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${agreementReference(agreement.agreement.id)}-version-${agreement.version.number}.pdf"`)
        .send(pdf);
    },

    async showVary(request: AgreementRequest, reply: FastifyReply) {
      return renderReasonPage(request, reply, 'vary', { reason: '' });
    },

    async submitVary(request: AgreementRequest, reply: FastifyReply) {
      const id = agreementIdOf(request);
      if (id === undefined || !(await services.agreements.find(actorOf(request), id))) return notFound(reply);
      const parsed = parseReason(bodyOf(request), 'Enter why the agreement is being varied');
      if (!parsed.ok) return renderReasonPage(request, reply.code(400), 'vary', { reason: String(bodyOf(request).reason ?? '') }, toFormErrors(parsed.problems));
      const outcome = await services.agreementEditing.startVariation(actorOf(request), id, parsed.data);
      if (!outcome.ok) return 'refused' in outcome ? renderRefusal(reply, id, outcome.refused) : renderReasonPage(request, reply.code(400), 'vary', { reason: parsed.data }, toFormErrors(outcome.problems));
      setFlash(reply, `Version ${outcome.value} started, copied from the signed version. Change it, then every party signs it again`, secure);
      return reply.redirect(`/staff/agreements/${id}`, 303);
    },

    async showDiscardVariation(request: AgreementRequest, reply: FastifyReply) {
      return renderDiscardPage(request, reply);
    },

    async submitDiscardVariation(request: AgreementRequest, reply: FastifyReply) {
      const id = agreementIdOf(request);
      if (id === undefined || !(await services.agreements.find(actorOf(request), id))) return notFound(reply);
      const outcome = await services.agreementEditing.discardVariation(actorOf(request), id);
      if (!outcome.ok) return renderRefusal(reply, id, 'refused' in outcome ? outcome.refused : 'There is no variation being agreed to discard');
      setFlash(reply, `Version ${outcome.value} discarded: the last signed version stays in force`, secure);
      return reply.redirect(`/staff/agreements/${id}`, 303);
    },

    /** An expired form: show the confirmation again, to press once more. */
    async discardAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      return renderDiscardPage(request as AgreementRequest, reply.code(problem === 'csrf' ? 403 : 429), true);
    },

    async showWithdraw(request: AgreementRequest, reply: FastifyReply) {
      return renderReasonPage(request, reply, 'withdraw', { reason: '' });
    },

    async submitWithdraw(request: AgreementRequest, reply: FastifyReply) {
      const id = agreementIdOf(request);
      if (id === undefined || !(await services.agreements.find(actorOf(request), id))) return notFound(reply);
      const parsed = parseReason(bodyOf(request), 'Enter why the agreement is being withdrawn');
      if (!parsed.ok) return renderReasonPage(request, reply.code(400), 'withdraw', { reason: String(bodyOf(request).reason ?? '') }, toFormErrors(parsed.problems));
      const outcome = await services.agreements.withdraw(actorOf(request), id, parsed.data);
      if (!outcome.ok) return renderReasonPage(request, reply.code(400), 'withdraw', { reason: parsed.data }, toFormErrors(outcome.problems));
      setFlash(reply, `${agreementReference(id)} withdrawn`, secure);
      return reply.redirect(`/staff/agreements/${id}`, 303);
    },

    async reasonAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const which = request.url.endsWith('/vary') ? 'vary' : 'withdraw';
      return renderReasonPage(request as AgreementRequest, reply.code(problem === 'csrf' ? 403 : 429), which, { reason: String(bodyOf(request).reason ?? '').slice(0, 1000) }, { summary: [{ text: EXPIRED_FORM, href: '#reason' }], fields: {} });
    },
  };

  async function renderDiscardPage(request: AgreementRequest, reply: FastifyReply, expired = false) {
    const id = agreementIdOf(request);
    const agreement = id === undefined ? undefined : await services.agreements.find(actorOf(request), id);
    if (!agreement) return notFound(reply);
    // An expired form is answered as such (403) even when there is nothing left to discard.
    if (agreement.agreement.status !== 'varying' && !expired) return renderRefusal(reply, agreement.agreement.id, 'There is no variation being agreed to discard');
    if (agreement.agreement.status !== 'varying') return reply.render('agreements/views/refused.njk', { agreementId: agreement.agreement.id, message: EXPIRED_FORM, offerVariation: false });
    const errors = expired ? { summary: [{ text: EXPIRED_FORM, href: '#discard-variation' }], fields: {} } : undefined;
    return reply.render('agreements/views/discard-variation.njk', { heading: agreementHeading(agreement), variation: agreement.version, errors });
  }

  async function renderReasonPage(request: AgreementRequest, reply: FastifyReply, which: 'vary' | 'withdraw', values: { reason: string }, errors?: FormErrors) {
    const id = agreementIdOf(request);
    const agreement = id === undefined ? undefined : await services.agreements.find(actorOf(request), id);
    if (!agreement) return notFound(reply);
    return reply.render(`agreements/views/${which}.njk`, { heading: agreementHeading(agreement), values, errors });
  }
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasAnyRole } from '../../platform/access.ts';
import { academicYear, type AcademicYear } from '../../platform/calendar/academic-year.ts';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { formError, toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { formatHalfDays } from '../../platform/units.ts';
import type { LeaderService } from '../leaders/leaders.service.ts';
import { describeSchool, type School, type SchoolService } from '../schools/schools.service.ts';
import type { AgreementEditingService } from './agreement-editing.service.ts';
import type { AgreementSigningService } from './agreement-signing.service.ts';
import { agreementDocument, agreementHeading } from './agreement-page.ts';
import { paginate, pageCountOf } from '../../platform/http/pagination.ts';
import { leaderLabel, parseStartForm, startFormValues, type StartFormValues } from './agreement-start.form.ts';
import { agreementReference, KIND_HINTS, KIND_LABELS, STATUS_LABELS, STATUS_TAG_CLASSES } from './agreements.labels.ts';
import { agreementPdf } from './agreements.pdf.ts';
import { agreementIdOf, EXPIRED_FORM, type AgreementRequest } from './agreements.requests.ts';
import { actorOf, bodyOf, formProblemStatus, parseId } from '../../platform/http/requests.ts';
import { notFound } from '../../platform/http/replies.ts';
import { parseListFilters } from './agreements.schema.ts';
import { ALLIANCE_STAFF, type AgreementService } from './agreements.service.ts';
import type { SpecialismService } from '../specialisms/specialisms.service.ts';
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, type LeaderChoice } from './agreements.model.ts';

const PAGE_SIZE = 50;

type StartPage = {
  values: StartFormValues;
  errors?: FormErrors;
  leaderChoices?: LeaderChoice[];
  schoolChoices?: School[];
};

/** What the agreement pages use (agreement-page/ shows the agreement itself, with its sections). */
export type AgreementRouteServices = {
  agreements: AgreementService;
  agreementEditing: AgreementEditingService;
  agreementSigning: AgreementSigningService;
  leaders: LeaderService;
  schools: SchoolService;
  specialisms: SpecialismService;
};

export function agreementHandlers(services: AgreementRouteServices) {
  function renderStart(reply: FastifyReply, page: StartPage) {
    return reply.render('agreements/views/start.njk', {
      ...page,
      kindItems: AGREEMENT_KINDS.map((kind) => ({
        value: kind,
        text: KIND_LABELS[kind],
        hint: { text: KIND_HINTS[kind] },
        checked: page.values.kind === kind,
      })),
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
      const pageCount = pageCountOf(total, PAGE_SIZE);
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
          dates:
            row.startDate && row.endDate
              ? `${formatLongDate(row.startDate)} to ${formatLongDate(row.endDate)}`
              : 'Not agreed yet',
          days: row.halfDays === null ? undefined : formatHalfDays(row.halfDays),
        })),
        kindItems: [
          { value: '', text: 'Any kind' },
          ...AGREEMENT_KINDS.map((kind) => ({ value: kind, text: KIND_LABELS[kind], selected: filters.kind === kind })),
        ],
        statusItems: [
          { value: '', text: 'Any status' },
          ...AGREEMENT_STATUSES.map((status) => ({
            value: status,
            text: STATUS_LABELS[status],
            selected: filters.status === status,
          })),
        ],
        yearItems: [
          { value: '', text: 'Any year' },
          ...yearChoices(services.agreements.currentYear()).map((choice) => ({
            value: choice.name,
            text: choice.name,
            selected: year?.name === choice.name,
          })),
        ],
        pagination: paginate(filters.page, pageCount, query),
      });
    },

    /** The start page, filled in from a link (a leader's page, an enquiry): `?leader=ID&school=URN&kind=...&enquiry=REF`. */
    async showStart(request: FastifyRequest<{ Querystring: Record<string, string | undefined> }>, reply: FastifyReply) {
      const alliance = await services.agreements.alliance();
      const values: StartFormValues = {
        kind: '',
        leader: '',
        leaderId: '',
        school: '',
        schoolUrn: '',
        enquiry: (request.query.enquiry ?? '').slice(0, 30),
      };
      const kind = AGREEMENT_KINDS.find((candidate) => candidate === request.query.kind);
      if (kind) values.kind = kind;
      const leaderId = parseId(request.query.leader);
      const leader = leaderId === undefined ? undefined : await services.leaders.find(alliance.id, leaderId);
      if (leader) values.leader = leaderLabel(leader);
      const urn = /^\d{5,7}$/.test(request.query.school ?? '')
        ? await services.schools.find(Number(request.query.school))
        : undefined;
      if (urn) Object.assign(values, { school: describeSchool(urn), schoolUrn: String(urn.urn) });
      return renderStart(reply, { values });
    },

    async submitStart(request: FastifyRequest, reply: FastifyReply) {
      const values = startFormValues(bodyOf(request));
      const parsed = await parseStartForm(values, {
        leader: (id) => services.agreements.leaderToChoose(id),
        searchLeaders: (text, limit) => services.agreements.searchLeadersToChoose(text, limit),
        school: (urn) => services.schools.find(urn),
        resolveSchool: (text) => services.schools.resolve(text),
        enquiry: (reference) => services.agreements.findEnquiry(reference),
      });
      if (!parsed.ok) return renderStart(reply.code(400), parsed);
      const outcome = await services.agreements.create(actorOf(request), parsed.agreement);
      if (!outcome.ok)
        return renderStart(reply.code(400), {
          values: parsed.values,
          errors: toFormErrors(outcome.problems, {
            leaderId: 'leader',
            supportedSchoolUrn: 'school',
            enquiryId: 'enquiry',
            kind: 'kind',
          }),
        });
      setFlash(
        reply,
        `${KIND_LABELS[parsed.agreement.kind]} ${agreementReference(outcome.value.id)} started. Now add its terms and objectives`,
      );
      return reply.redirect(`/staff/agreements/${outcome.value.id}`, 303);
    },

    async startAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      return renderStart(reply.code(formProblemStatus(problem)), {
        values: startFormValues(bodyOf(request)),
        errors: formError(EXPIRED_FORM, '#kind'),
      });
    },

    /** One version as a document: the signed versions before a variation stay readable here. */
    async showVersion(request: AgreementRequest, reply: FastifyReply) {
      const id = agreementIdOf(request);
      const number = parseId(request.params.number);
      const agreement =
        id === undefined || number === undefined
          ? undefined
          : await services.agreements.find(actorOf(request), id, number);
      if (!agreement) return notFound(reply);
      return reply.render('agreements/views/version.njk', {
        heading: agreementHeading(agreement),
        document: agreementDocument(agreement, await services.agreements.contractFor(agreement)),
        number: agreement.version.number,
        isCurrent: agreement.version.id === agreement.agreement.currentVersionId,
        pdfHref: `/staff/agreements/${agreement.agreement.id}/versions/${agreement.version.number}/pdf`,
      });
    },

    async pdf(request: AgreementRequest, reply: FastifyReply) {
      const id = agreementIdOf(request);
      const number = parseId(request.params.number);
      const agreement =
        id === undefined || number === undefined
          ? undefined
          : await services.agreements.find(actorOf(request), id, number);
      if (!agreement) return notFound(reply);
      const pdf = await agreementPdf({
        contract: await services.agreements.contractFor(agreement),
        agreement,
        generatedAt: services.agreements.now(),
      });
      return reply
        .type('application/pdf')
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `attachment; filename="${agreementReference(agreement.agreement.id)}-version-${agreement.version.number}.pdf"`,
        )
        .send(pdf);
    },
  };
}

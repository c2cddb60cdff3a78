import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormProblem } from '../../platform/errors.ts';
import { formError, toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { bodyOf, formProblemStatus, parseId } from '../../platform/http/requests.ts';
import { REFUSALS, refusalReason, type Refusal } from './application-eligibility.ts';
import { applicationToken, setApplicationCookie } from './apply-cookie.ts';
import { changingFromCheck, EXPIRED_FORM, formRefused, heldApplication, type ApplyServices } from './apply-pages.ts';
import { checkAnswersRows } from './apply-check.ts';
import { parseYourDetails, text } from './apply.schema.ts';
import { RESUME_LINK_DAYS } from './applications.service.ts';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import { RECRUITED_TYPES, TYPE_NAMES } from './designation.model.ts';

type Query = Record<string, string | undefined>;
const queryOf = (request: FastifyRequest) => (request.query ?? {}) as Query;
const VIEWS = 'designation/views/apply';

/** Where the answer that stopped the journey is changed. */
const CHANGE_LINKS: Record<Refusal, string> = {
  'sle-headteacher': '/apply/role',
  hlta: '/apply/role',
  'sle-leadership-years': '/apply/role',
  'lle-not-headteacher': '/apply/role',
  'lle-headship-years': '/apply/role',
  'lle-years-staying': '/apply/headship',
  'lle-governors-support': '/apply/headship',
  'lle-senior-staff-cover': '/apply/headship',
  'lle-coaching': '/apply/headship',
  'registered-elsewhere': '/apply/other-alliance',
};

/** The journey's own pages: its start, the first two questions (before there is an application), check and send. */
export function applyHandlers(services: ApplyServices) {
  const { applications, designationRules, rounds } = services;

  /** The rounds open now, as the choice of what to apply for: a round is for one designation. */
  async function renderDesignation(request: FastifyRequest, reply: FastifyReply, checked: string, errors?: FormErrors) {
    const open = (await rounds.current()).filter((round) => round.open);
    return reply.render(`${VIEWS}/designation.njk`, {
      roundItems: open.map((round) => ({
        value: String(round.id),
        text: TYPE_NAMES[round.designationType],
        checked: String(round.id) === checked,
        hint: {
          text: [
            round.closesOn ? `Closes ${formatLongDate(round.closesOn)}` : 'Open all year',
            round.specialisms.length > 0 ? `We most need leaders in ${round.specialisms.join(', ')}` : '',
          ]
            .filter(Boolean)
            .join('. '),
        },
      })),
      errors,
      backLink: changingFromCheck(request) ? '/apply/check' : '/apply',
    });
  }

  /** Before the application exists, its round travels in the URL and the form's hidden field. */
  async function renderYourDetails(
    reply: FastifyReply,
    values: { name: string; email: string; roundId: string },
    errors?: FormErrors,
  ) {
    return reply.render(`${VIEWS}/your-details.njk`, { values, errors, backLink: '/apply/designation' });
  }

  const detailsFrom = (request: FastifyRequest) => {
    const body = bodyOf(request);
    return {
      name: text(body, 'name').slice(0, 300),
      email: text(body, 'email').slice(0, 300),
      roundId: (text(body, 'roundId') || String(queryOf(request).round ?? '')).slice(0, 12),
    };
  };

  /** The round chosen, if it is taking applications now. */
  async function openRound(roundId: string) {
    const id = parseId(roundId);
    const round = id === undefined ? undefined : await rounds.find(id);
    return round?.open ? round : undefined;
  }

  return {
    async start(request: FastifyRequest, reply: FastifyReply) {
      const [rules, criteria, current, held] = await Promise.all([
        designationRules.rules(),
        designationRules.criteria(),
        rounds.current(),
        applications.byToken(applicationToken(request)),
      ]);
      return reply.render(`${VIEWS}/start.njk`, {
        rules,
        criteria,
        typeNames: TYPE_NAMES,
        recruitedTypes: RECRUITED_TYPES,
        openRounds: current.filter((round) => round.open),
        held: held?.status === 'started' ? held : undefined,
      });
    },

    async showDesignation(request: FastifyRequest, reply: FastifyReply) {
      const held = await applications.byToken(applicationToken(request));
      return renderDesignation(request, reply, held?.status === 'started' ? String(held.roundId ?? '') : '');
    },

    async chooseDesignation(request: FastifyRequest, reply: FastifyReply) {
      const chosen = text(bodyOf(request), 'roundId').slice(0, 12);
      const round = await openRound(chosen);
      if (!round)
        return renderDesignation(
          request,
          reply.code(400),
          chosen,
          formError('Select what you are applying for, from the rounds open now', '#roundId'),
        );
      const held = await applications.byToken(applicationToken(request));
      if (held?.status !== 'started') return reply.redirect(`/apply/your-details?round=${round.id}`, 303);
      if (held.roundId !== round.id)
        await applications.answer(held, { designationType: round.designationType, roundId: round.id });
      return reply.redirect(changingFromCheck(request) ? '/apply/check' : '/apply/school', 303);
    },

    designationAgain: (request: FastifyRequest, reply: FastifyReply, problem: FormProblem) =>
      renderDesignation(request, reply.code(formProblemStatus(problem)), '', formError(EXPIRED_FORM, '#roundId')),

    async showYourDetails(request: FastifyRequest, reply: FastifyReply) {
      const held = await applications.byToken(applicationToken(request));
      if (held?.status === 'started')
        return renderYourDetails(reply, { name: held.applicantName, email: held.applicantEmail, roundId: '' });
      const values = detailsFrom(request);
      if (!(await openRound(values.roundId))) return reply.redirect('/apply/designation', 303);
      return renderYourDetails(reply, values);
    },

    async saveYourDetails(request: FastifyRequest, reply: FastifyReply) {
      const values = detailsFrom(request);
      const parsed = parseYourDetails(values);
      if (!parsed.ok) return renderYourDetails(reply.code(400), values, toFormErrors(parsed.problems));
      const held = await applications.byToken(applicationToken(request));
      if (held?.status === 'started') {
        await applications.answer(held, { applicantName: parsed.value.name, applicantEmail: parsed.value.email });
        return reply.redirect(changingFromCheck(request) ? '/apply/check' : '/apply/school', 303);
      }
      const round = await openRound(values.roundId);
      if (!round) return reply.redirect('/apply/designation', 303);
      const started = await applications.start({ roundId: round.id, ...parsed.value });
      if (!started.ok) return renderYourDetails(reply.code(400), values, formError(started.message, '#name'));
      setApplicationCookie(reply, started.token, RESUME_LINK_DAYS * 86_400);
      return reply.redirect('/apply/school', 303);
    },

    yourDetailsAgain: (request: FastifyRequest, reply: FastifyReply, problem: FormProblem) =>
      renderYourDetails(reply.code(formProblemStatus(problem)), detailsFrom(request), formError(EXPIRED_FORM, '#name')),

    async check(request: FastifyRequest, reply: FastifyReply) {
      const application = await heldApplication(applications, request, reply);
      if (!application) return reply;
      return reply.render(`${VIEWS}/check.njk`, await checkAnswersRows(services, application));
    },

    async send(request: FastifyRequest, reply: FastifyReply) {
      const application = await heldApplication(applications, request, reply);
      if (!application) return reply;
      const outcome = await applications.send(application);
      if (outcome.ok) return reply.redirect('/apply/sent', 303);
      return reply.code(400).render(`${VIEWS}/check.njk`, {
        ...(await checkAnswersRows(services, application)),
        errors: { summary: outcome.problems, fields: {} },
      });
    },

    async sendAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const application = await applications.byToken(applicationToken(request));
      if (application?.status !== 'started') return formRefused(reply, problem);
      return reply.code(formProblemStatus(problem)).render(`${VIEWS}/check.njk`, {
        ...(await checkAnswersRows(services, application)),
        errors: formError(EXPIRED_FORM, '#send'),
      });
    },

    async sent(request: FastifyRequest, reply: FastifyReply) {
      const application = await applications.byToken(applicationToken(request));
      if (!application) return reply.redirect('/apply', 303);
      if (application.status === 'started') return reply.redirect('/apply/check', 303);
      return reply.render(`${VIEWS}/sent.njk`, { application, typeName: TYPE_NAMES[application.designationType] });
    },

    async cannotApply(request: FastifyRequest, reply: FastifyReply) {
      const reason = String(queryOf(request).reason ?? '');
      const refusal = REFUSALS.find((each) => each === reason) as Refusal | undefined;
      const rules = await designationRules.rules();
      return reply.render(`${VIEWS}/cannot-apply.njk`, {
        reason: refusal ? refusalReason(refusal, rules) : undefined,
        changeLink: refusal ? CHANGE_LINKS[refusal] : '/apply/check',
      });
    },

    async resume(request: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply) {
      const application = await applications.byToken(request.params.token);
      if (!application) return reply.code(404).render(`${VIEWS}/resume-expired.njk`, {});
      setApplicationCookie(reply, request.params.token, RESUME_LINK_DAYS * 86_400);
      return reply.redirect(application.status === 'started' ? '/apply/check' : '/apply/sent', 303);
    },

    showNewLink: (_request: FastifyRequest, reply: FastifyReply) =>
      reply.render(`${VIEWS}/new-link.njk`, { values: {} }),

    async sendNewLink(request: FastifyRequest, reply: FastifyReply) {
      const email = text(bodyOf(request), 'email').slice(0, 300);
      const parsed = parseYourDetails({ name: 'unused', email });
      if (!parsed.ok)
        return reply
          .code(400)
          .render(`${VIEWS}/new-link.njk`, { values: { email }, errors: toFormErrors(parsed.problems) });
      await applications.sendNewLinks(parsed.value.email);
      return reply.render(`${VIEWS}/new-link-sent.njk`, { email: parsed.value.email });
    },

    newLinkAgain: (request: FastifyRequest, reply: FastifyReply, problem: FormProblem) =>
      reply.code(formProblemStatus(problem)).render(`${VIEWS}/new-link.njk`, {
        values: { email: text(bodyOf(request), 'email').slice(0, 300) },
        errors: formError(EXPIRED_FORM, '#email'),
      }),
  };
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderProblemPage, type FormProblem } from '../../platform/errors.ts';
import { formError, toFormErrors, type FieldProblem, type FormErrors } from '../../platform/forms.ts';
import { notFound } from '../../platform/http/replies.ts';
import { bodyOf, formProblemStatus, type FormBody } from '../../platform/http/requests.ts';
import type { SchoolService } from '../schools/schools.service.ts';
import type { SpecialismService } from '../specialisms/specialisms.service.ts';
import { nextPage, previousPage } from './application-answers.ts';
import type { Refusal } from './application-eligibility.ts';
import { applicationToken } from './apply-cookie.ts';
import type { Application, ApplicationsService } from './applications.service.ts';
import type { DesignationRulesService } from './designation-rules.service.ts';
import { TYPE_NAMES, type Criterion, type DesignationRules } from './designation.model.ts';
import type { RecruitmentRoundService } from './recruitment-rounds.service.ts';

export type ApplyServices = {
  applications: ApplicationsService;
  designationRules: DesignationRulesService;
  rounds: RecruitmentRoundService;
  specialisms: SpecialismService;
  schools: SchoolService;
};

export type QuestionContext = {
  application: Application;
  rules: DesignationRules;
  /** The criteria of the designation applied for, in order. */
  criteria: Criterion[];
  request: FastifyRequest;
};

/** What saving a page came to: problems to show with the answers kept, a refusal that stops the journey, or saved. */
export type Submitted =
  | { problems: FieldProblem[]; fieldIds?: Record<string, string>; extra?: Record<string, unknown> }
  | { refusal: Refusal }
  | { saved: true };

/** One question page of the journey: its path, its template, and how its answers are read and saved. */
export type Question<V> = {
  page: (request: FastifyRequest) => string;
  view: string;
  valuesOf(context: QuestionContext): V;
  read(body: FormBody): V;
  submit(context: QuestionContext, values: V): Promise<Submitted>;
  /** What the template needs besides the answers (the choices offered, say). */
  extra?(context: QuestionContext): Promise<Record<string, unknown>>;
  /** Whether what the URL names exists (a criterion of this designation); else the page is not found. */
  exists?(context: QuestionContext): boolean;
  /** Whether this page applies to the application (an LLE's questions); else it goes to the next page. */
  applies?(context: QuestionContext): boolean;
};

export const EXPIRED_FORM =
  'This page had been open a long time, so nothing was saved. Check your answers and try again';
export const CANNOT_APPLY = '/apply/cannot-apply';

/** The application this browser holds, or a redirect: to the start without one, to the confirmation once sent. */
export async function heldApplication(
  applications: ApplicationsService,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Application | undefined> {
  const application = await applications.byToken(applicationToken(request));
  if (!application) {
    await reply.redirect('/apply', 303);
    return undefined;
  }
  if (application.status !== 'started') {
    await reply.redirect('/apply/sent', 303);
    return undefined;
  }
  return application;
}

/**
 * A form refused before its handler ran (expired, or too many tries) whose page cannot be shown again
 * (the browser no longer holds an application): the refusal's status, and where to start again.
 */
export function formRefused(reply: FastifyReply, problem: FormProblem): Promise<FastifyReply> {
  return renderProblemPage(reply, formProblemStatus(problem), {
    heading: 'Nothing was saved',
    paragraphs: ['The page had been open a long time, or was sent too often. Start again at /apply.'],
  });
}

/** Whether the page was opened from check your answers (a Change link), so saving returns there. */
export function changingFromCheck(request: FastifyRequest): boolean {
  return (request.query as Record<string, unknown> | undefined)?.change === 'yes';
}

export function questionHandlers<V>(services: ApplyServices, question: Question<V>) {
  async function context(request: FastifyRequest, reply: FastifyReply): Promise<QuestionContext | undefined> {
    const application = await heldApplication(services.applications, request, reply);
    if (!application) return undefined;
    const [rules, criteria] = await Promise.all([
      services.designationRules.rules(),
      services.designationRules.criteria(),
    ]);
    return { application, rules, criteria: criteria[application.designationType], request };
  }

  async function render(reply: FastifyReply, ctx: QuestionContext, values: V, errors?: FormErrors, more = {}) {
    const type = ctx.application.designationType;
    const page = question.page(ctx.request);
    const fromCheck = changingFromCheck(ctx.request);
    return reply.render(question.view, {
      values,
      errors,
      application: ctx.application,
      type,
      typeName: TYPE_NAMES[type],
      rules: ctx.rules,
      backLink: fromCheck ? '/apply/check' : previousPage(type, ctx.criteria, page),
      ...(question.extra ? await question.extra(ctx) : {}),
      ...more,
    });
  }

  const skip = (ctx: QuestionContext, reply: FastifyReply) =>
    reply.redirect(
      nextPage(
        ctx.application.designationType,
        ctx.criteria,
        question.page(ctx.request),
        changingFromCheck(ctx.request),
      ),
      303,
    );

  return {
    async show(request: FastifyRequest, reply: FastifyReply) {
      const ctx = await context(request, reply);
      if (!ctx) return reply;
      if (question.exists && !question.exists(ctx)) return notFound(reply);
      if (question.applies && !question.applies(ctx)) return skip(ctx, reply);
      return render(reply, ctx, question.valuesOf(ctx));
    },

    async submit(request: FastifyRequest, reply: FastifyReply) {
      const ctx = await context(request, reply);
      if (!ctx) return reply;
      if (question.exists && !question.exists(ctx)) return notFound(reply);
      if (question.applies && !question.applies(ctx)) return skip(ctx, reply);
      const values = question.read(bodyOf(request));
      const outcome = await question.submit(ctx, values);
      if ('problems' in outcome)
        return render(reply.code(400), ctx, values, toFormErrors(outcome.problems, outcome.fieldIds), outcome.extra);
      if ('refusal' in outcome) return reply.redirect(`${CANNOT_APPLY}?reason=${outcome.refusal}`, 303);
      const refreshed = (await services.applications.byToken(applicationToken(request))) ?? ctx.application;
      const criteria = (await services.designationRules.criteria())[refreshed.designationType];
      return reply.redirect(
        nextPage(refreshed.designationType, criteria, question.page(request), changingFromCheck(request)),
        303,
      );
    },

    async again(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const application = await services.applications.byToken(applicationToken(request));
      if (application?.status !== 'started') return formRefused(reply, problem);
      const ctx = await context(request, reply);
      if (!ctx || (question.exists && !question.exists(ctx))) return formRefused(reply, problem);
      return render(
        reply.code(formProblemStatus(problem)),
        ctx,
        question.read(bodyOf(request)),
        formError(EXPIRED_FORM, '#main-content'),
      );
    },
  };
}

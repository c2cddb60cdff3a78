import type { FastifyReply } from 'fastify';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { formError, type FieldProblem, type FormErrors } from '../../platform/forms.ts';
import { formExpiredError, notFound } from '../../platform/http/replies.ts';
import { actorOf } from '../../platform/http/requests.ts';
import { whyLocked, type EditOutcome } from './agreement-editing.service.ts';
import { agreementHeading } from './agreement-page.ts';
import type { AgreementRouteServices } from './agreements.handlers.ts';
import { agreementIdOf, EXPIRED_FORM, renderRefusal, type AgreementRequest } from './agreements.requests.ts';
import type { Agreement } from './agreements.service.ts';

/** A form refused before its handler ran, to be shown again with what was typed. */
export type Expired = { problem: FormProblem };

/** What the forms for the version being agreed share: finding it editable, their common context, and answering an edit. */
export function editingPages(services: AgreementRouteServices) {
  /** The agreement, if it exists and may be changed; otherwise the page has been answered (not found, or refused). */
  async function editable(
    request: AgreementRequest,
    reply: FastifyReply,
    expired?: Expired,
  ): Promise<Agreement | undefined> {
    const id = agreementIdOf(request);
    const agreement = id === undefined ? undefined : await services.agreements.find(actorOf(request), id);
    if (!agreement) {
      if (expired) throw formExpiredError();
      notFound(reply);
      return undefined;
    }
    const locked = whyLocked(agreement, agreement.version);
    if (locked) {
      await renderRefusal(reply, agreement.agreement.id, locked);
      return undefined;
    }
    return agreement;
  }

  async function common(agreement: Agreement) {
    const alliance = await services.agreements.alliance();
    const stake = await services.agreementEditing.signaturesAtStake(agreement.agreement.id);
    return {
      heading: agreementHeading(agreement),
      backHref: `/staff/agreements/${agreement.agreement.id}`,
      specialisms: [...(await services.specialisms.active())].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
      minimumHalfDays: alliance.minimumDeploymentHalfDays,
      signaturesAtStake: stake.map((signature) => signature.signatoryName),
    };
  }

  /** Renders the outcome of an edit: refused (409), input problems (400, input kept) or done (redirect to the agreement). */
  async function afterEdit<T>(
    reply: FastifyReply,
    agreement: Agreement,
    outcome: EditOutcome<T>,
    again: (problems: FieldProblem[]) => Promise<FastifyReply>,
    done: string,
  ) {
    if (!outcome.ok && 'refused' in outcome) return renderRefusal(reply, agreement.agreement.id, outcome.refused);
    if (!outcome.ok) return again(outcome.problems);
    setFlash(reply, done);
    return reply.redirect(`/staff/agreements/${agreement.agreement.id}`, 303);
  }

  const expiredErrors = (href: string): FormErrors => formError(EXPIRED_FORM, href);

  return { editable, common, afterEdit, expiredErrors };
}

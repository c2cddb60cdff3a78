import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormProblem } from '../../platform/errors.ts';
import { field, formError, toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { formExpiredError } from '../../platform/http/replies.ts';
import { setFlash } from '../../platform/flash.ts';
import { notFound } from '../../platform/http/replies.ts';
import { actorOf, bodyOf, formProblemStatus, parseId } from '../../platform/http/requests.ts';
import { DESIGNATION_LABELS, PHASE_LABELS } from '../leaders/leaders.schema.ts';
import type { Leader } from '../leaders/leaders.service.ts';
import type { DesignationOutcomeService, ListingLinkProblem } from './designation-outcomes.service.ts';

export type ListingConsentRouteServices = { designationOutcomes: DesignationOutcomeService };

export const LISTING_CONSENT_PATH = '/listing-consent';

const LINK_PROBLEMS: Record<ListingLinkProblem, { heading: string; text: string }> = {
  'not-found': {
    heading: 'This link does not work',
    text: 'Check you copied the whole link from the email. If the alliance has sent you a newer email, use the link in that one: each new link replaces the one before.',
  },
  expired: {
    heading: 'This link has expired',
    text: 'Links asking whether you agree to be listed work for 30 days. Ask the alliance to send you a new one, or sign in and change your listing from your profile.',
  },
  answered: {
    heading: 'You have already answered',
    text: 'You have already told us whether you agree to be listed, so this link no longer works. If you have an account, you can change your answer from your profile; or contact the alliance.',
  },
};

const ANSWERS = { yes: 'Yes, list me in the directory', no: 'No, do not list me' } as const;
const EXPIRED_FORM = 'This form had expired, so your answer was not saved. Choose your answer and send it again';

/** What the public directory would show of the leader: never their email address or telephone. */
function directoryPreview(leader: Leader) {
  const school = leader.homeSchool.town
    ? `${leader.homeSchool.name}, ${leader.homeSchool.town}`
    : leader.homeSchool.name;
  return [
    { key: { text: 'Name' }, value: { text: leader.name } },
    { key: { text: 'School' }, value: { text: school } },
    {
      key: { text: 'Designation' },
      value: { text: leader.activeTypes.map((type) => DESIGNATION_LABELS[type]).join(', ') || 'None in force' },
    },
    {
      key: { text: 'Specialisms' },
      value: { text: leader.specialisms.map((specialism) => specialism.name).join(', ') || 'None' },
    },
    {
      key: { text: 'Phases' },
      value: { text: leader.phases.map((phase) => PHASE_LABELS[phase]).join(', ') || 'None' },
    },
  ];
}

/** A newly designated leader says, by the emailed link, whether they agree to be in the public directory. */
export function listingConsentHandlers(services: ListingConsentRouteServices) {
  const linkProblem = (reply: FastifyReply, reason: ListingLinkProblem) =>
    reply
      .code(reason === 'answered' ? 409 : 404)
      .render('designation/views/listing-consent/link-problem.njk', LINK_PROBLEMS[reason]);

  function renderQuestion(
    reply: FastifyReply,
    leader: Leader,
    context: { token: string; answer: string; errors?: FormErrors },
  ) {
    return reply.render('designation/views/listing-consent/question.njk', {
      ...context,
      leader,
      action: LISTING_CONSENT_PATH,
      preview: directoryPreview(leader),
      answerItems: Object.entries(ANSWERS).map(([value, text]) => ({
        value,
        text,
        checked: context.answer === value,
      })),
    });
  }

  return {
    /** Following the link shows the question; only the form answers it (mail scanners follow links). */
    async show(request: FastifyRequest<{ Querystring: { token?: string } }>, reply: FastifyReply) {
      const found = await services.designationOutcomes.findListingLink(request.query.token);
      if (!found.ok) return linkProblem(reply, found.reason);
      return renderQuestion(reply, found.leader, { token: String(request.query.token), answer: '' });
    },

    async answer(request: FastifyRequest, reply: FastifyReply) {
      const body = bodyOf(request);
      const token = field(body, 'token');
      const answer = field(body, 'answer');
      if (answer !== 'yes' && answer !== 'no') {
        const found = await services.designationOutcomes.findListingLink(token);
        if (!found.ok) return linkProblem(reply, found.reason);
        return renderQuestion(reply.code(400), found.leader, {
          token,
          answer: '',
          errors: toFormErrors([
            { field: 'answer', message: 'Select whether you agree to be listed in the directory' },
          ]),
        });
      }
      const outcome = await services.designationOutcomes.answerListing(token, answer === 'yes');
      if (!outcome.ok) return linkProblem(reply, outcome.reason);
      return reply.render('designation/views/listing-consent/answered.njk', {
        listed: answer === 'yes',
        leaderId: outcome.leader.id,
        inForce: outcome.leader.activeTypes.length > 0,
      });
    },

    /** A coordinator emails an unlisted leader a new link; back to the leader's page, saying what happened. */
    async askAgain(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
      const leaderId = parseId(request.params.id);
      const outcome =
        leaderId === undefined
          ? undefined
          : await services.designationOutcomes.askListingAgain(actorOf(request), leaderId);
      if (!outcome) return notFound(reply);
      setFlash(reply, outcome.ok ? 'A new link asking them to agree to be listed has been emailed' : outcome.message);
      return reply.redirect(`/staff/leaders/${leaderId}`, 303);
    },

    async answerAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const body = bodyOf(request);
      const token = field(body, 'token');
      const found = await services.designationOutcomes.findListingLink(token);
      // Refused as a forgery either way: the question again only when there is one to show.
      if (!found.ok) throw formExpiredError();
      const answer = field(body, 'answer');
      return renderQuestion(reply.code(formProblemStatus(problem)), found.leader, {
        token,
        answer: answer === 'yes' || answer === 'no' ? answer : '',
        errors: formError(EXPIRED_FORM, '#answer'),
      });
    },
  };
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { asArray, field, formError, problemsFromZod, toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { setFlash } from '../../platform/flash.ts';
import type { EnquiryService } from '../enquiries/enquiries.service.ts';
import type { MatchingService } from '../matching/matching.service.ts';
import { isOpenProposal } from './proposals.model.ts';
import type { ProposalService, ProposalView } from './proposals.service.ts';
import { notFound } from '../../platform/http/replies.ts';
import { DESIGNATION_ABBREVIATIONS } from '../leaders/leaders.schema.ts';
import { bodyOf, parseId } from '../../platform/http/requests.ts';
import { idText } from '../../platform/ids.ts';

const answerSchema = z.object({
  decision: z.enum(['accept', 'decline'], { error: 'Select whether you can support this school' }),
  note: z
    .string()
    .max(1000, 'Your note must be 1000 characters or fewer')
    .transform((note) => note.trim() || null),
});

const proposeSchema = z.object({
  leaderIds: z
    .array(idText('Select leaders from the list'))
    .min(1, 'Select at least one leader to propose')
    .max(10, 'Propose at most 10 leaders at once'),
  message: z
    .string()
    .max(1000, 'The note must be 1000 characters or fewer')
    .transform((message) => message.trim() || null),
});

/** How many ranked leaders the matching page lists at first, and at most. */
const PAGE_OF_LEADERS = 25;
const MOST_LEADERS_SHOWN = 500;

const LINK_PROBLEMS = {
  'not-found':
    'This link does not work. It may have been used already. Sign in to see proposals made to you, or contact the alliance.',
  expired: 'This link has expired. Sign in to answer, or contact the alliance.',
  answered: 'This proposal has already been answered or withdrawn.',
} as const;

export type ProposalRouteServices = {
  proposals: ProposalService;
  matching: MatchingService;
  enquiries: EnquiryService;
};

export function proposalHandlers(services: ProposalRouteServices) {
  /** The ranking for an enquiry, with the proposals made so far; with the problems of a proposal refused. */
  async function renderMatching(
    reply: FastifyReply,
    enquiryId: number,
    refused?: { status?: number; errors: FormErrors; values: { message: string; selected: number[] } },
    shown = PAGE_OF_LEADERS,
  ) {
    const result = await services.matching.rankForEnquiry(enquiryId, { limit: shown });
    if (!result) return notFound(reply);
    const more =
      result.rankedCount > result.ranked.length
        ? {
            count: Math.min(PAGE_OF_LEADERS, result.rankedCount - result.ranked.length),
            href: `?show=${result.ranked.length + PAGE_OF_LEADERS}#leader-${result.ranked.length + 1}`,
          }
        : undefined;
    const proposals = await services.proposals.forEnquiry(enquiryId);
    const proposed = proposals.filter(isOpenProposal).map((proposal) => proposal.leader.id);
    const firstOpenLeaderId = result.ranked.find((leader) => !proposed.includes(leader.leaderId))?.leaderId;
    const context = {
      ...result,
      proposals,
      proposed,
      firstOpenLeaderId,
      more,
      abbreviations: DESIGNATION_ABBREVIATIONS,
    };
    if (!refused) return reply.render('matching/views/matching.njk', context);
    return reply.code(refused.status ?? 400).render('matching/views/matching.njk', {
      ...context,
      errors: refused.errors,
      values: refused.values,
      selected: refused.values.selected,
    });
  }

  function renderAnswerPage(
    reply: FastifyReply,
    proposal: ProposalView,
    context: { token?: string; action: string; errors?: FormErrors; values?: Record<string, string> },
  ) {
    return reply.render('proposals/views/answer.njk', { proposal, ...context });
  }

  return {
    async showMatching(
      request: FastifyRequest<{ Params: { reference: string }; Querystring: Record<string, string | undefined> }>,
      reply: FastifyReply,
    ) {
      const enquiry = await services.enquiries.findByReference(request.params.reference);
      if (!enquiry) return notFound(reply);
      // ?show=50 lists the best 50: every ranked leader can be reached and proposed, a page at a time.
      const show = Number(request.query.show);
      const shown = Number.isSafeInteger(show)
        ? Math.min(MOST_LEADERS_SHOWN, Math.max(PAGE_OF_LEADERS, show))
        : undefined;
      return renderMatching(reply, enquiry.id, undefined, shown);
    },

    async propose(request: FastifyRequest<{ Params: { reference: string } }>, reply: FastifyReply) {
      const enquiry = await services.enquiries.findByReference(request.params.reference);
      if (!enquiry) return notFound(reply);
      const enquiryId = enquiry.id;
      const body = bodyOf(request);
      const values = {
        message: field(body, 'message'),
        selected: asArray(body.leaderIds).map(Number).filter(Number.isSafeInteger),
      };
      const parsed = proposeSchema.safeParse({ leaderIds: asArray(body.leaderIds), message: values.message });
      if (!parsed.success)
        return renderMatching(reply, enquiryId, { errors: toFormErrors(problemsFromZod(parsed.error)), values });
      const outcome = await services.proposals.propose(
        request.user!,
        enquiryId,
        parsed.data.leaderIds,
        parsed.data.message,
      );
      if (!outcome.ok) return renderMatching(reply, enquiryId, { errors: toFormErrors(outcome.problems), values });
      setFlash(
        reply,
        `Proposed ${outcome.proposalIds.length} ${outcome.proposalIds.length === 1 ? 'leader' : 'leaders'}; each has been emailed, and the school told`,
      );
      return reply.redirect(`/staff/enquiries/${enquiry.reference}/matching`, 303);
    },

    async withdraw(
      request: FastifyRequest<{ Params: { reference: string; proposalId: string } }>,
      reply: FastifyReply,
    ) {
      const enquiry = await services.enquiries.findByReference(request.params.reference);
      const proposalId = parseId(request.params.proposalId);
      if (!enquiry || proposalId === undefined) return reply.callNotFound();
      const withdrawn = await services.proposals.withdraw(request.user!, enquiry.id, proposalId);
      setFlash(reply, withdrawn ? 'Proposal withdrawn' : 'That proposal had already been answered or withdrawn');
      return reply.redirect(`/staff/enquiries/${enquiry.reference}/matching`, 303);
    },

    async agree(request: FastifyRequest<{ Params: { reference: string; proposalId: string } }>, reply: FastifyReply) {
      const enquiry = await services.enquiries.findByReference(request.params.reference);
      const proposalId = parseId(request.params.proposalId);
      if (!enquiry || proposalId === undefined) return reply.callNotFound();
      const outcome = await services.proposals.agree(request.user!, enquiry.id, proposalId);
      // A refusal is an error on the page it came from, never a success banner after a redirect.
      if (!outcome.ok)
        return renderMatching(reply, enquiry.id, {
          status: 409,
          errors: formError(outcome.message, '#proposals'),
          values: { message: '', selected: [] },
        });
      setFlash(
        reply,
        'The enquiry is agreed. Complete the agreement’s terms and objectives, then ask each party to sign',
      );
      return reply.redirect(`/staff/agreements/${outcome.agreementId}`, 303);
    },

    /** The emailed link shows the proposal and a form: following a link never answers by itself (mail scanners follow links). */
    async showAnswerByLink(request: FastifyRequest<{ Querystring: { token?: string } }>, reply: FastifyReply) {
      const found = await services.proposals.findByLink(request.query.token);
      if (!found.ok)
        return reply.code(404).render('proposals/views/link-problem.njk', { message: LINK_PROBLEMS[found.reason] });
      return renderAnswerPage(reply, found.proposal, { token: request.query.token, action: '/proposals/respond' });
    },

    async answerByLink(request: FastifyRequest, reply: FastifyReply) {
      const body = bodyOf(request);
      const token = field(body, 'token');
      const parsed = answerSchema.safeParse({
        decision: field(body, 'decision') || undefined,
        note: field(body, 'note'),
      });
      if (!parsed.success) {
        const found = await services.proposals.findByLink(token);
        if (!found.ok)
          return reply.code(404).render('proposals/views/link-problem.njk', { message: LINK_PROBLEMS[found.reason] });
        return renderAnswerPage(reply.code(400), found.proposal, {
          token,
          action: '/proposals/respond',
          errors: toFormErrors(problemsFromZod(parsed.error)),
          values: { note: field(body, 'note') },
        });
      }
      const outcome = await services.proposals.answerByLink(token, parsed.data.decision === 'accept', parsed.data.note);
      if (!outcome.ok)
        return reply
          .code(outcome.reason === 'answered' ? 409 : 404)
          .render('proposals/views/link-problem.njk', { message: LINK_PROBLEMS[outcome.reason] });
      return reply.render('proposals/views/answered.njk', { proposal: outcome.proposal });
    },

    async listMine(request: FastifyRequest, reply: FastifyReply) {
      const leaderId = request.user!.leaderId;
      const proposals = leaderId === null ? [] : await services.proposals.forLeader(leaderId);
      return reply.render('proposals/views/mine.njk', { proposals, linked: leaderId !== null });
    },

    async showMine(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
      const proposal = (await services.proposals.forLeader(request.user!.leaderId ?? -1)).find(
        (candidate) => candidate.id === parseId(request.params.id),
      );
      if (!proposal) return reply.callNotFound();
      return renderAnswerPage(reply, proposal, { action: `/staff/proposals/${proposal.id}` });
    },

    async answerMine(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
      const body = bodyOf(request);
      const proposalId = parseId(request.params.id);
      const proposal = (await services.proposals.forLeader(request.user!.leaderId ?? -1)).find(
        (candidate) => candidate.id === proposalId,
      );
      if (!proposal) return reply.callNotFound();
      const parsed = answerSchema.safeParse({
        decision: field(body, 'decision') || undefined,
        note: field(body, 'note'),
      });
      if (!parsed.success)
        return renderAnswerPage(reply.code(400), proposal, {
          action: `/staff/proposals/${proposalId}`,
          errors: toFormErrors(problemsFromZod(parsed.error)),
          values: { note: field(body, 'note') },
        });
      const outcome = await services.proposals.answerSignedIn(
        request.user!,
        proposal.id,
        parsed.data.decision === 'accept',
        parsed.data.note,
      );
      setFlash(
        reply,
        outcome.ok
          ? `You have ${parsed.data.decision === 'accept' ? 'accepted' : 'declined'} the proposal for ${proposal.school.name}`
          : LINK_PROBLEMS[outcome.reason],
      );
      return reply.redirect('/staff/proposals', 303);
    },
  };
}

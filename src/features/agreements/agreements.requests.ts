import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseId } from '../../platform/http/requests.ts';

/** What the agreement pages read from a request: the body, who is signed in, and the ids in the URL. */
export type AgreementRequest = FastifyRequest<{
  Params: { id: string; objectiveId?: string; pairingId?: string; number?: string };
  Querystring: Record<string, string | undefined>;
}>;

export function agreementIdOf(request: AgreementRequest): number | undefined {
  return parseId(request.params.id);
}

export const EXPIRED_FORM = 'This form had expired, so nothing was saved. Check your answers and try again';

/** An edit refused outright (the version is signed, or the agreement withdrawn): what happened, and the way forward. */
export function renderRefusal(reply: FastifyReply, agreementId: number, message: string): Promise<FastifyReply> {
  return reply.code(409).render('agreements/views/refused.njk', {
    agreementId,
    message,
    offerVariation: /start a variation/.test(message),
  });
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormProblem } from '../../platform/errors.ts';
import { agreementHeading } from '../agreements/agreement-page.ts';
import { actorOf, parseId } from '../../platform/http/requests.ts';
import { formExpiredError, notFound } from '../../platform/http/replies.ts';
import type { AgreementService } from '../agreements/agreements.service.ts';
import { NOT_SIGNED, type DeliveryAgreement, type DeliveryService, type SignedVersion } from './visits.service.ts';

/** What the visits and delivery pages use. */
export type VisitRouteServices = { delivery: DeliveryService; agreements: AgreementService };

/** What the visits and delivery pages read from a request: the agreement's id, and a visit's or a log's. */
export type DeliveryRequest = FastifyRequest<{ Params: { id: string; visitId?: string; logId?: string } }>;

export type Ready = DeliveryAgreement & { signed: SignedVersion };

/**
 * The agreement for a delivery page, or the page answered: not found (not theirs to see), not signed
 * yet (409), or not theirs to change (403) when `manage` is asked for. A form whose CSRF token
 * expired, for an agreement that is no longer there, is refused as expired.
 */
export async function deliveryAgreement(
  services: Pick<VisitRouteServices, 'delivery'>,
  request: DeliveryRequest,
  reply: FastifyReply,
  options: { manage: boolean; expired?: FormProblem },
): Promise<Ready | undefined> {
  const id = parseId(request.params.id);
  const user = actorOf(request);
  const context = id === undefined ? undefined : await services.delivery.open(user, id);
  if (!context) {
    if (options.expired) throw formExpiredError();
    notFound(reply);
    return undefined;
  }
  if (!context.signed) {
    await reply
      .code(409)
      .render('visits/views/not-signed.njk', { heading: agreementHeading(context.agreement), message: NOT_SIGNED });
    return undefined;
  }
  if (options.manage && !context.canManage) {
    await reply.code(403).render('errors/forbidden.njk', { roles: user.roles });
    return undefined;
  }
  return context as Ready;
}

/** Who may attend or deliver: the leader, or one of the signed version's staff pairings. */
export function attendeeItems(
  context: Ready,
  chosen: string,
  pairingLabel: (pairing: Ready['signed']['pairings'][number]) => string,
) {
  return [
    {
      value: 'leader',
      text: context.agreement.leader.name,
      hint: { text: 'The leader in this agreement' },
      checked: chosen === 'leader',
    },
    ...context.signed.pairings.map((pairing) => ({
      value: `pairing-${pairing.id}`,
      text: pairingLabel(pairing),
      hint: { text: 'A staff pairing' },
      checked: chosen === `pairing-${pairing.id}`,
    })),
  ];
}

export const backToAgreement = (context: Ready) => `/staff/agreements/${context.agreement.agreement.id}`;

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { agreementDocument, agreementHeading } from './agreement-page.ts';
import { versionFingerprint, whyUserCannotSign, whyUserCannotWitness } from './agreement-signing.service.ts';
import { CAPACITY_LABELS, partyLabel, partyPhrase } from './agreements.labels.ts';
import { agreementIdOf, EXPIRED_FORM, type AgreementRequest } from './agreements.requests.ts';
import { actorOf, bodyOf, formProblemStatus } from '../../platform/http/requests.ts';
import { notFound } from '../../platform/http/replies.ts';
import {
  parseSigning,
  parseWitness,
  signingFormValues,
  witnessFormValues,
  type SigningFormValues,
  type WitnessFormValues,
} from './agreements.schema.ts';
import type { Agreement } from './agreements.service.ts';
import type { AgreementRouteServices } from './agreements.handlers.ts';
import { PARTIES, type Party } from './agreements.model.ts';

type Expired = { problem: FormProblem };

/**
 * Signing: a party's signatory reads the version and signs it in the service; a coordinator records
 * a school's signature made in front of them. Who may sign for which party is the service's rule.
 */
export function agreementSigningHandlers(services: AgreementRouteServices) {
  async function load(request: AgreementRequest): Promise<Agreement | undefined> {
    const id = agreementIdOf(request);
    return id === undefined ? undefined : services.agreements.find(actorOf(request), id);
  }

  async function render(
    reply: FastifyReply,
    template: 'sign' | 'witness',
    agreement: Agreement,
    values: SigningFormValues | WitnessFormValues,
    errors?: FormErrors,
    refusal?: string,
  ) {
    const alliance = await services.agreements.alliance();
    const party = PARTIES.find((candidate) => candidate === values.party);
    const kind = agreement.agreement.kind;
    const organisation =
      party === 'supported-school'
        ? agreement.supportedSchool.name
        : party === 'home-school'
          ? agreement.homeSchool.name
          : alliance.name;
    return reply.render(`agreements/views/${template}.njk`, {
      heading: agreementHeading(agreement),
      document: agreementDocument(agreement, await services.agreements.contractFor(agreement)),
      backHref: `/staff/agreements/${agreement.agreement.id}`,
      values: { ...values, fingerprint: values.fingerprint || versionFingerprint(agreement.version) },
      errors,
      refusal,
      party,
      partyLabel: party ? partyPhrase(party, kind) : undefined,
      organisation,
      versionNumber: agreement.version.number,
      capacityItems: (['head', 'delegate'] as const).map((capacity) => ({
        value: capacity,
        text: CAPACITY_LABELS[capacity],
      })),
      schoolParties: (['supported-school', 'home-school'] as const)
        .filter((candidate) => !whyUserCannotWitness(actorOf(reply.request), agreement, agreement.version, candidate))
        .map((candidate) => ({
          value: candidate,
          text: `${partyLabel(candidate, kind)}: ${candidate === 'supported-school' ? agreement.supportedSchool.name : agreement.homeSchool.name}`,
          checked: values.party === candidate,
        })),
    });
  }

  /** Why this person cannot sign here at all (shown instead of the form), if they cannot. */
  function refusalFor(
    request: FastifyRequest,
    agreement: Agreement,
    party: Party | undefined,
    witnessing: boolean,
  ): string | undefined {
    const user = actorOf(request);
    if (witnessing) {
      const open = (['supported-school', 'home-school'] as const).filter(
        (candidate) => !whyUserCannotWitness(user, agreement, agreement.version, candidate),
      );
      return open.length > 0
        ? undefined
        : whyUserCannotWitness(user, agreement, agreement.version, party ?? 'home-school');
    }
    if (!party) return 'Choose a party to sign for from the agreement’s page';
    return whyUserCannotSign(user, agreement, agreement.version, party);
  }

  async function submit(request: AgreementRequest, reply: FastifyReply, witnessing: boolean, expired?: Expired) {
    const agreement = await load(request);
    if (!agreement) return notFound(reply);
    const values = witnessing ? witnessFormValues(bodyOf(request)) : signingFormValues(bodyOf(request));
    const template = witnessing ? 'witness' : 'sign';
    const party = PARTIES.find((candidate) => candidate === values.party);
    if (expired)
      return render(reply.code(formProblemStatus(expired.problem)), template, agreement, values, {
        summary: [{ text: EXPIRED_FORM, href: '#confirm' }],
        fields: {},
      });
    const refusal = refusalFor(request, agreement, party, witnessing);
    if (refusal) return render(reply.code(403), template, agreement, values, undefined, refusal);
    const ids = { capacity: 'capacity', confirm: 'confirm', party: witnessing ? 'party' : 'confirm' };
    const actor = actorOf(request);
    let outcome;
    if (witnessing) {
      const parsed = parseWitness(values as WitnessFormValues);
      if (!parsed.ok) return render(reply.code(400), template, agreement, values, toFormErrors(parsed.problems, ids));
      outcome = await services.agreementSigning.recordWitnessed(actor, agreement.agreement.id, parsed.data);
    } else {
      const parsed = parseSigning(values);
      if (!parsed.ok) return render(reply.code(400), template, agreement, values, toFormErrors(parsed.problems, ids));
      outcome = await services.agreementSigning.sign(actor, agreement.agreement.id, parsed.data);
    }
    if (!outcome.ok)
      return render(
        reply.code(400),
        template,
        agreement,
        { ...values, fingerprint: '' },
        toFormErrors(outcome.problems, ids),
      );
    const who = partyPhrase(party!, agreement.agreement.kind);
    setFlash(
      reply,
      outcome.value.locked
        ? `Signed for the ${who}. Every party has now signed version ${agreement.version.number}: it is locked`
        : `Signed for the ${who}`,
      { at: 'signatures' },
    );
    return reply.redirect(`/staff/agreements/${agreement.agreement.id}#signatures`, 303);
  }

  return {
    async showSign(request: AgreementRequest, reply: FastifyReply) {
      const agreement = await load(request);
      if (!agreement) return notFound(reply);
      const party = PARTIES.find((candidate) => candidate === request.query.party);
      const values: SigningFormValues = {
        party: party ?? '',
        capacity: '',
        headName: '',
        confirm: '',
        fingerprint: versionFingerprint(agreement.version),
      };
      const refusal = refusalFor(request, agreement, party, false);
      return render(refusal ? reply.code(403) : reply, 'sign', agreement, values, undefined, refusal);
    },
    submitSign: (request: AgreementRequest, reply: FastifyReply) => submit(request, reply, false),
    signAgain: (request: FastifyRequest, reply: FastifyReply, problem: FormProblem) =>
      submit(request as AgreementRequest, reply, false, { problem }),

    async showWitness(request: AgreementRequest, reply: FastifyReply) {
      const agreement = await load(request);
      if (!agreement) return notFound(reply);
      const party = PARTIES.find((candidate) => candidate === request.query.party);
      const values: WitnessFormValues = {
        party: party ?? '',
        capacity: '',
        headName: '',
        confirm: '',
        fingerprint: versionFingerprint(agreement.version),
        signatoryName: '',
        signatoryRole: '',
      };
      const refusal = refusalFor(request, agreement, party, true);
      return render(refusal ? reply.code(403) : reply, 'witness', agreement, values, undefined, refusal);
    },
    submitWitness: (request: AgreementRequest, reply: FastifyReply) => submit(request, reply, true),
    witnessAgain: (request: FastifyRequest, reply: FastifyReply, problem: FormProblem) =>
      submit(request as AgreementRequest, reply, true, { problem }),
  };
}

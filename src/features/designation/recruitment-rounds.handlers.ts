import type { FastifyReply, FastifyRequest } from 'fastify';
import { dateInputItems, datePartsOf } from '../../platform/date-input.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { formError, toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { notFound } from '../../platform/http/replies.ts';
import { actorOf, bodyOf, formProblemStatus, parseId } from '../../platform/http/requests.ts';
import type { SpecialismService } from '../specialisms/specialisms.service.ts';
import { RECRUITED_TYPES, TYPE_NAMES } from './designation.model.ts';
import { parseRound, roundFormValues, type RoundFormValues } from './designation.schema.ts';
import type { RecruitmentRoundService, RoundState } from './recruitment-rounds.service.ts';

type WithId = FastifyRequest<{ Params: { id: string } }>;
const EXPIRED_FORM = 'This form had expired, so nothing was saved. Check your answers and try again';
const ROUNDS = '/staff/recruitment-rounds';

export type RecruitmentRoundRouteServices = { rounds: RecruitmentRoundService; specialisms: SpecialismService };

const NO_ROUND: RoundFormValues = {
  designationType: '',
  opensOn: datePartsOf(null),
  closesOn: datePartsOf(null),
  note: '',
  specialismIds: [],
};

const STATE_TAGS: Record<RoundState, { text: string; classes: string }> = {
  open: { text: 'Open', classes: 'govuk-tag--green' },
  'not-open-yet': { text: 'Not open yet', classes: 'govuk-tag--blue' },
  closed: { text: 'Closed', classes: 'govuk-tag--grey' },
  'closed-early': { text: 'Closed early', classes: 'govuk-tag--grey' },
};

/** Administrators' page of recruitment rounds: open one, close one early. */
export function recruitmentRoundHandlers({ rounds, specialisms }: RecruitmentRoundRouteServices) {
  async function renderList(reply: FastifyReply, values: RoundFormValues, errors?: FormErrors) {
    const wrongParts = (name: 'opensOn' | 'closesOn') =>
      errors?.fields[name] ? (['day', 'month', 'year'] as const) : [];
    const chosen = new Set(values.specialismIds);
    return reply.render('designation/views/rounds.njk', {
      rounds: await rounds.all(),
      typeNames: TYPE_NAMES,
      stateTags: STATE_TAGS,
      typeItems: RECRUITED_TYPES.map((type) => ({
        value: type,
        text: TYPE_NAMES[type],
        checked: type === values.designationType,
      })),
      specialismItems: (await specialisms.active()).map((specialism) => ({
        value: String(specialism.id),
        text: specialism.name,
        checked: chosen.has(String(specialism.id)),
      })),
      values,
      opensOnItems: dateInputItems(values.opensOn, [...wrongParts('opensOn')]),
      closesOnItems: dateInputItems(values.closesOn, [...wrongParts('closesOn')]),
      errors,
    });
  }

  return {
    list: (_request: FastifyRequest, reply: FastifyReply) => renderList(reply, NO_ROUND),

    async open(request: FastifyRequest, reply: FastifyReply) {
      const values = roundFormValues(bodyOf(request));
      const parsed = parseRound(values);
      const outcome = parsed.ok ? await rounds.open(actorOf(request), parsed.value) : parsed;
      if (!outcome.ok)
        return renderList(
          reply.code(400),
          values,
          toFormErrors(outcome.problems, { opensOn: 'opensOn-day', closesOn: 'closesOn-day' }),
        );
      setFlash(reply, 'Recruitment round opened', { at: 'rounds' });
      return reply.redirect(`${ROUNDS}#rounds`, 303);
    },

    openAgain: (request: FastifyRequest, reply: FastifyReply, problem: FormProblem) =>
      renderList(
        reply.code(formProblemStatus(problem)),
        roundFormValues(bodyOf(request)),
        formError(EXPIRED_FORM, '#designationType'),
      ),

    async close(request: WithId, reply: FastifyReply) {
      const id = parseId(request.params.id);
      const round = id === undefined ? undefined : await rounds.find(id);
      if (!round) return notFound(reply);
      await rounds.close(actorOf(request), round);
      setFlash(reply, 'Recruitment round closed: it takes no more applications', { at: 'rounds' });
      return reply.redirect(`${ROUNDS}#rounds`, 303);
    },
  };
}

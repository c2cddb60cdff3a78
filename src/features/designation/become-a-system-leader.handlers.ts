import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DesignationRulesService } from './designation-rules.service.ts';
import { RECRUITED_TYPES, TYPE_NAMES } from './designation.model.ts';
import type { RecruitmentRoundService } from './recruitment-rounds.service.ts';

export type BecomeASystemLeaderServices = {
  designationRules: DesignationRulesService;
  rounds: RecruitmentRoundService;
};

/** The public page for leaders thinking of applying: the alliance's own criteria, figures and rounds. */
export function becomeASystemLeaderHandler({ designationRules, rounds }: BecomeASystemLeaderServices) {
  return async (_request: FastifyRequest, reply: FastifyReply) => {
    const [rules, criteria, current] = await Promise.all([
      designationRules.rules(),
      designationRules.criteria(),
      rounds.current(),
    ]);
    return reply.render('designation/views/become-a-system-leader.njk', {
      rules,
      criteria,
      typeNames: TYPE_NAMES,
      openRounds: current.filter((round) => round.open),
      laterRounds: current.filter((round) => !round.open),
      recruitedTypes: RECRUITED_TYPES,
    });
  };
}

import type { LeadStage } from '../leads/lead.model.js';

/** The funnel's steps in order; `lost` is not a step but where a lead leaves it. */
export const FUNNEL_STAGES = ['new', 'contacted', 'qualified', 'proposal', 'won'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/**
 * The furthest funnel step a lead reached, from its current stage and every stage its history shows
 * (the `before` and `after` of its stage_changed audit entries). Reaching a step counts every step
 * before it, skipped ones included: a lead moved new → proposal has passed contacted and qualified, and
 * a won lead has passed them all. A lost lead counts for the furthest open stage it was in (a lead lost
 * from qualified reached new, contacted and qualified). Only a lead that is won now counts as won: a
 * win the owner corrected away is not one.
 */
export function furthestStage(current: LeadStage, history: readonly LeadStage[]): FunnelStage {
  if (current === 'won') return 'won';
  let furthest = 0;
  for (const stage of [current, ...history]) {
    const index = FUNNEL_STAGES.indexOf(stage as FunnelStage);
    // won in the history of a lead that is not won now, and lost, are not open steps.
    if (index > furthest && stage !== 'won') furthest = index;
  }
  return FUNNEL_STAGES[furthest]!;
}

import type { Connection, Types } from 'mongoose';
import { auditModel } from '../audit/audit.model.js';
import { type Lead, type LeadStage, leadModel } from '../leads/lead.model.js';
import { FUNNEL_STAGES, type FunnelStage, furthestStage } from './funnel.rules.js';
import { type ReportRangeInput, ratio, resolveReportRange } from './report-range.rules.js';

/** One funnel step: how many of the range's leads got at least this far. */
export interface FunnelStep {
  stage: FunnelStage;
  reached: number;
  /** reached ÷ the previous step's reached, four decimals; null for `new` and after an empty step. */
  fromPrevious: number | null;
}

export interface FunnelReport {
  from: string;
  to: string;
  /** Leads created in the range (deleted ones left out). */
  leads: number;
  /** Of those, how many are still open, and how many were lost. */
  open: number;
  lost: number;
  steps: FunnelStep[];
  /** won ÷ new, four decimals; null without leads. */
  overall: number | null;
}

export type FunnelResult =
  | { ok: true; report: FunnelReport }
  | Extract<ReturnType<typeof resolveReportRange>, { ok: false }>;

type Slim = Pick<Lead, '_id' | 'stage'>;

/**
 * The funnel new → contacted → qualified → proposal → won over the leads created in the range: how many
 * reached each step (furthestStage: skipped steps count as passed, a lost lead counts up to the furthest
 * open stage it was in), the conversion between consecutive steps and overall. Stages come from each
 * lead's stage_changed audit entries; a lead without any (written directly, e.g. by an import) counts
 * for its current stage only, so a lost one of those counts as `new`. Stages are as stored now: `now`
 * ends the default range, it does not rewind a lead's later moves.
 */
export async function funnelReport(connection: Connection, input: ReportRangeInput): Promise<FunnelResult> {
  const resolved = resolveReportRange(input);
  if (!resolved.ok) return resolved;
  const { range } = resolved;
  // Served by the leads {createdAt: -1} index (migration 0002-report-indexes).
  const leads = await leadModel(connection)
    .find(
      { createdAt: { $gte: range.start, $lt: range.end }, deletedAt: { $exists: false } },
      { _id: 1, stage: 1 },
    )
    .lean<Slim[]>();
  const history = await stageHistory(connection, leads, range.start);
  const reached = new Map<FunnelStage, number>(FUNNEL_STAGES.map((stage) => [stage, 0]));
  let open = 0;
  let lost = 0;
  for (const lead of leads) {
    const furthest = FUNNEL_STAGES.indexOf(furthestStage(lead.stage, history.get(String(lead._id)) ?? []));
    for (const stage of FUNNEL_STAGES.slice(0, furthest + 1)) reached.set(stage, reached.get(stage)! + 1);
    if (lead.stage === 'lost') lost += 1;
    else if (lead.stage !== 'won') open += 1;
  }
  const steps = FUNNEL_STAGES.map((stage, index): FunnelStep => {
    const previous = index === 0 ? undefined : reached.get(FUNNEL_STAGES[index - 1]!)!;
    return {
      stage,
      reached: reached.get(stage)!,
      fromPrevious: previous === undefined ? null : ratio(reached.get(stage)!, previous),
    };
  });
  return {
    ok: true,
    report: {
      from: range.from,
      to: range.to,
      leads: leads.length,
      open,
      lost,
      steps,
      overall: ratio(reached.get('won')!, reached.get('new')!),
    },
  };
}

/**
 * Every stage each of `leads` was in or moved to, by lead id, from the audit log. A lead's moves all
 * come after its creation, so the entries are read from the range's start on (the {entity, entityId,
 * at} index narrowed to leads) and those of other leads dropped here; a long `$in` of lead ids would
 * cost the test server a comparison per id per entry.
 */
async function stageHistory(
  connection: Connection,
  leads: Slim[],
  since: Date,
): Promise<Map<string, LeadStage[]>> {
  const history = new Map<string, LeadStage[]>(leads.map((lead) => [String(lead._id), []]));
  const cursor = auditModel(connection)
    .find(
      { entity: 'lead', action: 'stage_changed', at: { $gte: since } },
      { entityId: 1, 'before.stage': 1, 'after.stage': 1, _id: 0 },
    )
    .lean<{ entityId: Types.ObjectId; before?: { stage?: LeadStage }; after?: { stage?: LeadStage } }>()
    .cursor({ batchSize: 5_000 });
  for await (const entry of cursor) {
    const stages = history.get(String(entry.entityId));
    if (!stages) continue;
    if (entry.before?.stage) stages.push(entry.before.stage);
    if (entry.after?.stage) stages.push(entry.after.stage);
  }
  return history;
}

import type { Connection } from 'mongoose';
import { leadModel } from '../leads/lead.model.js';
import { OPEN_STAGES } from '../leads/lead.rules.js';
import { getSettings } from '../settings/settings.use-case.js';

type OpenStage = (typeof OPEN_STAGES)[number];

/** The open leads of one stage, weighted by the stage's probability. */
export interface ForecastStage {
  stage: OpenStage;
  count: number;
  /** Σ estimated values, integer rupiah (a lead without one counts 0). */
  value: number;
  /** settings.stageProbabilities of the stage, 0..1. */
  probability: number;
  /** round(value × probability), integer rupiah. */
  weighted: number;
  /** Open leads of the stage without an estimated value: why a forecast may look low. */
  withoutValue: number;
}

export interface ForecastReport {
  /** The moment the pipeline was read at (ISO). */
  asOf: Date;
  stages: ForecastStage[];
  total: { count: number; value: number; weighted: number; withoutValue: number };
}

/**
 * The weighted pipeline: the open leads (stages new…proposal, not deleted) per stage, their estimated
 * value, the stage's probability from settings and value × probability; the total is the sum of the
 * stages' weighted values. A snapshot of the pipeline as stored now, so it takes no date range: leads
 * created after `now` are left out, nothing else is rewound.
 */
export async function forecastReport(
  connection: Connection,
  input: { now: Date; timeZone: string },
): Promise<ForecastReport> {
  const [groups, settings] = await Promise.all([
    // On the {stage, updatedAt} index.
    leadModel(connection).aggregate<{ _id: OpenStage; count: number; value: number; withoutValue: number }>([
      {
        $match: {
          stage: { $in: [...OPEN_STAGES] },
          open: true,
          deletedAt: { $exists: false },
          createdAt: { $lte: input.now },
        },
      },
      {
        $group: {
          _id: '$stage',
          count: { $sum: 1 },
          value: { $sum: { $ifNull: ['$estimatedValue', 0] } },
          withoutValue: { $sum: { $cond: [{ $eq: [{ $ifNull: ['$estimatedValue', null] }, null] }, 1, 0] } },
        },
      },
    ]),
    getSettings(connection),
  ]);
  const found = new Map(groups.map((group) => [group._id, group]));
  const total = { count: 0, value: 0, weighted: 0, withoutValue: 0 };
  const stages = OPEN_STAGES.map((stage): ForecastStage => {
    const group = found.get(stage);
    const probability = settings.stageProbabilities[stage];
    const row = {
      stage,
      count: group?.count ?? 0,
      value: group?.value ?? 0,
      probability,
      weighted: Math.round((group?.value ?? 0) * probability),
      withoutValue: group?.withoutValue ?? 0,
    };
    total.count += row.count;
    total.value += row.value;
    total.weighted += row.weighted;
    total.withoutValue += row.withoutValue;
    return row;
  });
  return { asOf: input.now, stages, total };
}

import type { PipelineStage } from 'mongoose';
import type { ReportRange } from './report-range.rules.js';

/**
 * When an order's money counts, as monthlyReport defines it: at its completion (`completedAt`), or at
 * its creation when it has no completion time or one later than `now`. An aggregation expression.
 */
export function earnedAtExpression(now: Date): Record<string, unknown> {
  // A missing completedAt reads as "after now", so it falls back to createdAt.
  const later = new Date(now.getTime() + 1);
  return {
    $cond: [{ $lte: [{ $ifNull: ['$completedAt', later] }, now] }, '$completedAt', '$createdAt'],
  };
}

/**
 * Pipeline stages keeping the completed orders whose money counts in `[since, range.end)` (see
 * earnedAtExpression), with that moment as `earnedAt`. `match` narrows further (payment status).
 * Everything is decided in the leading $match, so only those orders go further: the completion is in
 * the window, or the order has no completion up to now and its creation is in the window. An order is
 * completed after it is created, so `createdAt < end` bounds the scan on the `{status, createdAt}`
 * index (orders also have {status, completedAt} since migration 0002); the rest is checked on the documents found.
 */
export function earnedOrdersStages(
  range: Pick<ReportRange, 'end'>,
  now: Date,
  options: { since: Date; match?: Record<string, unknown> },
): PipelineStage[] {
  const { since } = options;
  return [
    {
      $match: {
        status: 'completed',
        createdAt: { $lt: range.end },
        ...options.match,
        // `end` is never later than just after `now`, so a completion in the window is one up to now.
        $or: [
          { completedAt: { $gte: since, $lt: range.end } },
          { createdAt: { $gte: since }, completedAt: { $not: { $lte: now } } },
        ],
      },
    },
    { $addFields: { earnedAt: earnedAtExpression(now) } },
  ];
}

/** Revenue is money earned on completed orders that are paid (a contact's "total spent" counts the same). */
export const PAID = { paymentStatus: 'paid' } as const;

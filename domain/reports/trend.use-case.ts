import type { Connection } from 'mongoose';
import { leadModel } from '../leads/lead.model.js';
import { orderModel } from '../orders/order.model.js';
import type { MonthlyTargets } from '../settings/settings.model.js';
import { getSettings } from '../settings/settings.use-case.js';
import { monthOf, nextMonth } from './monthly.use-case.js';
import { type ReportRange, type ReportRangeInput, ratio, resolveReportRange } from './report-range.rules.js';
import { earnedOrdersStages, PAID } from './revenue.rules.js';

type Figures = { orders: number; revenue: number; newLeads: number };

/** One month of the trend: what happened, the monthly target, and actual ÷ target. */
export interface TrendMonth extends Figures {
  /** YYYY-MM in the shop's time zone. */
  month: string;
  target: Figures;
  /** actual ÷ target to four decimals (1.25 = 125 %); null where the target is 0 (none set). */
  ratio: { orders: number | null; revenue: number | null; newLeads: number | null };
}

export interface TrendReport {
  from: string;
  to: string;
  months: TrendMonth[];
  total: Figures;
}

export type TrendResult =
  | { ok: true; report: TrendReport }
  | Extract<ReturnType<typeof resolveReportRange>, { ok: false }>;

/**
 * Orders, revenue and new leads per calendar month (shop zone) of the range, each against the monthly
 * target in settings. Definitions as monthlyReport's: orders are those created in the month and not
 * cancelled; revenue is the total of completed, paid orders counted in the month they were completed;
 * new leads are leads created in the month (deleted ones left out). A month the range cuts (the current
 * month, or a range starting on the 15th) counts only its days inside the range, against the whole
 * month's target. Every month of the range is listed, empty ones with zeros.
 */
export async function trendReport(connection: Connection, input: ReportRangeInput): Promise<TrendResult> {
  const resolved = resolveReportRange(input);
  if (!resolved.ok) return resolved;
  const { range } = resolved;
  const [orders, revenue, newLeads, settings] = await Promise.all([
    ordersPerMonth(connection, range, input.timeZone),
    revenuePerMonth(connection, range, input.now, input.timeZone),
    newLeadsPerMonth(connection, range, input.timeZone),
    getSettings(connection),
  ]);
  const months: TrendMonth[] = [];
  const total: Figures = { orders: 0, revenue: 0, newLeads: 0 };
  for (let month = range.from.slice(0, 7); month <= range.to.slice(0, 7); month = nextMonth(month)) {
    const actual = {
      orders: orders.get(month) ?? 0,
      revenue: revenue.get(month) ?? 0,
      newLeads: newLeads.get(month) ?? 0,
    };
    total.orders += actual.orders;
    total.revenue += actual.revenue;
    total.newLeads += actual.newLeads;
    months.push({ month, ...actual, ...against(actual, settings.monthlyTargets) });
  }
  return { ok: true, report: { from: range.from, to: range.to, months, total } };
}

function against(actual: Figures, targets: MonthlyTargets): Pick<TrendMonth, 'target' | 'ratio'> {
  return {
    target: { orders: targets.orders, revenue: targets.revenue, newLeads: targets.newLeads },
    ratio: {
      orders: ratio(actual.orders, targets.orders),
      revenue: ratio(actual.revenue, targets.revenue),
      newLeads: ratio(actual.newLeads, targets.newLeads),
    },
  };
}

/*
 * The month of each order and lead is taken in JavaScript over a cursor (monthOf, cached per quarter
 * hour) rather than with $dateToString in the pipeline: the same answer, but the test server evaluates a
 * time-zone $dateToString per document slowly enough to dominate a two-year trend.
 */

/** Add `value` to the month of `at`. */
const tally = (into: Map<string, number>, month: string, value: number) =>
  into.set(month, (into.get(month) ?? 0) + value);

async function ordersPerMonth(connection: Connection, range: ReportRange, timeZone: string) {
  const month = monthOf(timeZone);
  const counts = new Map<string, number>();
  // On the {createdAt} index.
  const cursor = orderModel(connection)
    .find(
      { createdAt: { $gte: range.start, $lt: range.end }, status: { $ne: 'cancelled' } },
      { createdAt: 1, _id: 0 },
    )
    .lean<{ createdAt: Date }>()
    .cursor({ batchSize: 5_000 });
  for await (const order of cursor) tally(counts, month(order.createdAt), 1);
  return counts;
}

async function revenuePerMonth(connection: Connection, range: ReportRange, now: Date, timeZone: string) {
  const month = monthOf(timeZone);
  const revenue = new Map<string, number>();
  const cursor = orderModel(connection)
    .aggregate<{ earnedAt: Date; total: number }>([
      ...earnedOrdersStages(range, now, { since: range.start, match: PAID }),
      { $project: { earnedAt: 1, total: 1, _id: 0 } },
    ])
    .cursor({ batchSize: 5_000 });
  for await (const order of cursor) tally(revenue, month(order.earnedAt), order.total);
  return revenue;
}

async function newLeadsPerMonth(connection: Connection, range: ReportRange, timeZone: string) {
  const month = monthOf(timeZone);
  const counts = new Map<string, number>();
  // Served by the leads {createdAt: -1} index (migration 0002-report-indexes).
  const cursor = leadModel(connection)
    .find(
      { createdAt: { $gte: range.start, $lt: range.end }, deletedAt: { $exists: false } },
      { createdAt: 1, _id: 0 },
    )
    .lean<{ createdAt: Date }>()
    .cursor({ batchSize: 5_000 });
  for await (const lead of cursor) tally(counts, month(lead.createdAt), 1);
  return counts;
}

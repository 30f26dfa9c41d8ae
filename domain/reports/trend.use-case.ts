import type { Connection } from 'mongoose';
import { leadModel } from '../leads/lead.model.js';
import { orderModel } from '../orders/order.model.js';
import type { MonthlyTargets } from '../settings/settings.model.js';
import { getSettings } from '../settings/settings.use-case.js';
import { nextMonth } from './monthly.use-case.js';
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

/** `{_id: 'YYYY-MM', value}` rows as a map. */
const byMonth = (rows: { _id: string; value: number }[]) => new Map(rows.map((row) => [row._id, row.value]));

/** The shop-zone month of a date field, as an aggregation expression. */
const monthOfField = (field: string, timeZone: string) => ({
  $dateToString: { format: '%Y-%m', date: field, timezone: timeZone },
});

async function ordersPerMonth(connection: Connection, range: ReportRange, timeZone: string) {
  // On the {createdAt} index.
  return byMonth(
    await orderModel(connection).aggregate<{ _id: string; value: number }>([
      { $match: { createdAt: { $gte: range.start, $lt: range.end }, status: { $ne: 'cancelled' } } },
      { $group: { _id: monthOfField('$createdAt', timeZone), value: { $sum: 1 } } },
    ]),
  );
}

async function revenuePerMonth(connection: Connection, range: ReportRange, now: Date, timeZone: string) {
  return byMonth(
    await orderModel(connection).aggregate<{ _id: string; value: number }>([
      ...earnedOrdersStages(range, now, { since: range.start, match: PAID }),
      { $group: { _id: monthOfField('$earnedAt', timeZone), value: { $sum: '$total' } } },
    ]),
  );
}

async function newLeadsPerMonth(connection: Connection, range: ReportRange, timeZone: string) {
  // Leads have no createdAt index (a shop has thousands, not millions): this scans the collection.
  return byMonth(
    await leadModel(connection).aggregate<{ _id: string; value: number }>([
      { $match: { createdAt: { $gte: range.start, $lt: range.end }, deletedAt: { $exists: false } } },
      { $group: { _id: monthOfField('$createdAt', timeZone), value: { $sum: 1 } } },
    ]),
  );
}

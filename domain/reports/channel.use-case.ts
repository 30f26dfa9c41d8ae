import type { Connection, Types } from 'mongoose';
import { CHANNELS, type Channel } from '../contacts/contact.model.js';
import { type Lead, leadModel } from '../leads/lead.model.js';
import { orderModel } from '../orders/order.model.js';
import { type ReportRangeInput, ratio, resolveReportRange } from './report-range.rules.js';
import { earnedOrdersStages, PAID } from './revenue.rules.js';

/** One lead channel over the range. */
export interface ChannelRow {
  channel: Channel;
  /** Leads created in the range from this channel (deleted ones left out). */
  leads: number;
  /** Of those, the ones won (as they stand now). */
  won: number;
  /** won ÷ leads, four decimals; null without leads. */
  conversion: number | null;
  /** Contacts this channel is credited with (see channelReport). */
  customers: number;
  /** Rupiah earned in the range on completed, paid orders of those contacts. */
  revenue: number;
}

export interface ChannelReport {
  from: string;
  to: string;
  /** Every channel, in the fixed order of CHANNELS, so charts keep their colours. */
  rows: ChannelRow[];
  total: Omit<ChannelRow, 'channel'>;
}

export type ChannelResult =
  | { ok: true; report: ChannelReport }
  | Extract<ReturnType<typeof resolveReportRange>, { ok: false }>;

type Slim = Pick<Lead, 'contactId' | 'channel' | 'stage' | 'createdAt'>;

/**
 * Leads, won leads, conversion and revenue per lead channel for the leads created in the range. Revenue
 * is what monthlyReport calls revenue (completed and paid, counted when completed) earned in the range
 * on orders of the contacts of those leads. A contact with leads from two channels in the range is
 * credited to the channel of its first lead in the range (first touch), so no rupiah counts twice.
 */
export async function channelReport(connection: Connection, input: ReportRangeInput): Promise<ChannelResult> {
  const resolved = resolveReportRange(input);
  if (!resolved.ok) return resolved;
  const { range } = resolved;
  // Served by the leads {createdAt: -1} index (migration 0002-report-indexes).
  const leads = await leadModel(connection)
    .find(
      { createdAt: { $gte: range.start, $lt: range.end }, deletedAt: { $exists: false } },
      { contactId: 1, channel: 1, stage: 1, createdAt: 1, _id: 0 },
    )
    .sort({ createdAt: 1, _id: 1 })
    .lean<Slim[]>();
  const rows = new Map<Channel, ChannelRow>(
    CHANNELS.map((channel) => [
      channel,
      { channel, leads: 0, won: 0, conversion: null, customers: 0, revenue: 0 },
    ]),
  );
  const creditedTo = new Map<string, { channel: Channel }>();
  for (const lead of leads) {
    const row = rows.get(lead.channel)!;
    row.leads += 1;
    if (lead.stage === 'won') row.won += 1;
    const key = String(lead.contactId);
    if (!creditedTo.has(key)) creditedTo.set(key, { channel: lead.channel });
  }
  for (const { channel } of creditedTo.values()) rows.get(channel)!.customers += 1;

  // One grouped pass over the range's earned, paid orders (as the trend's revenue), kept for the credited
  // contacts here: a long `$in` of contact ids would cost the test server a comparison per id per order.
  const earned = await orderModel(connection).aggregate<{ _id: Types.ObjectId; revenue: number }>([
    ...earnedOrdersStages(range, input.now, { since: range.start, match: PAID }),
    { $group: { _id: '$contactId', revenue: { $sum: '$total' } } },
  ]);
  for (const { _id, revenue } of earned) {
    const credited = creditedTo.get(String(_id));
    if (credited) rows.get(credited.channel)!.revenue += revenue;
  }

  const total = { leads: 0, won: 0, conversion: null as number | null, customers: 0, revenue: 0 };
  for (const row of rows.values()) {
    row.conversion = ratio(row.won, row.leads);
    total.leads += row.leads;
    total.won += row.won;
    total.customers += row.customers;
    total.revenue += row.revenue;
  }
  total.conversion = ratio(total.won, total.leads);
  return { ok: true, report: { from: range.from, to: range.to, rows: [...rows.values()], total } };
}

import { z } from 'zod';
import { formatRupiah } from '../../domain/i18n/messages.js';
import { type Period, periodSummary } from '../../domain/reports/summary.use-case.js';
import { problem } from './args.js';
import { defineCommand } from './command.js';
import { localTime } from './format.js';

const PERIOD_WORDS: Record<Period, readonly string[]> = {
  today: ['today', 'hari ini', 'hariini', 'harian'],
  yesterday: ['yesterday', 'kemarin', 'kemaren'],
  week: ['week', 'minggu', 'minggu ini', 'pekan', 'mingguan', 'weekly'],
  month: ['month', 'bulan', 'bulan ini', 'bulanan', 'monthly'],
};

export const reportCommand = defineCommand({
  name: 'report',
  aliases: ['laporan', 'rekap'],
  roles: ['owner', 'manager'],
  help: 'admin.help.report',
  usage: 'admin.usage.report',
  args: () =>
    z.string().transform((raw, ctx): Period => {
      const text = raw.trim().toLowerCase().replace(/\s+/g, ' ');
      if (!text) return 'today';
      const period = (Object.keys(PERIOD_WORDS) as Period[]).find((candidate) =>
        PERIOD_WORDS[candidate].includes(text),
      );
      return period ?? problem(ctx, 'admin.arg.bad_period', { got: raw.trim() });
    }),
  async run({ connection, t, now, timeZone }, period) {
    const summary = await periodSummary(connection, { period, now, timeZone });
    const last = new Date(summary.to.getTime() - 60_000);
    return t('admin.report.text', {
      period: t(`admin.period.${period}`),
      from: localTime(summary.from, timeZone).slice(0, 5),
      to: localTime(last, timeZone).slice(0, 5),
      orders: summary.orders.count,
      value: formatRupiah(summary.orders.value),
      revenue: formatRupiah(summary.revenue),
      newLeads: summary.newLeads,
      wonLeads: summary.wonLeads,
      overdueCount: summary.overdue.count,
      overdueAmount: formatRupiah(summary.overdue.amount),
      pendingPayments: summary.pendingPayments,
      tasksDue: summary.tasksDue,
    });
  },
});

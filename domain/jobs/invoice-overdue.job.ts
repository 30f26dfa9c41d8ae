import { botText, formatRupiah } from '../i18n/messages.js';
import type { Invoice } from '../invoices/invoice.model.js';
import { checkOverdueInvoices } from '../invoices/invoice.use-case.js';
import { notifyStaff } from '../notices/notify.js';
import type { Locale } from '../settings/settings.model.js';
import { getSettings } from '../settings/settings.use-case.js';
import { runOncePerDay } from './daily.js';
import { localDateText } from './format.js';
import type { JobDeps, JobHandler } from './job.js';

export const INVOICE_OVERDUE = 'invoice-overdue';

/** How many invoices the staff summary lists one by one. */
const LISTED = 5;

const outstanding = (invoice: Invoice) => Math.max(0, invoice.amount - invoice.paidAmount);

/** The staff summary's parameters: count, amount owed, the oldest few, and the oldest order for the commands. */
export function overdueSummaryParams(overdue: readonly Invoice[], locale: Locale) {
  const sorted = [...overdue].sort(
    (a, b) => a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number),
  );
  const lines = sorted.slice(0, LISTED).map((invoice) =>
    botText(locale, 'staff.invoices_overdue_line', {
      order: invoice.orderNumber,
      invoice: invoice.number,
      amount: formatRupiah(outstanding(invoice)),
      due: localDateText(invoice.dueDate),
    }),
  );
  if (sorted.length > LISTED) lines.push(botText(locale, 'staff.more', { count: sorted.length - LISTED }));
  return {
    count: sorted.length,
    amount: formatRupiah(sorted.reduce((sum, invoice) => sum + outstanding(invoice), 0)),
    lines: lines.join('\n'),
    order: sorted[0]?.orderNumber ?? '',
  };
}

/**
 * Once a day at settings.invoices.checkAt (shop time): mark invoices past their due date overdue, remind
 * their customers politely (at most maxReminders times, reminderEveryDays apart: the use case keeps
 * count), and send staff one summary of everything still overdue.
 */
export const invoiceOverdueJob: JobHandler = {
  name: INVOICE_OVERDUE,
  async run(deps: JobDeps) {
    const { connection, log, now } = deps;
    const settings = await getSettings(connection);
    await runOncePerDay(
      deps,
      { job: INVOICE_OVERDUE, at: settings.invoices.checkAt, timeZone: settings.timeZone },
      async (day) => {
        const result = await checkOverdueInvoices(connection, {
          now,
          timeZone: settings.timeZone,
          policy: settings.invoices,
        });
        log.info(
          {
            job: INVOICE_OVERDUE,
            day,
            newlyOverdue: result.newlyOverdue.length,
            reminded: result.reminded.length,
            overdue: result.overdue.length,
          },
          'overdue invoices checked',
        );
        if (result.overdue.length === 0) return;
        await notifyStaff(
          connection,
          {
            key: `overdue-summary:${day}`,
            text: 'staff.invoices_overdue',
            params: overdueSummaryParams(result.overdue, settings.locale),
          },
          now,
        );
      },
    );
  },
};

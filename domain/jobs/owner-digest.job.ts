import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { botText, formatRupiah } from '../i18n/messages.js';
import { type Notice, notifyStaff, notifyUser } from '../notices/notify.js';
import { type PeriodSummary, periodBounds, periodSummary } from '../reports/summary.use-case.js';
import type { Locale } from '../settings/settings.model.js';
import { getSettings } from '../settings/settings.use-case.js';
import type { Task } from '../tasks/task.model.js';
import { listTasks } from '../tasks/task.use-case.js';
import { activeStaff } from '../users/user.use-case.js';
import { runOncePerDay } from './daily.js';
import { localDateText, localDueText } from './format.js';
import type { JobDeps, JobHandler } from './job.js';

export const OWNER_DIGEST = 'owner-digest';

/** How many of the day's tasks the digest lists one by one. */
const LISTED_TASKS = 8;
/** At most this many of the open tasks due by tonight are counted (a small shop has far fewer). */
const TASKS_READ = 200;

/** The digest's text parameters from yesterday's summary and the open tasks due by the end of today. */
export function digestParams(input: {
  yesterday: PeriodSummary;
  tasksDue: readonly Task[];
  today: string;
  timeZone: string;
  locale: Locale;
}) {
  const { yesterday, tasksDue, today, timeZone, locale } = input;
  const lines = tasksDue.slice(0, LISTED_TASKS).map((task) =>
    botText(locale, 'staff.digest_task', {
      number: task.number,
      due: localDueText(task.dueAt, timeZone, today),
      text: task.text,
    }),
  );
  if (tasksDue.length > LISTED_TASKS)
    lines.push(botText(locale, 'staff.more', { count: tasksDue.length - LISTED_TASKS }));
  return {
    date: localDateText(format(new TZDate(yesterday.from.getTime(), timeZone), 'yyyy-MM-dd')),
    orders: yesterday.orders.count,
    value: formatRupiah(yesterday.orders.value),
    revenue: formatRupiah(yesterday.revenue),
    newLeads: yesterday.newLeads,
    wonLeads: yesterday.wonLeads,
    overdueCount: yesterday.overdue.count,
    overdueAmount: formatRupiah(yesterday.overdue.amount),
    pendingPayments: yesterday.pendingPayments,
    tasks: tasksDue.length,
    taskLines: lines.length > 0 ? lines.join('\n') : botText(locale, 'staff.digest_no_tasks'),
  };
}

/** A day with nothing to tell: no orders, payments or leads, nothing overdue or waiting. */
const quiet = (day: PeriodSummary): boolean =>
  day.orders.count === 0 &&
  day.revenue === 0 &&
  day.newLeads === 0 &&
  day.wonLeads === 0 &&
  day.overdue.count === 0 &&
  day.pendingPayments === 0;

/**
 * Once a day at settings.digest.at (shop time), when enabled: yesterday's orders and revenue, new and
 * won leads, overdue invoices, proofs waiting, and the tasks due today (overdue ones included), to the
 * owners, or to all staff when no owner has a WhatsApp number. A day with nothing to tell sends nothing
 * (a new or quiet shop gets no empty digests).
 */
export const ownerDigestJob: JobHandler = {
  name: OWNER_DIGEST,
  async run(deps: JobDeps) {
    const { connection, log, now } = deps;
    const settings = await getSettings(connection);
    if (!settings.digest.enabled) return;
    const { timeZone, locale } = settings;
    await runOncePerDay(deps, { job: OWNER_DIGEST, at: settings.digest.at, timeZone }, async (today) => {
      const endOfToday = periodBounds('today', now, timeZone).to;
      const [yesterday, tasksDue] = await Promise.all([
        periodSummary(connection, { period: 'yesterday', now, timeZone }),
        listTasks(connection, {
          status: 'open',
          dueBefore: new Date(endOfToday.getTime() - 1),
          limit: TASKS_READ,
        }),
      ]);
      if (quiet(yesterday) && tasksDue.length === 0) {
        log.info({ job: OWNER_DIGEST, day: today }, 'nothing to report; no digest today');
        return;
      }
      const notice: Notice = {
        key: `digest:${today}`,
        text: 'staff.digest',
        params: digestParams({ yesterday, tasksDue, today, timeZone, locale }),
      };
      const owners = (await activeStaff(connection, ['owner'])).filter((owner) => owner.whatsapp);
      let sent = 0;
      for (const owner of owners) if (await notifyUser(connection, owner, notice, now)) sent += 1;
      if (owners.length === 0) sent = await notifyStaff(connection, notice, now);
      log.info({ job: OWNER_DIGEST, day: today, sent }, 'owner digest queued');
    });
  },
};

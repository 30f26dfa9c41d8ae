import { z } from 'zod';
import { unreadChatTotal } from '../../../domain/chats/chat-query.use-case.js';
import { leadModel } from '../../../domain/leads/lead.model.js';
import { periodSummary } from '../../../domain/reports/summary.use-case.js';
import { teamWorkload } from '../../../domain/reports/workload.use-case.js';
import { getSettings } from '../../../domain/settings/settings.use-case.js';
import { USER_ROLES } from '../../../domain/users/user.model.js';
import { defineRoute } from '../route.js';

const LoadAnswer = z.object({
  openLeads: z.number().int(),
  openTasks: z.number().int(),
  overdueTasks: z.number().int(),
});

/** The first page: today's work for everyone; revenue and what is owed only for owners and managers (SPEC §7). */
export const dashboardRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/dashboard',
    access: 'signed-in',
    summary:
      "dashboard cards: today's orders, revenue this month vs target, open leads, overdue invoices, tasks due, unread chat messages",
    async handler(_input, { connection, clock, user }) {
      const settings = await getSettings(connection);
      const now = clock.now();
      const [today, month, openLeads, unreadChats] = await Promise.all([
        periodSummary(connection, { period: 'today', now, timeZone: settings.timeZone }),
        periodSummary(connection, { period: 'month', now, timeZone: settings.timeZone }),
        leadModel(connection).countDocuments({ open: true }),
        unreadChatTotal(connection),
      ]);
      const seesMoney = user?.role === 'owner' || user?.role === 'manager';
      return {
        ordersToday: today.orders.count,
        revenueMonth: seesMoney ? month.revenue : null,
        revenueTarget: seesMoney ? settings.monthlyTargets.revenue : null,
        openLeads,
        overdueInvoices: seesMoney ? today.overdue : null,
        tasksDue: today.tasksDue,
        /** Customer messages no staff member has seen or answered yet, over every chat. */
        unreadChats,
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/workload',
    access: ['owner', 'manager'],
    summary:
      "each active staff member's open leads, open and overdue tasks, and the open leads and tasks nobody holds",
    response: z.object({
      staff: z.array(LoadAnswer.extend({ id: z.string(), name: z.string(), role: z.enum(USER_ROLES) })),
      unassigned: LoadAnswer,
    }),
    async handler(_input, { connection, clock }) {
      const { staff, unassigned } = await teamWorkload(connection, clock.now());
      return { staff: staff.map((load) => ({ ...load, id: String(load.id) })), unassigned };
    },
  }),
];

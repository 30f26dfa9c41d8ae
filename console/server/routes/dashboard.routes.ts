import { unreadChatTotal } from '../../../domain/chats/chat-query.use-case.js';
import { leadModel } from '../../../domain/leads/lead.model.js';
import { periodSummary } from '../../../domain/reports/summary.use-case.js';
import { getSettings } from '../../../domain/settings/settings.use-case.js';
import { defineRoute } from '../route.js';

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
];

import type { AnyRoute } from '../route.js';
import { activityRoutes } from './activity.routes.js';
import { catalogRoutes } from './catalog.routes.js';
import { chatsRoutes } from './chats.routes.js';
import { contactsRoutes } from './contacts.routes.js';
import { dashboardRoutes } from './dashboard.routes.js';
import { deliverablesRoutes } from './deliverables.routes.js';
import { exportsRoutes } from './exports.routes.js';
import { importsRoutes } from './imports.routes.js';
import { inboxRoutes } from './inbox.routes.js';
import { leadsRoutes } from './leads.routes.js';
import { ordersRoutes } from './orders.routes.js';
import { paymentsRoutes } from './payments.routes.js';
import { privacyRoutes } from './privacy.routes.js';
import { reportsRoutes } from './reports.routes.js';
import { sessionRoutes } from './session.routes.js';
import { settingsRoutes } from './settings.routes.js';
import { tasksRoutes } from './tasks.routes.js';
import { trialRoutes } from './trial.routes.js';
import { whatsappRoutes } from './whatsapp.routes.js';

/** Every API route. The authorisation matrix test walks this table, so no route escapes it. */
export const ALL_ROUTES: readonly AnyRoute[] = [
  ...sessionRoutes,
  ...dashboardRoutes,
  ...inboxRoutes,
  ...chatsRoutes,
  ...ordersRoutes,
  ...deliverablesRoutes,
  ...paymentsRoutes,
  ...leadsRoutes,
  ...tasksRoutes,
  ...contactsRoutes,
  ...privacyRoutes,
  ...catalogRoutes,
  ...settingsRoutes,
  ...whatsappRoutes,
  ...trialRoutes,
  ...reportsRoutes,
  ...exportsRoutes,
  ...importsRoutes,
  ...activityRoutes,
];

import type { Connection } from 'mongoose';
import { activityModel } from './activity/activity.model.js';
import { auditModel } from './audit/audit.model.js';
import { productModel } from './catalog/product.model.js';
import { chatModel } from './chats/chat.model.js';
import { contactModel } from './contacts/contact.model.js';
import { conversationModel } from './conversations/conversation.model.js';
import { importModel } from './imports/import.model.js';
import { invoiceModel } from './invoices/invoice.model.js';
import { jobRunModel } from './jobs/job-run.model.js';
import { leadCounterModel, leadModel } from './leads/lead.model.js';
import { materialModel } from './materials/material.model.js';
import { messageModel } from './messages/message.model.js';
import { orderCounterModel, orderModel } from './orders/order.model.js';
import { outboxModel } from './outbox/outbox.model.js';
import { paymentModel } from './payments/payment.model.js';
import { consoleSessionModel } from './sessions/session.model.js';
import { settingsModel } from './settings/settings.model.js';
import { taskModel } from './tasks/task.model.js';
import { trialMessageModel } from './trial/trial.model.js';
import { userModel } from './users/user.model.js';
import { outageModel } from './whatsapp/outage.model.js';
import { sessionModel } from './whatsapp/session.model.js';

/** Every collection's model; domain/models.test.ts checks that no *.model.ts is missing here. */
export const ALL_MODELS = [
  activityModel,
  auditModel,
  productModel,
  chatModel,
  contactModel,
  conversationModel,
  importModel,
  invoiceModel,
  jobRunModel,
  leadModel,
  leadCounterModel,
  materialModel,
  messageModel,
  orderModel,
  orderCounterModel,
  outboxModel,
  paymentModel,
  consoleSessionModel,
  settingsModel,
  taskModel,
  userModel,
  sessionModel,
  outageModel,
  trialMessageModel,
];

/**
 * Create every collection's indexes before the process handles anything: unique keys are what keep
 * duplicates out, and mongoose would otherwise build them in the background while traffic flows.
 */
export async function ensureIndexes(connection: Connection): Promise<void> {
  for (const model of ALL_MODELS) await model(connection).init();
}

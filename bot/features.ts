import { customerConversation } from './conversation/customer.handler.js';
import type { Handler } from './inbox/compose.js';
import { staffAreNotCustomers } from './inbox/guards.js';

/** The bot's features after the built-in steps (media, pause guard), in order — shared by main and simulate. */
export function botFeatures(): Handler[] {
  return [staffAreNotCustomers, customerConversation()];
}

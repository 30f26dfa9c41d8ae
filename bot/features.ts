import { adminCommands } from './admin/admin.handler.js';
import { adminCommandTable, type CommandOptions } from './admin/commands.js';
import { customerConversation } from './conversation/customer.handler.js';
import type { Handler } from './inbox/compose.js';

/**
 * The bot's features after the built-in steps (media, pause guard), in order — shared by main and
 * simulate: staff commands and replies first, then the customer conversation. Building them validates
 * the admin command table, so a bad table stops the bot at start-up.
 */
export function botFeatures(options: CommandOptions = {}): Handler[] {
  return [adminCommands(adminCommandTable(options)), customerConversation()];
}

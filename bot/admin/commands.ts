import { botCommand } from './bot.command.js';
import type { Command } from './command.js';
import { helpCommand } from './help.command.js';
import { leadCommand, leadsCommand } from './leads.command.js';
import {
  newOrderCommand,
  noteCommand,
  orderCommand,
  ordersCommand,
  statusCommand,
} from './orders.command.js';
import { invoiceCommand, payCommand, rejectCommand, verifyCommand } from './payments.command.js';
import { customerDataCommand, eraseCommand } from './privacy.command.js';
import { reportCommand } from './report.command.js';
import { stockCommand } from './stock.command.js';
import { doneCommand, followupCommand, tasksCommand } from './tasks.command.js';

/** What some commands need from the bot's configuration. */
export interface CommandOptions {
  /** Where stored files live (DATA_DIR): erasing a customer deletes theirs. */
  dataDir?: string | undefined;
}

/** Every admin command, in the order `help` lists them (SPEC §5). Validated when the bot is built. */
export function adminCommandTable(options: CommandOptions = {}): Command[] {
  const table: Command[] = [];
  table.push(
    helpCommand(() => table),
    ordersCommand,
    orderCommand,
    statusCommand,
    noteCommand,
    newOrderCommand,
    invoiceCommand,
    payCommand,
    verifyCommand,
    rejectCommand,
    leadsCommand,
    leadCommand,
    followupCommand,
    tasksCommand,
    doneCommand,
    reportCommand,
    stockCommand,
    botCommand,
    customerDataCommand,
    eraseCommand(options),
  );
  return table;
}

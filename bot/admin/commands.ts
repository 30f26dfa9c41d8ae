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
import { reportCommand } from './report.command.js';
import { stockCommand } from './stock.command.js';
import { doneCommand, followupCommand, tasksCommand } from './tasks.command.js';

/** Every admin command, in the order `help` lists them (SPEC §5). Validated when the bot is built. */
export function adminCommandTable(): Command[] {
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
  );
  return table;
}

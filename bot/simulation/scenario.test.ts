import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { contactModel } from '../../domain/contacts/contact.model.js';
import { issueInvoice } from '../../domain/invoices/invoice.use-case.js';
import { createOrder } from '../../domain/orders/order.use-case.js';
import { createTask } from '../../domain/tasks/task.use-case.js';
import { userModel } from '../../domain/users/user.model.js';
import { type RunOptions, runScenario, type Scenario, ScenarioSchema } from './scenario.js';

interface Line {
  to?: string;
  text?: string;
  dump?: { tasks: unknown[] };
}

async function run(scenario: Scenario, prepare?: RunOptions['prepare']): Promise<Line[]> {
  const lines: Line[] = [];
  await runScenario(scenario, {
    mongoUri: inject('mongoUri'),
    baseDir: import.meta.dirname,
    dump: true,
    write: (line) => lines.push(line as Line),
    ...(prepare && { prepare }),
  });
  return lines;
}

const ADMIN = '+6281299990000';
const CUSTOMER = '+6281234567890';
const isReminder = (line: Line) => line.to === ADMIN && line.text?.startsWith('⏰ Pengingat tugas');
const isOverdueNotice = (line: Line) => line.to === CUSTOMER && line.text?.includes('sudah jatuh tempo');
const isOverdueSummary = (line: Line) =>
  line.to === ADMIN && line.text?.includes('tagihan lewat jatuh tempo');

describe('runScenario runs due jobs as the clock advances', () => {
  it('reminds a seeded task at its due time and sends the overdue notice on the next local day', async () => {
    // Seeded directly (no admin commands): a task due 24/11 10:00 WIB and an invoice due 24/11.
    const scenario = ScenarioSchema.parse({
      now: '2026-11-23T09:00:00+07:00',
      settings: {
        digest: { enabled: false, at: '07:00' },
        invoices: { dueDays: 1, checkAt: '09:00', maxReminders: 2, reminderEveryDays: 1 },
      },
      catalog: [{ id: 'tulip', name: 'Buket Tulip', price: 150000 }],
      admins: [{ name: 'Sari', phone: '0812-9999-0000', role: 'owner' }],
      steps: [
        { advance: '24h' },
        { advance: '59m' },
        { advance: '1m' },
        { advance: '22h58m' },
        { advance: '2m' },
      ],
    });
    const actor = { kind: 'system' as const, name: 'test' };
    const prepare: RunOptions['prepare'] = async (connection, { at, timeZone }) => {
      const sari = await userModel(connection).findOne().lean();
      const contact = await contactModel(connection).create({
        chatId: '6281234567890@c.us',
        phone: CUSTOMER,
        createdAt: at,
      });
      const task = await createTask(
        connection,
        {
          text: 'telpon',
          dueAt: new Date('2026-11-24T10:00:00+07:00'),
          assigneeId: sari!._id,
          link: { kind: 'contact', id: contact._id },
        },
        { actor, at },
      );
      if (!task.ok) throw new Error(task.details);
      const order = await createOrder(
        connection,
        {
          kind: 'catalog',
          contactId: contact._id,
          chatId: contact.chatId,
          items: [{ sku: 'tulip', qty: 1 }],
          source: 'console',
        },
        { actor, at, timeZone },
      );
      if (!order.ok) throw new Error(order.details);
      const invoice = await issueInvoice(
        connection,
        { orderNumber: order.order.number },
        { actor, at, timeZone },
      );
      if (!invoice.ok) throw new Error(invoice.details);
    };
    const upTo = async (steps: number) =>
      run({ ...scenario, steps: scenario.steps.slice(0, steps) }, prepare);

    // 24/11 09:59 WIB: nothing yet (and the invoice is due today, not overdue).
    const before = await upTo(2);
    expect(before.filter(isReminder)).toEqual([]);
    expect(before.filter(isOverdueNotice)).toEqual([]);
    // 24/11 10:00 WIB: the reminder, once, naming the task and its command.
    const atTen = await upTo(3);
    expect(atTen.filter(isReminder)).toEqual([
      {
        to: ADMIN,
        text: '⏰ Pengingat tugas *#1* (24/11 10:00):\ntelpon\nTerkait: +6281234567890\nSudah selesai? Balas *done 1*',
      },
    ]);
    expect(atTen.at(-1)!.dump!.tasks).toEqual([
      {
        number: 1,
        text: 'telpon',
        due: '2026-11-24T03:00:00.000Z',
        assignee: 'Sari',
        link: '+6281234567890',
        status: 'open',
        reminded: true,
      },
    ]);
    // 25/11 08:58 WIB: not yet; 25/11 09:00 WIB: the customer's polite reminder, then the staff summary.
    expect((await upTo(4)).filter(isOverdueNotice)).toEqual([]);
    const all = await upTo(5);
    expect(all.filter(isReminder)).toHaveLength(1);
    const tail = all.slice(-3, -1);
    expect(tail.map((line) => [isOverdueNotice(line), isOverdueSummary(line)])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(tail[1]!.text).toContain('*invoice ORD-202611-0001*');
  });
});

describe('the follow-up and invoice scenario (admin commands)', () => {
  const file = path.join(import.meta.dirname, 'scenarios/followup-invoice.json');
  const scenario = ScenarioSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const upTo = (steps: number) => run({ ...scenario, steps: scenario.steps.slice(0, steps) });

  it('"followup … besok jam 10" reminds at 10:00 WIB the next day, not before', async () => {
    expect((await upTo(6)).filter(isReminder)).toEqual([]); // 24/11 09:59 WIB
    const lines = await upTo(7); // 24/11 10:00 WIB
    expect(lines.filter(isReminder)).toHaveLength(1);
    expect(lines.at(-2)).toEqual({
      to: ADMIN,
      text: '⏰ Pengingat tugas *#1* (24/11 10:00):\ntelpon\nTerkait: +6281234567890\nSudah selesai? Balas *done 1*',
    });
  });

  it('an invoice due 24/11 is overdue at the 09:00 check on 25/11', async () => {
    expect((await upTo(8)).filter(isOverdueNotice)).toEqual([]); // 25/11 08:58 WIB
    const lines = await upTo(9); // 25/11 09:00 WIB
    expect(lines.filter(isOverdueNotice)).toHaveLength(1);
    expect(lines.slice(-3, -1).map((line) => [isOverdueNotice(line), isOverdueSummary(line)])).toEqual([
      [true, false],
      [false, true],
    ]);
  });
});

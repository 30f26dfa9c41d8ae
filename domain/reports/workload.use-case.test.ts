import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../audit/audit.model.js';
import type { LeadStage } from '../leads/lead.model.js';
import { leadModel } from '../leads/lead.model.js';
import { useTestDatabase } from '../platform/testing/database.js';
import type { TaskStatus } from '../tasks/task.model.js';
import { taskModel } from '../tasks/task.model.js';
import type { UserRole } from '../users/user.model.js';
import { createUser, setUserActive } from '../users/user.use-case.js';
import { teamWorkload } from './workload.use-case.js';

const db = useTestDatabase();
const now = new Date('2026-11-23T03:00:00Z');
const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);
const system: Actor = { kind: 'system', name: 'test' };

async function user(name: string, role: UserRole, minute: number) {
  const created = await createUser(
    db.connection,
    { name, login: name.toLowerCase(), role },
    { actor: system, at: new Date(now.getTime() - 86_400_000 + minute * 60_000) },
  );
  if (!created.ok) throw new Error(created.details);
  return created.user._id;
}

async function lead(stage: LeadStage, assignee?: Types.ObjectId, deleted = false) {
  const open = !deleted && !['won', 'lost'].includes(stage);
  await leadModel(db.connection).create({
    contactId: new Types.ObjectId(),
    stage,
    open,
    channel: 'organic',
    ...(assignee && { assignee }),
    ...(deleted && { deletedAt: hours(-1) }),
    createdAt: hours(-48),
    updatedAt: hours(-48),
    stageChangedAt: hours(-48),
  });
}

let taskNumber = 0;
async function task(dueInHours: number, assigneeId?: Types.ObjectId, status: TaskStatus = 'open') {
  await taskModel(db.connection).create({
    number: ++taskNumber,
    text: `tugas ${taskNumber}`,
    dueAt: hours(dueInHours),
    ...(assigneeId && { assigneeId }),
    status,
    createdBy: system,
    createdAt: hours(-72),
    updatedAt: hours(-72),
  });
}

describe('teamWorkload', () => {
  it("counts each active staff member's open leads, open and overdue tasks, and what nobody holds", async () => {
    // Made in this order; the answer lists owner, managers, then admins, oldest first within a role.
    const dewi = await user('Dewi', 'admin', 1);
    const rina = await user('Rina', 'owner', 2);
    const sari = await user('Sari', 'admin', 3);
    const maya = await user('Maya', 'manager', 4);
    const gone = await user('Gone', 'admin', 5);
    await setUserActive(db.connection, gone, false, { actor: system, at: hours(-1) });

    // Dewi: three open leads in different stages; a won, a lost and a deleted one do not count.
    await lead('new', dewi);
    await lead('contacted', dewi);
    await lead('proposal', dewi);
    await lead('won', dewi);
    await lead('lost', dewi);
    await lead('qualified', dewi, true);
    await lead('new', sari);
    await lead('new');
    await lead('qualified');
    await lead('lost');
    await lead('new', gone);

    // Dewi: two overdue (one by half a minute) and one due later; done and cancelled ones do not count.
    await task(-5, dewi);
    await task(-0.01, dewi);
    await task(3, dewi);
    await task(-5, dewi, 'done');
    await task(-5, dewi, 'cancelled');
    await task(24, rina);
    await task(-2, maya);
    await task(-1);
    await task(1);
    await task(-1, gone);

    const load = await teamWorkload(db.connection, now);
    expect(load.staff.map(({ id, ...row }) => ({ ...row, id: String(id) }))).toEqual([
      { id: String(rina), name: 'Rina', role: 'owner', openLeads: 0, openTasks: 1, overdueTasks: 0 },
      { id: String(maya), name: 'Maya', role: 'manager', openLeads: 0, openTasks: 1, overdueTasks: 1 },
      { id: String(dewi), name: 'Dewi', role: 'admin', openLeads: 3, openTasks: 3, overdueTasks: 2 },
      { id: String(sari), name: 'Sari', role: 'admin', openLeads: 1, openTasks: 0, overdueTasks: 0 },
    ]);
    expect(load.unassigned).toEqual({ openLeads: 2, openTasks: 2, overdueTasks: 1 });

    // A task falls overdue as time passes.
    expect((await teamWorkload(db.connection, hours(4))).staff[2]).toMatchObject({
      name: 'Dewi',
      overdueTasks: 3,
    });
  });
});

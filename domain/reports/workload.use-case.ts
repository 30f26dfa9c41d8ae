import type { Connection, Types } from 'mongoose';
import { leadModel } from '../leads/lead.model.js';
import { taskModel } from '../tasks/task.model.js';
import type { UserRole } from '../users/user.model.js';
import { activeStaff } from '../users/user.use-case.js';

/** What one person (or nobody) has on their plate right now. */
export interface Load {
  /** Leads in an open stage, not deleted. */
  openLeads: number;
  openTasks: number;
  /** Open tasks whose due time has passed. */
  overdueTasks: number;
}

export interface StaffLoad extends Load {
  id: Types.ObjectId;
  name: string;
  role: UserRole;
}

const ROLE_ORDER: Record<UserRole, number> = { owner: 0, manager: 1, admin: 2 };
const empty = (): Load => ({ openLeads: 0, openTasks: 0, overdueTasks: 0 });

/**
 * The team's workload at `now` (SPEC §3 lead ownership): each active staff member's open leads, open
 * tasks and overdue tasks (owner, managers, admins; the oldest account first within a role), and the
 * same figures for what nobody holds. Leads or tasks of a deactivated user appear in neither.
 */
export async function teamWorkload(
  connection: Connection,
  now: Date,
): Promise<{ staff: StaffLoad[]; unassigned: Load }> {
  const [users, leads, tasks] = await Promise.all([
    activeStaff(connection),
    leadModel(connection).aggregate<{ _id: Types.ObjectId | null; count: number }>([
      { $match: { open: true } },
      { $group: { _id: { $ifNull: ['$assignee', null] }, count: { $sum: 1 } } },
    ]),
    taskModel(connection).aggregate<{ _id: Types.ObjectId | null; open: number; overdue: number }>([
      { $match: { status: 'open' } },
      {
        $group: {
          _id: { $ifNull: ['$assigneeId', null] },
          open: { $sum: 1 },
          overdue: { $sum: { $cond: [{ $lt: ['$dueAt', now] }, 1, 0] } },
        },
      },
    ]),
  ]);
  const loads = new Map<string, Load>();
  const loadOf = (id: Types.ObjectId | null): Load => {
    const key = id === null ? 'none' : String(id);
    let load = loads.get(key);
    if (!load) {
      load = empty();
      loads.set(key, load);
    }
    return load;
  };
  for (const row of leads) loadOf(row._id).openLeads = row.count;
  for (const row of tasks) {
    const load = loadOf(row._id);
    load.openTasks = row.open;
    load.overdueTasks = row.overdue;
  }
  const staff = users
    .map((user) => ({
      id: user._id,
      name: user.name,
      role: user.role,
      ...(loads.get(String(user._id)) ?? empty()),
    }))
    // Array#sort is stable: activeStaff gives the oldest account first within a role.
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
  return { staff, unassigned: loads.get('none') ?? empty() };
}

import type { Connection } from 'mongoose';
import { outboxModel } from '../outbox/outbox.model.js';
import { createUser, type StaffUser } from '../users/user.use-case.js';

/** A staff account with a WhatsApp number, for tests. */
export async function staffUser(
  connection: Connection,
  name: string,
  role: 'owner' | 'manager' | 'admin',
  whatsapp: string | undefined,
  at: Date,
): Promise<StaffUser> {
  const result = await createUser(
    connection,
    { name, role, login: name.toLowerCase(), ...(whatsapp && { whatsapp }) },
    { actor: { kind: 'system', name: 'test' }, at },
  );
  if (!result.ok) throw new Error(result.details);
  return result.user;
}

/** Queued messages whose key starts with `prefix`, oldest first. */
export async function queued(connection: Connection, prefix: string) {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return outboxModel(connection)
    .find({ key: { $regex: `^${escaped}` } }, { _id: 0, key: 1, chatId: 1, text: 1, createdAt: 1 })
    .sort({ createdAt: 1, key: 1 })
    .lean<{ key: string; chatId: string; text: string; createdAt: Date }[]>();
}

import type { Connection } from 'mongoose';
import { type AuditEntry, auditModel } from './audit.model.js';

/** Record a change. Written after the change itself: a failed change leaves no audit entry behind. */
export async function audit(
  connection: Connection,
  entry: Omit<AuditEntry, 'at'>,
  at = new Date(),
): Promise<void> {
  await auditModel(connection).create({ ...entry, at });
}

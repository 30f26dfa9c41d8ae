import { Schema, type Types } from 'mongoose';
import { protectFields } from '../platform/field-encryption.js';
import { defineModel } from '../platform/model.js';

/** Who changed something: the customer (through the bot), a staff user, the bot itself, or a job. */
export interface Actor {
  kind: 'customer' | 'user' | 'bot' | 'system';
  /** The user's or contact's id, when there is one. */
  id?: string;
  name?: string;
}

/** One change to one record, kept forever: what it was, what it became, who did it and when. */
export interface AuditEntry {
  entity:
    | 'contact'
    | 'lead'
    | 'order'
    | 'invoice'
    | 'message'
    | 'product'
    | 'payment'
    | 'task'
    | 'material'
    | 'settings'
    | 'user'
    | 'import';
  entityId: Types.ObjectId | string;
  action: string;
  actor: Actor;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  at: Date;
}

export const auditSchema = new Schema<AuditEntry>(
  {
    entity: { type: String, required: true },
    entityId: { type: Schema.Types.Mixed, required: true },
    action: { type: String, required: true },
    actor: {
      type: new Schema({ kind: { type: String, required: true }, id: String, name: String }, { _id: false }),
      required: true,
    },
    before: Schema.Types.Mixed,
    after: Schema.Types.Mixed,
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
auditSchema.index({ entity: 1, entityId: 1, at: 1 });

protectFields(auditSchema, { before: 'deep', after: 'deep' });

export const auditModel = defineModel('Audit', auditSchema);

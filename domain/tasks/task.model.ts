import { Schema, type Types } from 'mongoose';
import type { Actor } from '../audit/audit.model.js';
import { protectFields } from '../platform/field-encryption.js';
import { defineModel } from '../platform/model.js';

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_LINK_KINDS = ['lead', 'order', 'contact'] as const;
export type TaskLinkKind = (typeof TASK_LINK_KINDS)[number];

/** What a task is about. */
export interface TaskLink {
  kind: TaskLinkKind;
  id: Types.ObjectId;
  /** How staff recognise it: the order number, or the contact's name (phone). */
  label: string;
}

/** A follow-up or to-do with a due time; its assignee is reminded on WhatsApp when it falls due. */
export interface Task {
  _id: Types.ObjectId;
  /** 1, 2, 3… from the counter 'TASK'; shown as #12. */
  number: number;
  text: string;
  dueAt: Date;
  assigneeId?: Types.ObjectId;
  link?: TaskLink;
  /** The contact the linked lead, order or contact belongs to. */
  contactId?: Types.ObjectId;
  status: TaskStatus;
  /** The due reminder went out (claimed before sending, so it is sent at most once). */
  reminderSentAt?: Date;
  createdBy: Actor;
  createdAt: Date;
  updatedAt: Date;
  doneAt?: Date;
  cancelledAt?: Date;
}

const actorSchema = new Schema<Actor>(
  { kind: { type: String, required: true }, id: String, name: String },
  { _id: false },
);

export const taskSchema = new Schema<Task>(
  {
    number: { type: Number, required: true, unique: true },
    text: { type: String, required: true },
    dueAt: { type: Date, required: true },
    assigneeId: { type: Schema.Types.ObjectId, ref: 'User' },
    link: {
      type: new Schema<TaskLink>(
        {
          kind: { type: String, required: true, enum: TASK_LINK_KINDS },
          id: { type: Schema.Types.ObjectId, required: true },
          label: { type: String, required: true },
        },
        { _id: false },
      ),
      default: undefined,
    },
    contactId: { type: Schema.Types.ObjectId, ref: 'Contact' },
    status: { type: String, required: true, enum: TASK_STATUSES },
    reminderSentAt: Date,
    createdBy: { type: actorSchema, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    doneAt: Date,
    cancelledAt: Date,
  },
  { versionKey: false },
);
taskSchema.index({ status: 1, dueAt: 1 });
taskSchema.index({ assigneeId: 1, status: 1, dueAt: 1 });
taskSchema.index({ contactId: 1, createdAt: -1 });

protectFields(taskSchema, { 'link.label': 'secret' });

export const taskModel = defineModel('Task', taskSchema);

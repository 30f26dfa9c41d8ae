import { Schema, type Types } from 'mongoose';
import { CHANNELS, type Channel } from '../contacts/contact.model.js';
import { defineModel } from '../platform/model.js';

/** The sales funnel: new → contacted → qualified → proposal → won | lost. */
export const LEAD_STAGES = ['new', 'contacted', 'qualified', 'proposal', 'won', 'lost'] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];

export const ACTIVITY_KINDS = ['chat', 'call', 'meeting', 'note'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** One follow-up step staff took (or a note), soft-deletable. */
export interface LeadActivity {
  _id: Types.ObjectId;
  kind: ActivityKind;
  text: string;
  at: Date;
  /** The user who did it. */
  by?: Types.ObjectId;
  deletedAt?: Date;
}

export interface NextAction {
  text: string;
  dueAt: Date;
}

/** A sales opportunity for a contact. */
export interface Lead {
  _id: Types.ObjectId;
  contactId: Types.ObjectId;
  stage: LeadStage;
  /**
   * True while the lead is in an open stage (new…proposal) and not deleted. Kept in sync by every use
   * case: a unique index on `contactId` where `open` is true allows one open lead per contact.
   */
  open: boolean;
  channel: Channel;
  interest?: string;
  /** Integer rupiah. */
  estimatedValue?: number;
  /** The user who follows the lead up. */
  assignee?: Types.ObjectId;
  nextAction?: NextAction;
  lostReason?: string;
  activities: LeadActivity[];
  /** Values of the shop's custom lead fields (settings.leadCustomFields), by key. */
  customFields: Record<string, string | number>;
  deletedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
  stageChangedAt: Date;
  /** When it was won or lost; absent while open. */
  closedAt?: Date;
  lastCustomerMessageAt?: Date;
  /** When the assignee was last alerted about it (the new-lead alert counts): the alert throttle. */
  lastAlertAt?: Date;
}

const activitySchema = new Schema<LeadActivity>(
  {
    kind: { type: String, required: true, enum: ACTIVITY_KINDS },
    text: { type: String, required: true },
    at: { type: Date, required: true },
    by: { type: Schema.Types.ObjectId, ref: 'User' },
    deletedAt: Date,
  },
  { versionKey: false },
);

export const leadSchema = new Schema<Lead>(
  {
    contactId: { type: Schema.Types.ObjectId, ref: 'Contact', required: true },
    stage: { type: String, required: true, enum: LEAD_STAGES },
    open: { type: Boolean, required: true },
    channel: { type: String, required: true, enum: CHANNELS },
    interest: String,
    estimatedValue: Number,
    assignee: { type: Schema.Types.ObjectId, ref: 'User' },
    nextAction: {
      type: new Schema<NextAction>(
        { text: { type: String, required: true }, dueAt: { type: Date, required: true } },
        { _id: false },
      ),
      default: undefined,
    },
    lostReason: String,
    activities: { type: [activitySchema], default: [] },
    customFields: { type: Schema.Types.Mixed, default: {} },
    deletedAt: Date,
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    stageChangedAt: { type: Date, required: true },
    closedAt: Date,
    lastCustomerMessageAt: Date,
    lastAlertAt: Date,
  },
  { versionKey: false, minimize: false },
);
// One open lead per contact; the race between two first messages ends at this index.
leadSchema.index({ contactId: 1 }, { unique: true, partialFilterExpression: { open: true } });
leadSchema.index({ contactId: 1, createdAt: -1 });
// Reports select the leads created in a range (trend, funnel, channels, summary): migration 0002.
leadSchema.index({ createdAt: -1 });
leadSchema.index({ stage: 1, updatedAt: -1 });
leadSchema.index({ assignee: 1, open: 1 });
leadSchema.index({ 'nextAction.dueAt': 1 });

export const leadModel = defineModel('Lead', leadSchema);

/** Counters for lead assignment, e.g. `{_id: 'round_robin', seq}`: the rotation's turn, taken atomically. */
export interface LeadCounter {
  _id: string;
  seq: number;
}

export const leadCounterSchema = new Schema<LeadCounter>(
  { _id: { type: String, required: true }, seq: { type: Number, required: true } },
  { versionKey: false },
);

export const leadCounterModel = defineModel('LeadCounter', leadCounterSchema);

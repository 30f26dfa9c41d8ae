import { Schema, type Types } from 'mongoose';
import { protectFields } from '../platform/field-encryption.js';
import { defineModel } from '../platform/model.js';

/** How many stock movements a material keeps (the newest); older ones live on in the audit log. */
export const MOVEMENT_HISTORY = 200;

/** One change of a material's stock, under a key: a key already in the list is never applied again. */
export interface StockMovement {
  /** `order:<ORD-…>` for an order's deduction, `adjust:<id>` for a staff adjustment. */
  key: string;
  /** Signed, in the material's unit. */
  qty: number;
  at: Date;
  reason?: string;
}

/** Something production uses up (paper, ribbon, flowers), counted in its own unit. */
export interface Material {
  _id: Types.ObjectId;
  /** Unique lowercase slug staff type, e.g. "pita-merah". */
  code: string;
  name: string;
  /** pcs, m, lembar, kg… */
  unit: string;
  stock: number;
  /** Below this, staff are alerted. */
  minStock: number;
  /** A low-stock alert was sent for the current dip below the minimum; cleared once it is back up. */
  low: boolean;
  /** The last MOVEMENT_HISTORY movements, oldest first. */
  movements: StockMovement[];
  createdAt: Date;
  updatedAt: Date;
}

const movementSchema = new Schema<StockMovement>(
  {
    key: { type: String, required: true },
    qty: { type: Number, required: true },
    at: { type: Date, required: true },
    reason: String,
  },
  { _id: false },
);

export const materialSchema = new Schema<Material>(
  {
    code: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    unit: { type: String, required: true },
    stock: { type: Number, required: true },
    minStock: { type: Number, required: true, default: 0 },
    low: { type: Boolean, required: true, default: false },
    movements: { type: [movementSchema], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

protectFields(materialSchema, { 'movements.key': 'keyed' });

export const materialModel = defineModel('Material', materialSchema);

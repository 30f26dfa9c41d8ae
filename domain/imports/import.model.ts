import { Schema, type Types } from 'mongoose';
import type { Actor } from '../audit/audit.model.js';
import { protectFields } from '../platform/field-encryption.js';
import { defineModel } from '../platform/model.js';

export const IMPORT_KINDS = ['contacts', 'products'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_STATUSES = ['running', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** A problem with one cell of one row: the row as the spreadsheet numbers it, the field and its header. */
export interface RowError {
  row: number;
  field: string;
  /** The header of the column in the file, when the field has one. */
  column?: string;
  message: string;
}

/** Errors kept on a job at most (a document stays far below MongoDB's 16 MB); the count is always exact. */
export const MAX_KEPT_ERRORS = 5_000;

/**
 * One applied import of a sheet, written as it runs so the console can poll its progress: counts are
 * of rows, updated every chunk of rows; `heartbeatAt` moves with them, so a job whose process died
 * (status still running, no heartbeat for minutes) is recognised as interrupted.
 */
export interface ImportJob {
  _id: Types.ObjectId;
  kind: ImportKind;
  filename: string;
  /** Data rows in the file (blank rows not counted). */
  total: number;
  /** Rows handled so far, whatever their outcome. */
  done: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows skipped because of errors (each may have several). */
  errorRows: number;
  /** The first MAX_KEPT_ERRORS errors, in row order (`errors` is a name mongoose reserves). */
  rowErrors: RowError[];
  status: ImportStatus;
  /** Why a failed import stopped. */
  failure?: string;
  startedBy: Actor;
  startedAt: Date;
  heartbeatAt: Date;
  finishedAt?: Date;
}

export const importSchema = new Schema<ImportJob>(
  {
    kind: { type: String, enum: IMPORT_KINDS, required: true },
    filename: { type: String, required: true },
    total: { type: Number, required: true },
    done: { type: Number, default: 0 },
    created: { type: Number, default: 0 },
    updated: { type: Number, default: 0 },
    unchanged: { type: Number, default: 0 },
    errorRows: { type: Number, default: 0 },
    rowErrors: {
      type: [
        new Schema<RowError>(
          {
            row: { type: Number, required: true },
            field: { type: String, required: true },
            column: String,
            message: { type: String, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    status: { type: String, enum: IMPORT_STATUSES, required: true },
    failure: String,
    startedBy: {
      type: new Schema({ kind: { type: String, required: true }, id: String, name: String }, { _id: false }),
      required: true,
    },
    startedAt: { type: Date, required: true },
    heartbeatAt: { type: Date, required: true },
    finishedAt: Date,
  },
  { versionKey: false },
);
importSchema.index({ startedAt: -1 });

protectFields(importSchema, { filename: 'secret', 'rowErrors.message': 'secret' });

export const importModel = defineModel('Import', importSchema);

import type { LeadCustomField } from '../settings/settings.model.js';
import type { UserRole } from '../users/user.model.js';
import type { Lead, LeadStage } from './lead.model.js';

/** Stages in which a lead is still being worked. */
export const OPEN_STAGES = [
  'new',
  'contacted',
  'qualified',
  'proposal',
] as const satisfies readonly LeadStage[];

export const isOpenStage = (stage: LeadStage): boolean =>
  (OPEN_STAGES as readonly LeadStage[]).includes(stage);

/**
 * Legal stage moves:
 * - forward along the funnel, skipping stages allowed (a chat lead can pay on the spot: new → won);
 *   never backward between open stages — a lead that went too far is marked lost and reopened;
 * - any open stage → lost, with a reason;
 * - lost → new or contacted reopens it (its lost reason is cleared; the audit keeps it);
 * - won is final, except that the owner may move a won lead to any other stage to correct a mistake.
 * Moving to the stage the lead is already in is not a move (the use case treats it as done).
 */
export function allowedMoves(from: LeadStage, role?: UserRole): LeadStage[] {
  switch (from) {
    case 'new':
      return ['contacted', 'qualified', 'proposal', 'won', 'lost'];
    case 'contacted':
      return ['qualified', 'proposal', 'won', 'lost'];
    case 'qualified':
      return ['proposal', 'won', 'lost'];
    case 'proposal':
      return ['won', 'lost'];
    case 'lost':
      return ['new', 'contacted'];
    case 'won':
      return role === 'owner' ? ['new', 'contacted', 'qualified', 'proposal', 'lost'] : [];
  }
}

export type StageMoveResult =
  | { ok: true; lostReason?: string }
  | { ok: false; code: 'LEAD.ILLEGAL_STAGE_MOVE'; details: string; allowed: LeadStage[] }
  | { ok: false; code: 'LEAD.LOST_REASON_REQUIRED'; details: string };

/** Whether a lead may move from `from` to `to`; a move to lost needs a non-blank reason (returned trimmed). */
export function checkStageMove(
  from: LeadStage,
  to: LeadStage,
  options: { lostReason?: string; role?: UserRole } = {},
): StageMoveResult {
  const allowed = allowedMoves(from, options.role);
  if (!allowed.includes(to)) {
    const next = allowed.length > 0 ? `it can go to ${allowed.join(', ')}` : `${from} is final`;
    return {
      ok: false,
      code: 'LEAD.ILLEGAL_STAGE_MOVE',
      details: `a lead cannot move from ${from} to ${to}: ${next}`,
      allowed,
    };
  }
  if (to !== 'lost') return { ok: true };
  const lostReason = options.lostReason?.trim();
  if (!lostReason)
    return { ok: false, code: 'LEAD.LOST_REASON_REQUIRED', details: 'say why the lead was lost' };
  return { ok: true, lostReason };
}

/** The forecast's view of a lead: its estimated value times its stage's probability, in whole rupiah. */
export function weightedValue(
  lead: Pick<Lead, 'stage' | 'estimatedValue'>,
  probabilities: Record<LeadStage, number>,
): number {
  return Math.round((lead.estimatedValue ?? 0) * probabilities[lead.stage]);
}

/** At most one "your lead wrote again" alert per lead in this window. */
export const ALERT_THROTTLE_MS = 30 * 60_000;

/**
 * Whether the assignee should hear that their lead wrote again at `at`: not within 30 minutes of the
 * last alert. The new-lead alert counts as the first one, so a customer's burst of first messages
 * alerts nobody twice. (The use case applies the same rule atomically in its update filter.)
 */
export function alertDue(lastAlertAt: Date | undefined, at: Date): boolean {
  return lastAlertAt === undefined || at.getTime() - lastAlertAt.getTime() >= ALERT_THROTTLE_MS;
}

export type CustomFieldsResult =
  | { ok: true; set: Record<string, string | number>; unset: string[] }
  | { ok: false; code: 'LEAD.INVALID'; details: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isCalendarDate = (value: string): boolean =>
  DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/**
 * Check custom field values against the shop's definitions: known keys only, text ≤ 500 characters,
 * numbers (numeric text accepted), dates as YYYY-MM-DD, select values among the options. `null` or an
 * empty string clears a field.
 */
export function checkCustomFields(
  values: Record<string, unknown>,
  definitions: readonly LeadCustomField[],
): CustomFieldsResult {
  const set: Record<string, string | number> = {};
  const unset: string[] = [];
  const problems: string[] = [];
  for (const [key, raw] of Object.entries(values)) {
    const field = definitions.find((definition) => definition.key === key);
    if (!field) {
      const known = definitions.map((definition) => definition.key).join(', ') || 'none';
      problems.push(`customFields.${key} is not a field of this shop (known: ${known})`);
      continue;
    }
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === null || value === '') {
      unset.push(key);
      continue;
    }
    const where = `customFields.${key} (${field.label})`;
    switch (field.type) {
      case 'text':
        if (typeof value === 'string' && value.length <= 500) set[key] = value;
        else problems.push(`${where} must be text of at most 500 characters`);
        break;
      case 'number': {
        const number = typeof value === 'string' ? Number(value.replace(',', '.')) : value;
        if (typeof number === 'number' && Number.isFinite(number)) set[key] = number;
        else problems.push(`${where} must be a number`);
        break;
      }
      case 'date':
        if (typeof value === 'string' && isCalendarDate(value)) set[key] = value;
        else problems.push(`${where} must be a date as YYYY-MM-DD`);
        break;
      case 'select': {
        const options = field.options ?? [];
        if (typeof value === 'string' && options.includes(value)) set[key] = value;
        else problems.push(`${where} must be one of ${options.join(', ')}`);
        break;
      }
    }
  }
  if (problems.length > 0) return { ok: false, code: 'LEAD.INVALID', details: problems.join('; ') };
  return { ok: true, set, unset };
}

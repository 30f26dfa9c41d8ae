import { isDeepStrictEqual } from 'node:util';
import type { Connection } from 'mongoose';
import type { Actor } from '../audit/audit.model.js';
import { audit } from '../audit/audit.use-case.js';
import {
  DEFAULT_SETTINGS,
  SETTINGS_ID,
  type Settings,
  type StoredSettings,
  settingsModel,
} from './settings.model.js';
import {
  describeIssues,
  NESTED_SETTINGS,
  type SettingsIssue,
  SettingsPatchSchema,
  SettingsSchema,
  type ValidSettingsPatch,
} from './settings.schema.js';

export type UpdateSettingsResult =
  | { ok: true; settings: Settings; changed: string[] }
  | { ok: false; code: 'SETTINGS.INVALID'; details: string; issues: SettingsIssue[] };

/** The stored document with every missing setting (or sub-setting) filled by its default. */
function withDefaults(stored: Partial<StoredSettings> | null): Settings {
  const { _id, updatedAt, ...given } = stored ?? {};
  const nested = Object.fromEntries(
    NESTED_SETTINGS.map((key) => [key, { ...DEFAULT_SETTINGS[key], ...given[key] }]),
  );
  return SettingsSchema.parse({ ...DEFAULT_SETTINGS, ...given, ...nested });
}

/** The shop's settings, complete: what was never set reads as its default. */
export async function getSettings(connection: Connection): Promise<Settings> {
  return withDefaults(await settingsModel(connection).findById(SETTINGS_ID).lean<StoredSettings>());
}

/** The dotted paths a patch sets, one per leaf a person chose (a weekday, a stage, a whole list). */
function pathsOf(patch: ValidSettingsPatch): Map<string, unknown> {
  const paths = new Map<string, unknown>();
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if ((NESTED_SETTINGS as readonly string[]).includes(key)) {
      for (const [sub, subValue] of Object.entries(value as Record<string, unknown>)) {
        if (subValue !== undefined) paths.set(`${key}.${sub}`, subValue);
      }
    } else paths.set(key, value);
  }
  return paths;
}

const read = (settings: Settings, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], settings);

/** `{a.b: 1}` → `{a: {b: 1}}`, for audit entries people read. */
function nest(paths: Map<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, value] of paths) {
    const [head, sub] = path.split('.') as [string, string | undefined];
    if (sub === undefined) out[head] = value;
    else out[head] = { ...(out[head] as Record<string, unknown> | undefined), [sub]: value };
  }
  return out;
}

/**
 * Validate a patch (strict: unknown keys are refused by name) and apply it in one atomic `$set` of the
 * paths it names, so two admins changing different settings at once both keep their change. Audited
 * with the before and after of what actually changed.
 */
export async function updateSettings(
  connection: Connection,
  patch: unknown,
  ctx: { actor: Actor; at: Date },
): Promise<UpdateSettingsResult> {
  const parsed = SettingsPatchSchema.safeParse(patch);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error.issues);
    return {
      ok: false,
      code: 'SETTINGS.INVALID',
      details: issues.map((issue) => issue.message).join('; '),
      issues,
    };
  }
  const paths = pathsOf(parsed.data);
  if (paths.size === 0) return { ok: true, settings: await getSettings(connection), changed: [] };

  const previous = await settingsModel(connection)
    .findOneAndUpdate(
      { _id: SETTINGS_ID },
      { $set: { ...Object.fromEntries(paths), updatedAt: ctx.at } },
      { upsert: true, returnDocument: 'before' },
    )
    .lean<StoredSettings>();
  const before = withDefaults(previous);
  const changedBefore = new Map<string, unknown>();
  const changedAfter = new Map<string, unknown>();
  for (const [path, value] of paths) {
    const old = read(before, path);
    if (isDeepStrictEqual(old, value)) continue;
    changedBefore.set(path, old);
    changedAfter.set(path, value);
  }
  // The update was atomic, so the result is exactly the old document with the patch laid over it.
  const settings = withDefaults({ ...previous, ...nestOver(previous, paths) });
  if (changedAfter.size > 0) {
    await audit(
      connection,
      {
        entity: 'settings',
        entityId: SETTINGS_ID,
        action: 'updated',
        actor: ctx.actor,
        before: nest(changedBefore),
        after: nest(changedAfter),
      },
      ctx.at,
    );
  }
  return { ok: true, settings, changed: [...changedAfter.keys()] };
}

/** The stored document's top-level values with the patch's paths laid over them. */
function nestOver(previous: StoredSettings | null, paths: Map<string, unknown>): Partial<Settings> {
  const out: Record<string, unknown> = {};
  for (const [path, value] of paths) {
    const [head, sub] = path.split('.') as [keyof Settings, string | undefined];
    if (sub === undefined) out[head] = value;
    else
      out[head] = {
        ...(previous?.[head] as Record<string, unknown> | undefined),
        ...(out[head] as Record<string, unknown> | undefined),
        [sub]: value,
      };
  }
  return out as Partial<Settings>;
}

/**
 * Write the configured PUBLIC_BASE_URL into the settings at start-up (both processes, before they serve
 * or send anything). Configuration is the one source of truth for the shop's address: an operator sets
 * it next to the domain and the certificate, and production refuses to start without an https one. It
 * is copied here rather than handed to every link builder because links are made deep inside use cases
 * (confirmations, status notices, invoices, quick replies, admin commands) that already read the
 * settings; the console refuses to edit the field, so the copy cannot drift from the configuration.
 * Audited (as the configuration) only when it changes.
 */
export async function applyPublicBaseUrl(
  connection: Connection,
  publicBaseUrl: string,
  at: Date,
): Promise<void> {
  const result = await updateSettings(
    connection,
    { publicBaseUrl },
    { actor: { kind: 'system', name: 'PUBLIC_BASE_URL' }, at },
  );
  // parseConfig validated the same rule (an http(s) origin), so a refusal here is a bug, not bad input.
  if (!result.ok) throw new Error(`PUBLIC_BASE_URL refused by the settings: ${result.details}`);
}

import type { Connection } from 'mongoose';
import type { z } from 'zod';
import type { Actor } from '../../domain/audit/audit.model.js';
import { adminEn } from '../../domain/i18n/admin.en.js';
import { type AdminText, adminId } from '../../domain/i18n/admin.id.js';
import type { BotText, TextParams } from '../../domain/i18n/messages.js';
import type { Locale } from '../../domain/platform/config.js';
import type { Logger } from '../../domain/platform/logger.js';
import type { Settings } from '../../domain/settings/settings.model.js';
import { USER_ROLES, type UserRole } from '../../domain/users/user.model.js';
import type { StaffUser } from '../../domain/users/user.use-case.js';
import type { InboundMessage } from '../transport/transport.js';

/** What argument parsing may depend on: "besok jam 10" means a different instant tomorrow. */
export interface ArgEnv {
  now: Date;
  timeZone: string;
}

/** Everything a command runs with: the staff member, the shop's settings, and how to speak. */
export interface CommandEnv extends ArgEnv {
  connection: Connection;
  log: Logger;
  message: InboundMessage;
  user: StaffUser;
  actor: Actor;
  settings: Settings;
  locale: Locale;
  /** A catalog text in the shop's language. */
  t(key: BotText, params?: TextParams): string;
}

/** One command as declared in the table; `args` turns the words after the command into typed input. */
export interface CommandSpec<A> {
  /** The English name, shown in help. */
  name: string;
  /** Other words for it, Indonesian and English, typed with or without a leading `/`. */
  aliases: readonly string[];
  /** Who may use it. */
  roles: readonly UserRole[];
  /** One line (the first) for the help list, then examples for `help <command>`. */
  help: AdminText;
  /** How to type it, e.g. `status ORD-… <status> [catatan]`. */
  usage: AdminText;
  args: (env: ArgEnv) => z.ZodType<A, string>;
  /** Translate the input into the domain use case and its outcome into the reply. */
  run(env: CommandEnv, args: A): Promise<string>;
}

/** An argument problem as the parser reports it: a catalog text and its values. */
export interface ArgProblem {
  key: AdminText;
  params: TextParams;
}

export type Outcome = { ok: true; reply: string } | { ok: false; problem: ArgProblem };

/** The words after a command as its schema read them: the typed arguments, or the first problem. */
export type ArgsRead = { ok: true; args: unknown } | { ok: false; problem: ArgProblem };

/** A declared command with its argument type hidden, so commands of any shape share one table. */
export interface Command {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly roles: readonly UserRole[];
  readonly help: AdminText;
  readonly usage: AdminText;
  /** Parse the arguments only, touching nothing: what `execute` runs first (and the property tests check). */
  readArgs(env: ArgEnv, rawArgs: string): ArgsRead;
  execute(env: CommandEnv, rawArgs: string): Promise<Outcome>;
}

/** The first argument problem in zod issues; argument schemas put a catalog key in each issue's params. */
export function problemOf(issues: readonly z.core.$ZodIssue[]): ArgProblem {
  const issue = issues[0];
  const params = issue?.code === 'custom' ? (issue.params as Partial<ArgProblem> | undefined) : undefined;
  if (params?.key) return { key: params.key, params: params.params ?? {} };
  if (issue?.code === 'too_big') return { key: 'admin.arg.extra', params: {} };
  return { key: 'admin.arg.invalid', params: { details: issue?.message ?? '' } };
}

/** Declare a command: its arguments are parsed with its zod schema before `run` sees them. */
export function defineCommand<A>(spec: CommandSpec<A>): Command {
  const read = (env: ArgEnv, rawArgs: string): { ok: true; args: A } | { ok: false; problem: ArgProblem } => {
    const parsed = spec.args(env).safeParse(rawArgs);
    return parsed.success
      ? { ok: true, args: parsed.data }
      : { ok: false, problem: problemOf(parsed.error.issues) };
  };
  return {
    name: spec.name,
    aliases: spec.aliases,
    roles: spec.roles,
    help: spec.help,
    usage: spec.usage,
    readArgs: read,
    async execute(env, rawArgs) {
      const parsed = read(env, rawArgs);
      if (!parsed.ok) return parsed;
      return { ok: true, reply: await spec.run(env, parsed.args) };
    },
  };
}

/** The words a command answers to: its name and aliases, lowercase. */
export const wordsOf = (command: Command): string[] =>
  [command.name, ...command.aliases].map((word) => word.toLowerCase());

/**
 * Check the command table at start-up: names and aliases unique and single words, roles known, every
 * help and usage text present in both catalogs. Throws one error listing every problem.
 */
export function validateCommandTable(
  table: readonly Command[],
  catalogs: readonly Record<string, string>[] = [adminId, adminEn],
): void {
  const problems: string[] = [];
  const owner = new Map<string, string>();
  for (const command of table) {
    for (const word of wordsOf(command)) {
      if (!/^[a-z][a-z0-9_-]*$/.test(word))
        problems.push(`${command.name}: "${word}" must be one lowercase word without a leading /`);
      const taken = owner.get(word);
      if (taken) problems.push(`"${word}" is used by both ${taken} and ${command.name}`);
      else owner.set(word, command.name);
    }
    if (command.roles.length === 0) problems.push(`${command.name}: no role may use it`);
    for (const role of command.roles)
      if (!(USER_ROLES as readonly string[]).includes(role))
        problems.push(`${command.name}: unknown role "${role}"`);
    for (const key of [command.help, command.usage])
      for (const catalog of catalogs)
        if (typeof catalog[key] !== 'string' || catalog[key].trim() === '')
          problems.push(`${command.name}: text "${key}" is missing from a catalog`);
  }
  if (problems.length > 0) throw new Error(`invalid admin command table:\n- ${problems.join('\n- ')}`);
}

/** Levenshtein distance, for suggesting the command someone meant. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length]!;
}

/** The command a mistyped word most likely meant (at most two edits, or a prefix), among `commands`. */
export function closestCommand(word: string, commands: readonly Command[]): Command | undefined {
  let best: { command: Command; distance: number } | undefined;
  for (const command of commands)
    for (const candidate of wordsOf(command)) {
      const distance = candidate.startsWith(word) && word.length >= 3 ? 1 : editDistance(word, candidate);
      if (distance <= Math.min(2, Math.floor(candidate.length / 2)) && (!best || distance < best.distance))
        best = { command, distance };
    }
  return best?.command;
}

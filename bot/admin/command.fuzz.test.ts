import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adminEn } from '../../domain/i18n/admin.en.js';
import { type AdminText, adminId } from '../../domain/i18n/admin.id.js';
import { botText, type TextParams } from '../../domain/i18n/messages.js';
import { fuzzParams, fuzzTimeout } from '../testing/fuzz.js';
import { chatText } from '../testing/text-arbitraries.js';
import { splitCommand } from './admin.handler.js';
import { type ArgProblem, closestCommand, wordsOf } from './command.js';
import { adminCommandTable } from './commands.js';
import { ADMIN_MESSAGES } from './testing/admin-messages.js';

// Issue 10 item 6: the admin command parser (command word, then the command's argument schema) never
// throws on any text and always answers with typed arguments or a problem the catalogs can word.
// FUZZ_RUNS=100000 runs each property that many times (bot/testing/fuzz.ts).

const table = adminCommandTable();
const lookup = new Map(table.flatMap((command) => wordsOf(command).map((word) => [word, command] as const)));
const WORDS = [...lookup.keys()];
const ZONES = [
  'Asia/Jakarta',
  'Asia/Makassar',
  'Asia/Jayapura',
  'UTC',
  'Pacific/Kiritimati',
  'America/St_Johns',
];
const NORMAL_RUNS = 400;

const env = fc.record({
  now: fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2100-12-31T23:59:59Z'),
    noInvalidDate: true,
  }),
  timeZone: fc.constantFrom(...ZONES),
});

/** Whole messages, and every command word followed by anything, so each argument schema gets its share. */
const body = fc.oneof(
  chatText(ADMIN_MESSAGES),
  fc
    .tuple(
      fc.constantFrom('', '/', ' /'),
      fc.constantFrom(...WORDS),
      fc.constantFrom(' ', '\n', '\t', '  '),
      chatText(ADMIN_MESSAGES),
    )
    .map(([slash, word, space, rest]) => `${slash}${word}${space}${rest}`),
);

const placeholders = (template: string): string[] => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
const isAdminText = (key: unknown): key is AdminText =>
  typeof key === 'string' && Object.hasOwn(adminId, key);

/** A problem both catalogs can word: a known key, and a value for each of its placeholders. */
function checkProblem(problem: ArgProblem): void {
  expect(isAdminText(problem.key), `unknown text ${problem.key}`).toBe(true);
  const params: TextParams = { ...problem.params };
  for (const value of Object.values(params))
    expect(typeof value === 'string' || Number.isFinite(value), `param ${String(value)}`).toBe(true);
  // The handler words a label (a catalog key) before it goes into the problem's text.
  if (params.label !== undefined) {
    expect(isAdminText(params.label), `unknown label ${params.label}`).toBe(true);
    params.label = botText('id', params.label as AdminText);
  }
  for (const template of [adminId[problem.key], adminEn[problem.key]])
    for (const name of placeholders(template))
      expect(params, `{${name}} of ${problem.key}`).toHaveProperty(name);
  for (const locale of ['id', 'en'] as const) botText(locale, problem.key, params);
}

/** Typed arguments hold only sound values: finite numbers, real dates, strings, booleans, and objects of them. */
function checkValue(value: unknown, path: string): void {
  if (value === undefined || value === null || typeof value === 'string' || typeof value === 'boolean')
    return;
  if (typeof value === 'number') expect(Number.isFinite(value), path).toBe(true);
  else if (value instanceof Date) expect(Number.isNaN(value.getTime()), path).toBe(false);
  else {
    expect(typeof value, path).toBe('object');
    for (const [key, inner] of Object.entries(value as object)) checkValue(inner, `${path}.${key}`);
  }
}

describe('the admin command parser, fuzzed', () => {
  it(
    'never throws: a command word reads its arguments or names one worded problem; another word gets a guess or none',
    () => {
      fc.assert(
        fc.property(body, env, (text, argEnv) => {
          const { word, rest } = splitCommand(text);
          expect(word).toBe(word.toLowerCase());
          expect(/\s/.test(word)).toBe(false);
          expect(text.trim().endsWith(rest)).toBe(true);
          if (!word) return;
          const command = lookup.get(word);
          if (!command) {
            const guess = closestCommand(word, table);
            if (guess) expect(table).toContain(guess);
            return;
          }
          const read = command.readArgs(argEnv, rest);
          if (read.ok) checkValue(read.args, command.name);
          else checkProblem(read.problem);
        }),
        fuzzParams(NORMAL_RUNS),
      );
    },
    fuzzTimeout(NORMAL_RUNS, 5),
  );
});

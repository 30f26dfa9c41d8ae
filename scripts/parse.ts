/**
 * The chat parser on the command line, for checking it against real chats:
 *
 *   npx tsx scripts/parse.ts --catalog <file.json> [--now <ISO datetime>] [--tz <IANA zone>]
 *
 * stdin: JSON Lines, each {"text": "...", "media": null | "image" | "document"} ("media" may be left out;
 * "text" may be null for a photo or file sent without a caption).
 * stdout: one JSON line per input line, in order: {"intent", "items", "amount", "date", "time", "orderNumber",
 * "address", "channel"}; a line that is not JSON or not that shape gets {"error": "..."} and the run goes on.
 * Blank lines are skipped (they carry no message, and JSON Lines has no empty records).
 * --now defaults to the current time; an ISO time without an offset is read in --tz (default Asia/Jakarta).
 * A bad catalog, --now or --tz: one line on stderr, exit code 2.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createParser } from '../bot/understanding/parse-message.js';
import { describeError } from '../domain/platform/errors.js';
import { isTimeZone } from '../domain/platform/time-zone.js';
import { readNow } from './cli-time.js';

const Catalog = z
  .array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      aliases: z.array(z.string()).default([]),
      price: z.number().nonnegative(),
    }),
  )
  .superRefine((entries, context) => {
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      if (seen.has(entry.id))
        context.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate id "${entry.id}"` });
      seen.add(entry.id);
    });
  });

const Input = z
  .object({
    text: z.string().nullable(),
    media: z.enum(['image', 'document']).nullable().default(null),
  })
  // A photo or file may come without a caption as "text": null; a message with neither is malformed.
  .refine((input) => input.text !== null || input.media !== null, {
    path: ['text'],
    message: 'expected a string (null only with media)',
  })
  .transform((input) => ({ text: input.text ?? '', media: input.media }));

function fail(message: string): never {
  process.stderr.write(`parse: ${message}\n`);
  process.exit(2);
}

const describeIssue = (error: z.ZodError): string => {
  const issue = error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue?.message ?? 'invalid'}`;
};

function readArgs() {
  let values: { catalog?: string; now?: string; tz?: string };
  try {
    ({ values } = parseArgs({
      options: { catalog: { type: 'string' }, now: { type: 'string' }, tz: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    fail(describeError(error));
  }
  if (!values.catalog) fail('missing --catalog <file.json>');
  const timeZone = values.tz ?? 'Asia/Jakarta';
  if (!isTimeZone(timeZone)) fail(`invalid --tz: unknown time zone "${timeZone}"`);
  const now = readNow(values.now, timeZone);
  if (!now)
    fail(`invalid --now: expected an ISO datetime such as 2026-11-23T10:00:00+07:00, got "${values.now}"`);

  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(values.catalog, 'utf8'));
  } catch (error) {
    fail(`cannot read catalog ${values.catalog}: ${describeError(error)}`);
  }
  const catalog = Catalog.safeParse(raw);
  if (!catalog.success) fail(`invalid catalog ${values.catalog}: ${describeIssue(catalog.error)}`);
  return { catalog: catalog.data, now, timeZone };
}

const { catalog, now, timeZone } = readArgs();
const parser = createParser(catalog);

/** One output line for one input line. */
function answer(line: string, lineNumber: number): string {
  let json: unknown;
  try {
    json = JSON.parse(lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line);
  } catch (error) {
    return JSON.stringify({
      error: `line ${lineNumber}: not JSON (${describeError(error)})`,
    });
  }
  const input = Input.safeParse(json);
  if (!input.success) return JSON.stringify({ error: `line ${lineNumber}: ${describeIssue(input.error)}` });
  return JSON.stringify(parser.parse(input.data, { now, timeZone }));
}

let lineNumber = 0;
for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
  lineNumber++;
  if (line.trim() === '') continue;
  // Respect back-pressure so a large input streams through in constant memory.
  if (!process.stdout.write(`${answer(line, lineNumber)}\n`)) await once(process.stdout, 'drain');
}

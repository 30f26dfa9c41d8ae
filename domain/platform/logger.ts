import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';
import type { Config } from './config.js';

export type { Logger } from 'pino';

/**
 * Fields that carry what a customer wrote or where they live. Their values appear only when the process
 * logs at debug (or trace); at any other configured level they read `[redacted]`. Matched at the top
 * of a line's fields and up to two objects deep (`{ message: { body } }`, child bindings included).
 */
export const CONTENT_FIELDS = [
  'body',
  'text',
  'caption',
  'address',
  'pushName',
  'notifyName',
  'filename',
] as const;

export const REDACTED = '[redacted]';

/**
 * Digit runs that are phone numbers or WhatsApp ids, in the forms Indonesians write them. Alternatives,
 * tried left to right at each position:
 * 1. a hex id of 16+ characters with at least one letter (Mongo ObjectId, WhatsApp message id tail):
 *    kept as it is, so ids stay usable and no phone is "found" inside them;
 * 2. the digits before `@c.us`, `@g.us`, `@lid`, `@s.whatsapp.net` (also URL-encoded `%40`);
 * 3. `+` and 8–15 digits, any country, spaces, dashes and brackets allowed between them;
 * 4. an Indonesian mobile: `62`, `0` or nothing, then `8` and 8–11 more digits (spaces, dashes,
 *    brackets allowed), on its own, not part of a longer digit run;
 * 5. the same written with dots, `0812.3456.7890`, only after `0` or `62`: rupiah amounts are grouped by
 *    three (`Rp812.345.678`), so a dotted number without that prefix is an amount.
 * Order numbers (`ORD-202611-0042`) and amounts (`Rp1.250.000`, `1250000`) are left alone; a bare
 * number of 9–12 digits starting with 8 is masked even when it is not a phone.
 */
const PHONE_LIKE = new RegExp(
  [
    '(?<![0-9A-Za-z])((?=[0-9A-Fa-f]*[A-Fa-f])[0-9A-Fa-f]{16,})(?![0-9A-Za-z])',
    String.raw`\d[\d-]{4,40}(?=(?:@|%40)(?:c\.us|g\.us|lid|s\.whatsapp\.net))`,
    String.raw`(?<!\d)\+\d(?:[ ()-]{0,2}\d){7,14}(?!\d)`,
    String.raw`(?<!\d)(?:62[ -]?|\(?0)?\(?8\d(?:[ ()-]{0,2}\d){7,10}(?!\d)`,
    String.raw`(?<!\d)(?:\+?62|0)8\d{2}\.\d{3,4}\.\d{3,5}(?!\d)`,
  ].join('|'),
  'g',
);

/** `***` and the last four digits: enough to follow one chat through the logs, not enough to call it. */
const maskMatch = (match: string, hexId: string | undefined): string =>
  hexId ? match : `***${match.replace(/\D/g, '').slice(-4)}`;

/** Mask every phone number and WhatsApp chat id in `text` (one regex pass), keeping their last four digits. */
export function maskPhones(text: string): string {
  return text.replace(PHONE_LIKE, maskMatch);
}

const isVerbose = (level: string): boolean => level === 'debug' || level === 'trace';

/**
 * The privacy part of every logger's options. Two defences: `redact` blanks the content fields by name
 * (unless the configured level is debug or trace), and `streamWrite` masks phone numbers and chat ids in
 * the finished JSON line — field values, the message, child bindings, error messages and stacks alike.
 */
export function privacyOptions(level: string): Pick<LoggerOptions, 'redact' | 'hooks'> {
  return {
    ...(!isVerbose(level) && {
      redact: {
        paths: CONTENT_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
        censor: REDACTED,
      },
    }),
    hooks: { streamWrite: maskPhones },
  };
}

/**
 * The product's logger: JSON lines in production, pretty and coloured in development; phone numbers and
 * chat ids masked and message contents redacted (see privacyOptions). Tests may pass a destination.
 */
export function createLogger(
  config: Pick<Config, 'env' | 'logLevel'>,
  name: string,
  destination?: DestinationStream,
): Logger {
  const options: LoggerOptions = { name, level: config.logLevel, ...privacyOptions(config.logLevel) };
  if (destination) return pino(options, destination);
  const pretty = config.env === 'development';
  return pino({
    ...options,
    ...(pretty && {
      transport: {
        target: 'pino-pretty',
        options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
      },
    }),
  });
}

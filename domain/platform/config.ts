import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isTimeZone } from './time-zone.js';

/** The one place that reads process.env: everything else receives a Config. */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a port number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be between 1 and 65535' })
    .max(65535, { error: 'must be between 1 and 65535' })
    .default(fallback);

const wholeNumber = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be between ${min} and ${max}` })
    .max(max, { error: `must be between ${min} and ${max}` })
    .default(fallback);

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const EnvSchema = z
  .object({
    NODE_ENV: z
      .enum(['development', 'production', 'test'], { error: 'must be development, production or test' })
      .default('development'),
    DATA_DIR: z.string().trim().min(1, { error: 'must not be empty' }).default('./data'),
    MONGODB_URI: optionalString.pipe(
      z
        .string()
        .regex(/^mongodb(\+srv)?:\/\/\S+$/, { error: 'must start with mongodb:// or mongodb+srv://' })
        .optional(),
    ),
    MONGO: z.enum(['embedded', 'emulator'], { error: 'must be embedded or emulator' }).default('embedded'),
    HOST: z.string().trim().min(1, { error: 'must not be empty' }).default('127.0.0.1'),
    PORT: port(3000),
    CONSOLE_SECRET: optionalString.pipe(
      z.string().min(32, { error: 'must be at least 32 characters (try: openssl rand -hex 32)' }).optional(),
    ),
    SHOP_TIME_ZONE: z
      .string()
      .trim()
      .refine(isTimeZone, { error: 'must be an IANA time zone such as Asia/Jakarta' })
      .default('Asia/Jakarta'),
    LOCALE: z.enum(['id', 'en'], { error: 'must be id or en' }).default('id'),
    TRANSPORT: z
      .enum(['whatsapp', 'simulator'], { error: 'must be whatsapp or simulator' })
      .default('simulator'),
    CHROMIUM_PATH: z.string().trim().min(1, { error: 'must not be empty' }).default('/usr/bin/chromium'),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    HUMAN_TAKEOVER_MINUTES: wholeNumber(1, 7 * 24 * 60, 30),
    SEND_GAP_MS: wholeNumber(1500, 60_000, 1500),
    SEND_PER_MINUTE: wholeNumber(1, 600, 30),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (!env.MONGODB_URI) {
      ctx.addIssue({ code: 'custom', path: ['MONGODB_URI'], message: 'is required in production' });
    }
    if (!env.CONSOLE_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['CONSOLE_SECRET'], message: 'is required in production' });
    }
  });

export type Env = z.infer<typeof EnvSchema>;
export type LogLevel = Env['LOG_LEVEL'];
export type Locale = Env['LOCALE'];

/** Validated, read-once configuration handed to every part of the product. */
export interface Config {
  env: Env['NODE_ENV'];
  dataDir: string;
  mongo: { uri: string | undefined; fallback: Env['MONGO'] };
  console: { host: string; port: number; secret: string | undefined };
  shop: { timeZone: string; locale: Locale };
  transport: Env['TRANSPORT'];
  chromiumPath: string;
  logLevel: LogLevel;
  /** How long the bot stays quiet in a chat after someone typed on the shop's phone. */
  humanTakeoverMs: number;
  /** Outgoing pace: minimum gap between two messages to one chat, and the cap per minute overall. */
  sending: { perChatGapMs: number; perMinute: number };
}

/** A configuration problem, worded as the one line an operator reads. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parse an environment into a Config, or throw a ConfigError naming the first bad variable. */
export function parseConfig(source: Record<string, string | undefined>): Config {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const given = source[name];
    const shown = given === undefined || given === '' ? '' : ` (got "${given}")`;
    throw new ConfigError(`Configuration error: ${name} ${issue.message}${shown}`);
  }
  const env = result.data;
  return {
    env: env.NODE_ENV,
    dataDir: path.resolve(env.DATA_DIR),
    mongo: { uri: env.MONGODB_URI, fallback: env.MONGO },
    console: { host: env.HOST, port: env.PORT, secret: env.CONSOLE_SECRET },
    shop: { timeZone: env.SHOP_TIME_ZONE, locale: env.LOCALE },
    transport: env.TRANSPORT,
    chromiumPath: env.CHROMIUM_PATH,
    logLevel: env.LOG_LEVEL,
    humanTakeoverMs: env.HUMAN_TAKEOVER_MINUTES * 60_000,
    sending: { perChatGapMs: env.SEND_GAP_MS, perMinute: env.SEND_PER_MINUTE },
  };
}

/** Read `.env` (if present, without overriding the real environment) and process.env into a Config. */
export function loadConfig(envFile = '.env'): Config {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return parseConfig(process.env);
}

/** The current environment plus overrides, for child processes started by the launcher. */
export function environmentWith(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Keyring } from './crypto.js';
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

/** A web origin (scheme, host, port; no path, query or credentials), normalised without a trailing slash. */
const origin = z
  .url({
    protocol: /^https?$/,
    error: 'must be an http:// or https:// address, e.g. https://toko.example.com',
  })
  .refine(
    (value) => {
      // Not a URL at all is the format check's issue, already raised.
      if (!URL.canParse(value)) return true;
      const url = new URL(value);
      return url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    },
    { error: 'must be only the address, without a path, e.g. https://toko.example.com' },
  )
  .transform((value) => new URL(value).origin);

const SMTP_EXAMPLE = 'e.g. smtps://user%40gmail.com:app-password@smtp.gmail.com:465';

/** One or more e-mail addresses, separated by commas. */
const emailList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((address) => address.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(z.email({ error: 'must be e-mail addresses separated by commas' }))
      .min(1, { error: 'must be at least one e-mail address' }),
  );

/** `name@host` or `Name <name@host>`, as nodemailer takes a sender. */
const sender = z.string().regex(/^(?:[^<>]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, {
  error: 'must be an e-mail address, or a name and one: Toko Mawar <toko@example.com>',
});

const KEY_EXAMPLE = 'generate one with: npm run keys';

/** 32 random bytes in base64, as `openssl rand -base64 32` prints them. */
const keyBytes = z
  .string()
  .transform((value) => Buffer.from(value, 'base64'))
  .refine((key) => key.length === 32, { error: `must be 32 bytes in base64 (${KEY_EXAMPLE})` });

/** `id:base64key` pairs separated by commas, newest first: the first encrypts, all decrypt. */
const dataKeyList = z
  .string()
  .transform((value) => value.split(',').map((pair) => pair.trim()))
  .pipe(
    z
      .array(
        z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=]+$/, {
            error: `must be id:key pairs separated by commas, newest first (${KEY_EXAMPLE})`,
          })
          .transform((pair) => {
            const [id = '', key = ''] = pair.split(':');
            return { id, key: Buffer.from(key, 'base64') };
          })
          .refine((pair) => pair.key.length === 32, {
            error: `keys must be 32 bytes in base64 (${KEY_EXAMPLE})`,
          }),
      )
      .refine((keys) => new Set(keys.map((key) => key.id)).size === keys.length, {
        error: 'must not repeat a key id',
      }),
  );

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
    WA_SIM_URL: optionalString.pipe(origin.optional()),
    CHROMIUM_PATH: z.string().trim().min(1, { error: 'must not be empty' }).default('/usr/bin/chromium'),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    HUMAN_TAKEOVER_MINUTES: wholeNumber(1, 7 * 24 * 60, 30),
    SEND_GAP_MS: wholeNumber(1500, 60_000, 1500),
    SEND_PER_MINUTE: wholeNumber(1, 600, 30),
    PUBLIC_BASE_URL: optionalString.pipe(origin.optional()),
    SMTP_URL: optionalString.pipe(
      z
        .url({ protocol: /^smtps?$/, error: `must be an smtp:// or smtps:// address, ${SMTP_EXAMPLE}` })
        .optional(),
    ),
    SMTP_FROM: optionalString.pipe(sender.optional()),
    OWNER_EMAIL: optionalString.pipe(emailList.optional()),
    DATA_KEYS: optionalString.pipe(dataKeyList.optional()),
    DATA_INDEX_KEY: optionalString.pipe(keyBytes.optional()),
  })
  .superRefine((env, ctx) => {
    // E-mail alerts are all or nothing: half a configuration would fail silently when WhatsApp drops.
    if (env.SMTP_URL && !env.OWNER_EMAIL) {
      ctx.addIssue({ code: 'custom', path: ['OWNER_EMAIL'], message: 'is required when SMTP_URL is set' });
    }
    if (!env.SMTP_URL && (env.OWNER_EMAIL || env.SMTP_FROM)) {
      const given = env.OWNER_EMAIL ? 'OWNER_EMAIL' : 'SMTP_FROM';
      ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: `is required when ${given} is set` });
    }
    if (Boolean(env.DATA_KEYS) !== Boolean(env.DATA_INDEX_KEY)) {
      const missing = env.DATA_KEYS ? 'DATA_INDEX_KEY' : 'DATA_KEYS';
      const given = env.DATA_KEYS ? 'DATA_KEYS' : 'DATA_INDEX_KEY';
      ctx.addIssue({ code: 'custom', path: [missing], message: `is required when ${given} is set` });
    }
    if (env.NODE_ENV !== 'production') return;
    if (!env.MONGODB_URI) {
      ctx.addIssue({ code: 'custom', path: ['MONGODB_URI'], message: 'is required in production' });
    }
    if (!env.CONSOLE_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['CONSOLE_SECRET'], message: 'is required in production' });
    }
    // Customers open tracking links from WhatsApp on their phones: in production they must be the shop's
    // real address, over HTTPS (the reverse proxy's certificate), never the localhost default.
    if (!env.PUBLIC_BASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_BASE_URL'],
        message: "is required in production: the shop's https:// address, e.g. https://toko.example.com",
      });
    } else if (!env.PUBLIC_BASE_URL.startsWith('https://')) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_BASE_URL'],
        message: 'must be an https:// address in production, e.g. https://toko.example.com',
      });
    }
    // Customers' phone numbers and addresses are encrypted with these: a production shop must hold them
    // itself (and back them up apart from the database), never a key generated on the server's disk.
    if (!env.DATA_KEYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATA_KEYS'],
        message: 'is required in production (generate one with: npm run keys)',
      });
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
  /** The out-of-process WhatsApp stand-in the simulator transport talks to; unset: the in-process one. */
  waSimUrl: string | undefined;
  chromiumPath: string;
  logLevel: LogLevel;
  /** How long the bot stays quiet in a chat after someone typed on the shop's phone. */
  humanTakeoverMs: number;
  /** Outgoing pace: minimum gap between two messages to one chat, and the cap per minute overall. */
  sending: { perChatGapMs: number; perMinute: number };
  /** The shop's public origin (no trailing slash): every tracking link and link in a message starts with it. */
  publicBaseUrl: string;
  /** Owner alerts by e-mail (WhatsApp lost); null when no SMTP server is configured. */
  email: EmailConfig | null;
  /** Field-encryption keys (DATA_KEYS, DATA_INDEX_KEY); unset outside production: see data-keys.ts. */
  keyring: Keyring | undefined;
}

/** Where alert e-mails go and through which SMTP server. */
export interface EmailConfig {
  /** nodemailer's connection URL: smtp:// (STARTTLS when offered) or smtps:// (TLS), credentials inside. */
  smtpUrl: string;
  from: string;
  to: string[];
}

/** A configuration problem, worded as the one line an operator reads. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Variables whose value never goes into an error message. */
const SECRET = new Set(['DATA_KEYS', 'DATA_INDEX_KEY', 'CONSOLE_SECRET']);

/** Parse an environment into a Config, or throw a ConfigError naming the first bad variable. */
export function parseConfig(source: Record<string, string | undefined>): Config {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const given =
      name === 'SMTP_URL'
        ? redactPassword(source[name])
        : SECRET.has(name) && source[name]
          ? '***'
          : source[name];
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
    waSimUrl: env.WA_SIM_URL,
    chromiumPath: env.CHROMIUM_PATH,
    logLevel: env.LOG_LEVEL,
    humanTakeoverMs: env.HUMAN_TAKEOVER_MINUTES * 60_000,
    sending: { perChatGapMs: env.SEND_GAP_MS, perMinute: env.SEND_PER_MINUTE },
    publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`,
    email:
      env.SMTP_URL && env.OWNER_EMAIL
        ? {
            smtpUrl: env.SMTP_URL,
            from: env.SMTP_FROM ?? defaultSender(env.SMTP_URL, env.OWNER_EMAIL),
            to: env.OWNER_EMAIL,
          }
        : null,
    keyring:
      env.DATA_KEYS && env.DATA_INDEX_KEY
        ? { dataKeys: env.DATA_KEYS, indexKey: env.DATA_INDEX_KEY }
        : undefined,
  };
}

/**
 * Without SMTP_FROM, send as the SMTP account when its user name is an address (Gmail and most mail
 * hosts only let an account send as itself), else as the owner: the alert goes to them anyway.
 */
function defaultSender(smtpUrl: string, owners: string[]): string {
  const user = decodeURIComponent(new URL(smtpUrl).username);
  return `Pesanin <${z.email().safeParse(user).success ? user : (owners[0] ?? user)}>`;
}

/** An SMTP URL as an error message may show it: the password replaced by ***. */
function redactPassword(value: string | undefined): string | undefined {
  if (!value || !URL.canParse(value)) return value?.replace(/:[^:@/]*@/, ':***@');
  const url = new URL(value);
  if (url.password) url.password = '***';
  return url.href;
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

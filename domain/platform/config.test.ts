import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.js';

const fail = (env: Record<string, string>) => {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('parseConfig', () => {
  it('fills every default for an empty development environment', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      env: 'development',
      mongo: { uri: undefined, fallback: 'embedded' },
      console: { host: '127.0.0.1', port: 3000, secret: undefined },
      shop: { timeZone: 'Asia/Jakarta', locale: 'id' },
      transport: 'simulator',
      chromiumPath: '/usr/bin/chromium',
      logLevel: 'info',
      humanTakeoverMs: 30 * 60_000,
      sending: { perChatGapMs: 1500, perMinute: 30 },
    });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('reads every documented variable', () => {
    const config = parseConfig({
      NODE_ENV: 'production',
      DATA_DIR: '/var/lib/pesanin',
      MONGODB_URI: 'mongodb://db.local:27017/pesanin',
      PORT: '8080',
      HOST: '0.0.0.0',
      CONSOLE_SECRET: 'x'.repeat(40),
      SHOP_TIME_ZONE: 'Asia/Makassar',
      LOCALE: 'en',
      TRANSPORT: 'whatsapp',
      CHROMIUM_PATH: '/opt/chromium',
      LOG_LEVEL: 'warn',
      HUMAN_TAKEOVER_MINUTES: '90',
      SEND_GAP_MS: '3000',
      SEND_PER_MINUTE: '12',
    });
    expect(config).toEqual({
      env: 'production',
      dataDir: '/var/lib/pesanin',
      mongo: { uri: 'mongodb://db.local:27017/pesanin', fallback: 'embedded' },
      console: { host: '0.0.0.0', port: 8080, secret: 'x'.repeat(40) },
      shop: { timeZone: 'Asia/Makassar', locale: 'en' },
      transport: 'whatsapp',
      chromiumPath: '/opt/chromium',
      logLevel: 'warn',
      humanTakeoverMs: 90 * 60_000,
      sending: { perChatGapMs: 3000, perMinute: 12 },
    });
  });

  it('treats an empty MONGODB_URI as unset', () => {
    expect(parseConfig({ MONGODB_URI: '' }).mongo.uri).toBeUndefined();
  });

  it.each([
    [{ PORT: 'abc' }, 'Configuration error: PORT must be a port number (got "abc")'],
    [{ PORT: '70000' }, 'Configuration error: PORT must be between 1 and 65535 (got "70000")'],
    [{ PORT: '30.5' }, 'Configuration error: PORT must be a whole number (got "30.5")'],
    [
      { SHOP_TIME_ZONE: 'Jakarta' },
      'Configuration error: SHOP_TIME_ZONE must be an IANA time zone such as Asia/Jakarta (got "Jakarta")',
    ],
    [{ LOCALE: 'fr' }, 'Configuration error: LOCALE must be id or en (got "fr")'],
    [
      { TRANSPORT: 'telegram' },
      'Configuration error: TRANSPORT must be whatsapp or simulator (got "telegram")',
    ],
    [
      { MONGODB_URI: 'localhost:27017' },
      'Configuration error: MONGODB_URI must start with mongodb:// or mongodb+srv:// (got "localhost:27017")',
    ],
    [{ MONGO: 'sqlite' }, 'Configuration error: MONGO must be embedded or emulator (got "sqlite")'],
    [
      { CONSOLE_SECRET: 'short' },
      'Configuration error: CONSOLE_SECRET must be at least 32 characters (try: openssl rand -hex 32) (got "short")',
    ],
    [
      { LOG_LEVEL: 'loud' },
      'Configuration error: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    ],
    [{ SEND_GAP_MS: '200' }, 'Configuration error: SEND_GAP_MS must be between 1500 and 60000 (got "200")'],
    [
      { HUMAN_TAKEOVER_MINUTES: 'lama' },
      'Configuration error: HUMAN_TAKEOVER_MINUTES must be a number (got "lama")',
    ],
  ])('refuses %o with one line naming the variable', (env, message) => {
    expect(fail(env)).toBe(message);
  });

  it('requires a real database and a console secret in production', () => {
    expect(fail({ NODE_ENV: 'production', CONSOLE_SECRET: 'y'.repeat(32) })).toBe(
      'Configuration error: MONGODB_URI is required in production',
    );
    expect(fail({ NODE_ENV: 'production', MONGODB_URI: 'mongodb://x' })).toBe(
      'Configuration error: CONSOLE_SECRET is required in production',
    );
  });
});

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

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');

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
      publicBaseUrl: 'http://localhost:3000',
      email: null,
      keyring: undefined,
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
      PUBLIC_BASE_URL: 'https://Toko.Example.com/',
      SMTP_URL: 'smtps://toko%40example.com:rahasia@smtp.example.com:465',
      SMTP_FROM: 'Toko Mawar <toko@example.com>',
      OWNER_EMAIL: 'sari@example.com, budi@example.com',
      DATA_KEYS: `k2:${key(2)}, k1:${key(1)}`,
      DATA_INDEX_KEY: key(9),
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
      publicBaseUrl: 'https://toko.example.com',
      email: {
        smtpUrl: 'smtps://toko%40example.com:rahasia@smtp.example.com:465',
        from: 'Toko Mawar <toko@example.com>',
        to: ['sari@example.com', 'budi@example.com'],
      },
      keyring: {
        dataKeys: [
          { id: 'k2', key: Buffer.alloc(32, 2) },
          { id: 'k1', key: Buffer.alloc(32, 1) },
        ],
        indexKey: Buffer.alloc(32, 9),
      },
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
      'Configuration error: CONSOLE_SECRET must be at least 32 characters (try: openssl rand -hex 32) (got "***")',
    ],
    [
      { LOG_LEVEL: 'loud' },
      'Configuration error: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    ],
    [{ SEND_GAP_MS: '200' }, 'Configuration error: SEND_GAP_MS must be between 1500 and 60000 (got "200")'],
    [
      { PUBLIC_BASE_URL: 'toko.example.com' },
      'Configuration error: PUBLIC_BASE_URL must be an http:// or https:// address, e.g. https://toko.example.com (got "toko.example.com")',
    ],
    [
      { PUBLIC_BASE_URL: 'https://toko.example.com/lacak' },
      'Configuration error: PUBLIC_BASE_URL must be only the address, without a path, e.g. https://toko.example.com (got "https://toko.example.com/lacak")',
    ],
    [
      { SMTP_URL: 'https://user:rahasia@smtp.example.com', OWNER_EMAIL: 'sari@example.com' },
      'Configuration error: SMTP_URL must be an smtp:// or smtps:// address, e.g. smtps://user%40gmail.com:app-password@smtp.gmail.com:465 (got "https://user:***@smtp.example.com/")',
    ],
    [
      { SMTP_URL: 'smtp://smtp.example.com:587' },
      'Configuration error: OWNER_EMAIL is required when SMTP_URL is set',
    ],
    [
      { OWNER_EMAIL: 'sari@example.com' },
      'Configuration error: SMTP_URL is required when OWNER_EMAIL is set',
    ],
    [
      { SMTP_URL: 'smtp://smtp.example.com:587', OWNER_EMAIL: 'sari, budi' },
      'Configuration error: OWNER_EMAIL must be e-mail addresses separated by commas (got "sari, budi")',
    ],
    [
      { SMTP_URL: 'smtp://smtp.example.com:587', OWNER_EMAIL: 'sari@example.com', SMTP_FROM: 'Toko Mawar' },
      'Configuration error: SMTP_FROM must be an e-mail address, or a name and one: Toko Mawar <toko@example.com> (got "Toko Mawar")',
    ],
    [
      { HUMAN_TAKEOVER_MINUTES: 'lama' },
      'Configuration error: HUMAN_TAKEOVER_MINUTES must be a number (got "lama")',
    ],
  ])('refuses %o with one line naming the variable', (env, message) => {
    expect(fail(env)).toBe(message);
  });

  it('requires a real database, a console secret and data keys in production', () => {
    const url = 'https://toko.example.com';
    const keys = { DATA_KEYS: `k1:${key(1)}`, DATA_INDEX_KEY: key(9) };
    expect(
      fail({ NODE_ENV: 'production', CONSOLE_SECRET: 'y'.repeat(32), PUBLIC_BASE_URL: url, ...keys }),
    ).toBe('Configuration error: MONGODB_URI is required in production');
    expect(fail({ NODE_ENV: 'production', MONGODB_URI: 'mongodb://x', PUBLIC_BASE_URL: url, ...keys })).toBe(
      'Configuration error: CONSOLE_SECRET is required in production',
    );
    const ready = {
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://x',
      CONSOLE_SECRET: 'y'.repeat(32),
      PUBLIC_BASE_URL: url,
    };
    expect(fail(ready)).toBe(
      'Configuration error: DATA_KEYS is required in production (generate one with: npm run keys)',
    );
    expect(fail({ ...ready, DATA_KEYS: keys.DATA_KEYS })).toBe(
      'Configuration error: DATA_INDEX_KEY is required when DATA_KEYS is set',
    );
    expect(fail({ ...ready, ...keys, DATA_KEYS: 'k1:c2hvcnQ=' })).toBe(
      'Configuration error: DATA_KEYS keys must be 32 bytes in base64 (generate one with: npm run keys) (got "***")',
    );
    expect(fail({ ...ready, ...keys, DATA_KEYS: `k1:${key(1)},k1:${key(2)}` })).toBe(
      'Configuration error: DATA_KEYS must not repeat a key id (got "***")',
    );
    expect(parseConfig({ ...ready, ...keys }).keyring?.dataKeys.map((dataKey) => dataKey.id)).toEqual(['k1']);
  });

  describe('PUBLIC_BASE_URL', () => {
    const production = {
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://x',
      CONSOLE_SECRET: 'y'.repeat(32),
      DATA_KEYS: `k1:${key(1)}`,
      DATA_INDEX_KEY: key(9),
    };

    it('is required in production, as an https:// address', () => {
      expect(fail(production)).toBe(
        "Configuration error: PUBLIC_BASE_URL is required in production: the shop's https:// address, e.g. https://toko.example.com",
      );
      expect(fail({ ...production, PUBLIC_BASE_URL: 'http://toko.example.com' })).toBe(
        'Configuration error: PUBLIC_BASE_URL must be an https:// address in production, e.g. https://toko.example.com (got "http://toko.example.com")',
      );
      expect(parseConfig({ ...production, PUBLIC_BASE_URL: 'https://toko.example.com' }).publicBaseUrl).toBe(
        'https://toko.example.com',
      );
    });

    it('allows http outside production and defaults to this machine on PORT', () => {
      expect(parseConfig({ PUBLIC_BASE_URL: 'http://192.168.1.20:3000/' }).publicBaseUrl).toBe(
        'http://192.168.1.20:3000',
      );
      expect(parseConfig({ PORT: '8080' }).publicBaseUrl).toBe('http://localhost:8080');
      expect(parseConfig({ PUBLIC_BASE_URL: '' }).publicBaseUrl).toBe('http://localhost:3000');
    });
  });

  describe('e-mail alerts', () => {
    it('send as the SMTP account when its user is an address, else as the first owner address', () => {
      const owners = { OWNER_EMAIL: 'sari@example.com,budi@example.com' };
      expect(
        parseConfig({ ...owners, SMTP_URL: 'smtps://toko%40gmail.com:app-pass@smtp.gmail.com:465' }).email,
      ).toEqual({
        smtpUrl: 'smtps://toko%40gmail.com:app-pass@smtp.gmail.com:465',
        from: 'Pesanin <toko@gmail.com>',
        to: ['sari@example.com', 'budi@example.com'],
      });
      expect(parseConfig({ ...owners, SMTP_URL: 'smtp://apikey:x@smtp.example.com:587' }).email?.from).toBe(
        'Pesanin <sari@example.com>',
      );
    });
  });
});

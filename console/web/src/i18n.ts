/** The console's message catalogs: Indonesian by default, English available. */
export const messages = {
  id: {
    title: 'Pesanin',
    checking: 'Memeriksa server…',
    healthy: 'Server dan database berjalan.',
    degraded: 'Database tidak terjangkau.',
    unreachable: 'Server tidak terjangkau.',
  },
  en: {
    title: 'Pesanin',
    checking: 'Checking the server…',
    healthy: 'Server and database are running.',
    degraded: 'The database is unreachable.',
    unreachable: 'The server is unreachable.',
  },
} as const;

export type Locale = keyof typeof messages;
export type MessageKey = keyof (typeof messages)['id'];

/** The browser's preferred console language, Indonesian unless it asks for English. */
export const browserLocale = (): Locale => (navigator.language.startsWith('en') ? 'en' : 'id');

export const t = (key: MessageKey, locale: Locale = browserLocale()): string => messages[locale][key];

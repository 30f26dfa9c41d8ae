import { type Logger, pino } from 'pino';
import type { Config } from './config.js';

export type { Logger } from 'pino';

/** The product's logger: JSON lines in production, pretty and coloured in development. */
export function createLogger(config: Pick<Config, 'env' | 'logLevel'>, name: string): Logger {
  const pretty = config.env === 'development';
  return pino({
    name,
    level: config.logLevel,
    ...(pretty && {
      transport: {
        target: 'pino-pretty',
        options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
      },
    }),
  });
}

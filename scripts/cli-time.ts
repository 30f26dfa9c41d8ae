import { TZDate } from '@date-fns/tz';
import { z } from 'zod';

const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/** An ISO datetime; without an offset it is wall-clock time in the shop's zone. */
export function readNow(raw: string | undefined, timeZone: string): Date | null {
  if (raw === undefined) return new Date();
  const local = LOCAL_ISO.exec(raw);
  if (local) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = local;
    const date = new TZDate(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), timeZone);
    return date.getDate() === Number(d) ? new Date(date.getTime()) : null;
  }
  if (!z.iso.datetime({ offset: true }).safeParse(raw).success) return null;
  return new Date(raw);
}

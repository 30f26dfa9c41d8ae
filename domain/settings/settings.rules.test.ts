import { describe, expect, it } from 'vitest';
import { type BusinessHours, type DayHours, DEFAULT_SETTINGS } from './settings.model.js';
import { isWithinBusinessHours } from './settings.rules.js';

const everyDay = (hours: DayHours | null): BusinessHours => ({
  0: hours,
  1: hours,
  2: hours,
  3: hours,
  4: hours,
  5: hours,
  6: hours,
});
const open = (at: string, settings: Parameters<typeof isWithinBusinessHours>[0] = DEFAULT_SETTINGS) =>
  isWithinBusinessHours(settings, new Date(at));

describe('isWithinBusinessHours with the default hours (Mon–Sat 08:00–20:00 WIB, Sunday closed)', () => {
  it('reads the instant on the Jakarta wall clock (UTC+7)', () => {
    // Monday 2026-11-23.
    expect(open('2026-11-23T00:59:59Z')).toBe(false); // 07:59:59 WIB
    expect(open('2026-11-23T01:00:00Z')).toBe(true); // 08:00 WIB
    expect(open('2026-11-23T12:59:00Z')).toBe(true); // 19:59 WIB
    expect(open('2026-11-23T13:00:00Z')).toBe(false); // 20:00 WIB: close is exclusive
  });

  it('uses the weekday in Jakarta, not in UTC', () => {
    // Sunday 23:30 UTC is Monday 06:30 WIB: closed, too early (not because it is Sunday in UTC).
    expect(open('2026-11-22T23:30:00Z')).toBe(false);
    // Sunday 01:30 UTC is Sunday 08:30 WIB: closed on Sundays, though 08:30 is within Monday–Saturday hours.
    expect(open('2026-11-22T01:30:00Z')).toBe(false);
    // Saturday 12:00 UTC is Saturday 19:00 WIB: open, though a UTC reading says the same.
    expect(open('2026-11-21T12:00:00Z')).toBe(true);
    // Saturday 13:30 UTC is 20:30 WIB: closed, where a UTC reading (13:30) would say open.
    expect(open('2026-11-21T13:30:00Z')).toBe(false);
  });
});

describe('isWithinBusinessHours across midnight', () => {
  const lateFriday = {
    timeZone: 'Asia/Jakarta',
    businessHours: { ...everyDay(null), 5: { open: '18:00', close: '02:00' } },
  };

  it('keeps a Friday 18:00–02:00 shop open into Saturday morning, though Saturday is closed', () => {
    expect(open('2026-11-27T10:59:00Z', lateFriday)).toBe(false); // Fri 17:59
    expect(open('2026-11-27T11:00:00Z', lateFriday)).toBe(true); // Fri 18:00
    expect(open('2026-11-27T16:59:00Z', lateFriday)).toBe(true); // Fri 23:59
    expect(open('2026-11-27T17:00:00Z', lateFriday)).toBe(true); // Sat 00:00
    expect(open('2026-11-27T18:59:00Z', lateFriday)).toBe(true); // Sat 01:59
    expect(open('2026-11-27T19:00:00Z', lateFriday)).toBe(false); // Sat 02:00
    expect(open('2026-11-20T19:00:00Z', lateFriday)).toBe(false); // Fri 02:00 (Thursday closed)
  });

  it('wraps from Saturday (6) into Sunday (0)', () => {
    const lateSaturday = {
      timeZone: 'Asia/Jakarta',
      businessHours: { ...everyDay(null), 6: { open: '22:00', close: '03:00' } },
    };
    expect(open('2026-11-21T17:30:00Z', lateSaturday)).toBe(true); // Sun 00:30 WIB
    expect(open('2026-11-21T20:00:00Z', lateSaturday)).toBe(false); // Sun 03:00 WIB
  });

  it("treats close 24:00 as the day's end", () => {
    const evenings = { timeZone: 'Asia/Jakarta', businessHours: everyDay({ open: '20:00', close: '24:00' }) };
    expect(open('2026-11-23T16:59:00Z', evenings)).toBe(true); // Mon 23:59
    expect(open('2026-11-23T17:00:00Z', evenings)).toBe(false); // Tue 00:00
    expect(open('2026-11-23T12:59:00Z', evenings)).toBe(false); // Mon 19:59
  });
});

describe('isWithinBusinessHours in other time zones', () => {
  const nineToFive = everyDay({ open: '09:00', close: '17:00' });

  it('follows daylight saving time (Europe/Amsterdam, clocks forward on 2026-03-29)', () => {
    const amsterdam = { timeZone: 'Europe/Amsterdam', businessHours: nineToFive };
    // Before: UTC+1. 07:30Z = 08:30 local (closed); 15:30Z = 16:30 local (open).
    expect(open('2026-03-23T07:30:00Z', amsterdam)).toBe(false);
    expect(open('2026-03-23T15:30:00Z', amsterdam)).toBe(true);
    // After: UTC+2. The same UTC times are 09:30 (open) and 17:30 (closed).
    expect(open('2026-03-30T07:30:00Z', amsterdam)).toBe(true);
    expect(open('2026-03-30T15:30:00Z', amsterdam)).toBe(false);
  });

  it('handles half-hour offsets and zones west of UTC', () => {
    const kolkata = { timeZone: 'Asia/Kolkata', businessHours: nineToFive }; // UTC+5:30
    expect(open('2026-11-23T03:29:00Z', kolkata)).toBe(false); // 08:59
    expect(open('2026-11-23T03:30:00Z', kolkata)).toBe(true); // 09:00
    const newYork = { timeZone: 'America/New_York', businessHours: nineToFive }; // UTC-5 in November
    expect(open('2026-11-24T01:00:00Z', newYork)).toBe(false); // Mon 20:00
    expect(open('2026-11-23T14:00:00Z', newYork)).toBe(true); // Mon 09:00
  });

  it('makes WITA and WIT shops open an hour and two hours earlier in UTC', () => {
    const at = '2026-11-23T00:30:00Z'; // 07:30 WIB, 08:30 WITA, 09:30 WIT
    const hours = DEFAULT_SETTINGS.businessHours;
    expect(open(at, { timeZone: 'Asia/Jakarta', businessHours: hours })).toBe(false);
    expect(open(at, { timeZone: 'Asia/Makassar', businessHours: hours })).toBe(true);
    expect(open(at, { timeZone: 'Asia/Jayapura', businessHours: hours })).toBe(true);
  });
});

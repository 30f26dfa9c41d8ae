import { describe, expect, it } from 'vitest';
import { findDates } from './dates.js';
import { normalizeText } from './normalize.js';

const JAKARTA = 'Asia/Jakarta';
/** Monday 23 November 2026, 10:00 WIB. */
const MONDAY = new Date('2026-11-23T10:00:00+07:00');

const dateIn = (text: string, now = MONDAY, timeZone = JAKARTA) =>
  findDates(normalizeText(text), now, timeZone)[0]?.date ?? null;

describe('dates relative to a Monday', () => {
  it.each([
    ['hari ini', '2026-11-23'],
    ['nanti malam', '2026-11-23'],
    ['sore ini', '2026-11-23'],
    ['besok', '2026-11-24'],
    ['bsk pagi', '2026-11-24'],
    ['besok pagi jam 9', '2026-11-24'],
    ['lusa', '2026-11-25'],
    ['besok lusa', '2026-11-25'],
    ['minggu depan', '2026-11-30'],
    ['3 hari lagi', '2026-11-26'],
    ['seminggu lagi', '2026-11-30'],
    ['dua minggu lagi', '2026-12-07'],
    ['senin', '2026-11-30'],
    ['senin ini', '2026-11-23'],
    ['selasa', '2026-11-24'],
    ['rabu', '2026-11-25'],
    ['rabu depan', '2026-12-02'],
    ['kamis', '2026-11-26'],
    ['jumat', '2026-11-27'],
    ["jum'at", '2026-11-27'],
    ['hari sabtu', '2026-11-28'],
    ['minggu', '2026-11-29'],
    ['hari minggu', '2026-11-29'],
    ['ahad', '2026-11-29'],
    ['senin depan', '2026-11-30'],
    ['besok senin', '2026-11-30'],
    ['weekend', '2026-11-28'],
    ['akhir bulan', '2026-11-30'],
    ['akhir bulan depan', '2026-12-31'],
    ['awal bulan depan', '2026-12-01'],
    ['tgl 20', '2026-12-20'],
    ['tanggal 23', '2026-11-23'],
    ['tanggal 30', '2026-11-30'],
    ['tgl 5 bulan depan', '2026-12-05'],
    ['20/12', '2026-12-20'],
    ['1/11', '2027-11-01'],
    ['20-12-2026', '2026-12-20'],
    ['20/12/26', '2026-12-20'],
    ['2026-12-20', '2026-12-20'],
    ['20.12.2026', '2026-12-20'],
    ['20 Des', '2026-12-20'],
    ['20 Desember 2026', '2026-12-20'],
    ['20 Dec', '2026-12-20'],
    ['tanggal 5 januari', '2027-01-05'],
    ['10 nov', '2027-11-10'],
    ['1 Februari 2027', '2027-02-01'],
  ])('%s → %s', (text, date) => {
    expect(dateIn(text)).toBe(date);
  });

  it.each([
    'kemarin',
    'bulan depan',
    'minggu ini',
    '2 minggu',
    'tiap minggu',
    'pagi kak',
    'jam 15.00',
    '1-2 hari',
    '20-25 pcs',
    '31/2',
    'minggu lalu',
  ])('%s names no day', (text) => {
    expect(dateIn(text)).toBeNull();
  });
});

describe('dates across month, year and time-zone edges', () => {
  it('"besok" on New Year\'s Eve evening is next year', () => {
    expect(dateIn('besok', new Date('2026-12-31T20:00:00+07:00'))).toBe('2027-01-01');
  });

  it('"tgl 5" on 28 December is 5 January of next year', () => {
    expect(dateIn('tgl 5', new Date('2026-12-28T09:00:00+07:00'))).toBe('2027-01-05');
  });

  it('"tgl 31" skips months without a 31st', () => {
    expect(dateIn('tgl 31', new Date('2027-02-10T09:00:00+07:00'))).toBe('2027-03-31');
  });

  it('"20/12" after 20 December is next year\'s', () => {
    expect(dateIn('20/12', new Date('2026-12-21T09:00:00+07:00'))).toBe('2027-12-20');
  });

  it('"akhir bulan" in February of a leap year', () => {
    expect(dateIn('akhir bulan', new Date('2028-02-10T09:00:00+07:00'))).toBe('2028-02-29');
  });

  it('reads "today" in the shop\'s zone: 18:30 UTC on the 23rd is already the 24th in Jakarta', () => {
    const now = new Date('2026-11-23T18:30:00Z');
    expect(dateIn('besok', now)).toBe('2026-11-25');
    expect(dateIn('hari ini', now)).toBe('2026-11-24');
    expect(dateIn('besok', now, 'UTC')).toBe('2026-11-24');
  });

  it('"lusa" across a DST change stays on the calendar', () => {
    expect(dateIn('lusa', new Date('2026-03-28T12:00:00+01:00'), 'Europe/Amsterdam')).toBe('2026-03-30');
  });
});

describe('findDates', () => {
  it('returns every date with its span, in reading order', () => {
    const text = 'besok atau lusa';
    expect(findDates(text, MONDAY, JAKARTA)).toEqual([
      { start: 0, end: 5, date: '2026-11-24' },
      { start: 11, end: 15, date: '2026-11-25' },
    ]);
  });
});

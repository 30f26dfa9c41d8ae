import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize.js';
import { findTimes, toClock } from './times.js';

const timeIn = (text: string) => findTimes(normalizeText(text))[0]?.time ?? null;

describe('times', () => {
  it.each([
    ['jam 3 sore', '15:00'],
    ['jam 10 pagi', '10:00'],
    ['jam 7 malam', '19:00'],
    ['jam 12 siang', '12:00'],
    ['jam 1 siang', '13:00'],
    ['jam 11 siang', '11:00'],
    ['jam 12 malam', '00:00'],
    ['jam 2 malam', '02:00'],
    ['jam 5 subuh', '05:00'],
    ['15.00', '15:00'],
    ['15:00', '15:00'],
    ['pukul 14.30', '14:30'],
    ['pkl 09.15 WIB', '09:15'],
    ['jm 4 sore', '16:00'],
    ['jam 3.30 sore', '15:30'],
    ['jam setengah 3 sore', '14:30'],
    ['jam setengah 8 pagi', '07:30'],
    ['jam 3an', '15:00'],
    ['jam 3-4 sore', '15:00'],
    ['jam tiga sore', '15:00'],
    ['besok 3 sore', '15:00'],
    ['3pm', '15:00'],
    ['10 am', '10:00'],
    ['jam 15', '15:00'],
    ['jam 09.00', '09:00'],
  ])('%s → %s', (text, time) => {
    expect(timeIn(text)).toBe(time);
  });

  it.each([
    ['jam 3', '15:00'],
    ['jam 6', '18:00'],
    ['jam 7', '07:00'],
    ['jam 10', '10:00'],
    ['jam 12', '12:00'],
  ])('an hour without part of day reads as shop hours: %s → %s', (text, time) => {
    expect(timeIn(text)).toBe(time);
  });

  it.each(['jam berapa', '24 jam', 'jam tangan', '150.000', 'tgl 20', '2 buket sore'])(
    '%s has no time',
    (text) => {
      expect(timeIn(text)).toBeNull();
    },
  );

  it('refuses impossible clocks', () => {
    expect(toClock(25, 0, 'as-written')).toBeNull();
    expect(toClock(10, 75, 'pagi')).toBeNull();
  });
});

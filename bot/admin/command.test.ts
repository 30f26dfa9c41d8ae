import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AdminText } from '../../domain/i18n/admin.id.js';
import { adminCommands, splitCommand } from './admin.handler.js';
import { instantOf, parseRupiah, readWhen, splitWhen, splitWords } from './args.js';
import { type Command, closestCommand, defineCommand, validateCommandTable } from './command.js';
import { adminCommandTable } from './commands.js';

const command = (name: string, aliases: string[] = [], extra: Partial<Command> = {}): Command => ({
  ...defineCommand({
    name,
    aliases,
    roles: ['owner'],
    help: 'admin.help.orders',
    usage: 'admin.usage.orders',
    args: () => z.string(),
    run: async () => '',
  }),
  ...extra,
});

describe('the command table', () => {
  it('is valid as shipped', () => {
    expect(() => validateCommandTable(adminCommandTable())).not.toThrow();
  });

  it('refuses duplicate names and aliases, unknown roles, missing texts and multi-word names', () => {
    expect(() => validateCommandTable([command('orders'), command('list', ['ORDERS'])])).toThrow(
      /"orders" is used by both orders and list/,
    );
    expect(() => validateCommandTable([command('x', [], { roles: ['boss' as 'owner'] })])).toThrow(
      /unknown role "boss"/,
    );
    expect(() => validateCommandTable([command('x', [], { roles: [] })])).toThrow(/no role may use it/);
    expect(() =>
      validateCommandTable([command('x', [], { help: 'admin.help.nothing' as AdminText })]),
    ).toThrow(/"admin.help.nothing" is missing/);
    expect(() => validateCommandTable([command('x', ['/y', 'two words'])])).toThrow(/one lowercase word/);
  });

  it('stops the bot from being built with a bad table', () => {
    expect(() => adminCommands([command('help'), command('help')])).toThrow(/invalid admin command table/);
  });

  it('splits the command word: case-insensitive, slash optional', () => {
    expect(splitCommand('  /STATUS ORD-202611-0001 siap ')).toEqual({
      word: 'status',
      rest: 'ORD-202611-0001 siap',
    });
    expect(splitCommand('help')).toEqual({ word: 'help', rest: '' });
  });

  it('suggests the closest command within two edits', () => {
    const table = adminCommandTable();
    expect(closestCommand('stauts', table)?.name).toBe('status');
    expect(closestCommand('foll', table)?.name).toBe('followup');
    expect(closestCommand('zzzzzz', table)).toBeUndefined();
  });
});

describe('argument values', () => {
  it('keeps a phone number typed in groups as one word, and nothing else', () => {
    expect(splitWords('0812 3456 7890 contacted')).toEqual(['081234567890', 'contacted']);
    expect(splitWords('+62 812-3456-7890 besok jam 10 telpon')).toEqual([
      '+62812-3456-7890',
      'besok',
      'jam',
      '10',
      'telpon',
    ]);
    expect(splitWords('0812 345 678 10 tulip')).toEqual(['0812345678', '10', 'tulip']);
    expect(splitWords('081234567890 2 buket')).toEqual(['081234567890', '2', 'buket']);
    expect(splitWords('ORD-202611-0001 150 000')).toEqual(['ORD-202611-0001', '150', '000']);
    // Groups that never make a number stay as they were.
    expect(splitWords('0812 pita')).toEqual(['0812', 'pita']);
  });

  it('reads rupiah as staff type it', () => {
    expect(['150000', '150.000', '150rb', '150k', '1,5jt', 'Rp150.000', '2jt500'].map(parseRupiah)).toEqual([
      150_000, 150_000, 150_000, 150_000, 1_500_000, 150_000, 2_500_000,
    ]);
    expect(parseRupiah('banyak')).toBeUndefined();
    expect(parseRupiah('20/12')).toBeUndefined();
  });

  const env = { now: new Date('2026-11-23T03:00:00Z'), timeZone: 'Asia/Jakarta' };

  it('reads when in the parser’s Indonesian forms, a date alone at 09:00 local', () => {
    expect(readWhen('besok jam 10', env)).toEqual({ date: '2026-11-24', time: '10:00' });
    expect(readWhen('3 hari lagi', env)).toEqual({ date: '2026-11-26' });
    expect(readWhen('20/12 14:00', env)).toEqual({ date: '2026-12-20', time: '14:00' });
    expect(readWhen('senin jam 9', env)).toEqual({ date: '2026-11-30', time: '09:00' });
    expect(readWhen('besok telpon', env)).toBeUndefined();
    expect(instantOf({ date: '2026-11-26' }, env.timeZone)).toEqual(new Date('2026-11-26T02:00:00Z'));
    expect(splitWhen('besok jam 10 telpon lagi soal harga'.split(' '), env)).toEqual({
      when: { date: '2026-11-24', time: '10:00' },
      taken: 3,
    });
  });
});

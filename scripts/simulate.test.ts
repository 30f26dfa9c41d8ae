import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../domain/platform/paths.js';
import { useTempDirs } from '../domain/platform/testing/temp-dir.js';
import { runScript } from './testing/run-script.js';

const tempDir = useTempDirs();
const root = projectRoot();

const simulate = (args: string[]) => runScript('simulate', args);

describe('scripts/simulate.ts', () => {
  it('prints one JSON line per sent message, then the dump', async () => {
    const dir = tempDir('scenario');
    const file = path.join(dir, 'order.json');
    writeFileSync(
      file,
      JSON.stringify({
        now: '2026-11-23T10:00:00+07:00',
        catalog: [{ id: 'tulip', name: 'Buket Tulip', aliases: ['tulip'], price: 200000 }],
        steps: [
          { from: '0812-3456-7890', text: 'pesan 2 buket tulip' },
          { from: '081234567890', text: 'ok' },
        ],
      }),
    );
    const result = await simulate([file, '--dump']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(
      lines.slice(0, -1).every((line) => line.to === '+6281234567890' && typeof line.text === 'string'),
    ).toBe(true);
    expect(lines.at(-2).text).toContain('ORD-202611-0001');
    expect(lines.at(-1).dump.orders).toMatchObject([
      { number: 'ORD-202611-0001', total: 400000, customer: '+6281234567890' },
    ]);
  });

  // Uses the admin commands `followup` and `invoice` (helper D, issue 5) and the jobs (advance steps).
  it('shows the follow-up reminder and the overdue notice of a scenario with advance steps, in order', async () => {
    const result = await simulate([
      path.join(root, 'bot/simulation/scenarios/followup-invoice.json'),
      '--dump',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const reminder = lines.findIndex((line) =>
      line.text?.startsWith('⏰ Pengingat tugas *#1* (24/11 10:00)'),
    );
    const overdue = lines.findIndex(
      (line) =>
        line.to === '+6281234567890' && line.text?.includes('sudah jatuh tempo pada 24 November 2026'),
    );
    expect(reminder).toBeGreaterThan(0);
    expect(lines[reminder]).toEqual({
      to: '+6281299990000',
      text: '⏰ Pengingat tugas *#1* (24/11 10:00):\ntelpon\nTerkait: +6281234567890\nSudah selesai? Balas *done 1*',
    });
    // The reminder (24/11 10:00) comes before the overdue notice (25/11 09:00), then the staff summary.
    expect(overdue).toBe(reminder + 1);
    expect(lines[overdue + 1].text).toContain('*1 tagihan lewat jatuh tempo*');
    expect(lines.at(-1).dump.tasks).toEqual([
      {
        number: 1,
        text: 'telpon',
        due: '2026-11-24T03:00:00.000Z',
        assignee: 'Sari',
        link: '+6281234567890',
        status: 'open',
        reminded: true,
      },
    ]);
  });

  it('refuses a bad scenario with one line naming the problem', async () => {
    const file = path.join(tempDir('scenario'), 'bad.json');
    writeFileSync(file, JSON.stringify({ now: 'yesterday', steps: [] }));
    const result = await simulate([file]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(/^.*bad\.json: now: must be an ISO date-time/);
  });
});

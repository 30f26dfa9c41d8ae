import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../domain/platform/testing/temp-dir.js';
import { HISTORY, HISTORY_NOW } from '../domain/reports/testing/order-history.js';
import { runScript } from './testing/run-script.js';

const tempDir = useTempDirs();

const report = (args: string[]) => runScript('report', args);

const NOW = HISTORY_NOW;

function historyFile(text = HISTORY): string {
  const file = path.join(tempDir('report'), 'orders.jsonl');
  writeFileSync(file, `${text}\n`);
  return file;
}

const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

describe('scripts/report.ts', () => {
  it('rfm: one line per customer with a completed order, figures as worked out by hand', async () => {
    const result = await report(['rfm', '--orders', historyFile(), '--now', NOW]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^report: 10 orders; import .* s, rfm .* s, total .* s\n$/);
    // Recency (whole days to 23/11 12:00 WIB) from the last completion: Budi 21/11 12:00 → 2; Ani 12/11
    // 10:00 → 11; Citra 20/09 18:00 → 63; Eka (no completedAt: created 01/11 00:30) → 22. Dodi has no
    // completed order. Frequency 3, 2, 2, 1 (the cancelled order does not count); monetary counts paid
    // orders only (Ani's partial 80.000 is out).
    // R (lower is better; mid-rank quintiles of 4): 63 → 1, 22 → 2, 11 → 4, 2 → 5.
    // F: 1 → 1; the tie 2, 2 at ranks 2–3 → p = 4/8 → 3 for both; 3 → 5. M: 70k → 1, 150k → 2, 200k → 4, 600k → 5.
    // FM = round-half-up((F+M)/2): Budi 5, Citra 3.5 → 4, Ani 2.5 → 3, Eka 1.
    expect(jsonLines(result.stdout)).toEqual([
      {
        customer: '+6281234567890',
        recency: 2,
        frequency: 3,
        monetary: 600000,
        r: 5,
        f: 5,
        m: 5,
        segment: 'Champions',
      },
      {
        customer: '+6281355556666',
        recency: 63,
        frequency: 2,
        monetary: 200000,
        r: 1,
        f: 3,
        m: 4,
        segment: 'At Risk',
      },
      {
        customer: '+6281311112222',
        recency: 11,
        frequency: 2,
        monetary: 150000,
        r: 4,
        f: 3,
        m: 2,
        segment: 'Potential Loyalist',
      },
      {
        customer: '+6281399990000',
        recency: 22,
        frequency: 1,
        monetary: 70000,
        r: 2,
        f: 1,
        m: 1,
        segment: 'Hibernating',
      },
    ]);
  });

  it('monthly: every month in WIB from the first order to --now, cancelled orders out, revenue when earned', async () => {
    const result = await report(['monthly', '--orders', historyFile(), '--now', NOW, '--tz', 'Asia/Jakarta']);
    expect(result.code).toBe(0);
    // August: Citra's order of 31/08 23:30 WIB (still August in WIB); it was completed on 01/09, so its
    // 120.000 is September's. September: Budi 10/09 and Citra 20/09; revenue 100k + 120k + 80k.
    // October: Budi's 01/10 00:30 WIB (30/09 in UTC) and Ani 15/10; revenue 200k + 150k.
    // November: Budi 20/11, Ani 10/11, Dodi 22/11 (pending counts), Eka 01/11 00:30 WIB; Budi's cancelled
    // one does not. Revenue 300k (Budi) + 70k (Eka, no completedAt: its creation); Ani's partial is out.
    expect(jsonLines(result.stdout)).toEqual([
      { month: '2026-08', orders: 1, revenue: 0 },
      { month: '2026-09', orders: 2, revenue: 300000 },
      { month: '2026-10', orders: 2, revenue: 350000 },
      { month: '2026-11', orders: 4, revenue: 370000 },
    ]);
  });

  it('reads the months in another zone when asked: 00:30 WIB on the 1st is the previous month in UTC', async () => {
    const result = await report(['monthly', '--orders', historyFile(), '--now', NOW, '--tz', 'UTC']);
    expect(result.code).toBe(0);
    const months = jsonLines(result.stdout);
    expect(months.map((row: { month: string; orders: number }) => [row.month, row.orders])).toEqual([
      ['2026-08', 1],
      ['2026-09', 3],
      ['2026-10', 2],
      ['2026-11', 3],
    ]);
  });

  it('names every bad line on stderr and prints nothing', async () => {
    const lines = HISTORY.split('\n');
    lines.splice(2, 0, '{"number": "ORD-202611-0009", "customer": "0812", "createdAt": "kemarin"}');
    lines.splice(5, 0, 'not json');
    const result = await report(['rfm', '--orders', historyFile(lines.join('\n')), '--now', NOW]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('line 3: customer: must be a phone number (got "0812")');
    expect(result.stderr).toContain('line 6: not JSON');
  });

  it('refuses a missing report name, file or zone with the usage', async () => {
    const noName = await report(['--orders', historyFile()]);
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain('usage: npx tsx scripts/report.ts <rfm|monthly>');
    const badZone = await report(['rfm', '--orders', historyFile(), '--tz', 'Mars/Olympus']);
    expect(badZone.code).toBe(2);
    expect(badZone.stderr).toContain('unknown time zone "Mars/Olympus"');
  });
});

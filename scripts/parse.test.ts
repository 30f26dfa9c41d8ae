import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sampleCatalog } from '../bot/understanding/testing/sample-catalog.js';
import { useTempDirs } from '../domain/platform/testing/temp-dir.js';

// The CLI contract an external harness relies on: one JSON line out per JSON line in, in order; a bad
// line gets {"error"} and the run goes on; bad arguments or catalog: one stderr line and exit code 2.
// Each case starts its own process through tsx (about a second each, more when they run side by side).

const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
const script = fileURLToPath(new URL('./parse.ts', import.meta.url));
const tempDir = useTempDirs();

function catalogFile(content: unknown): string {
  const file = path.join(tempDir('parse-cli'), 'catalog.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

async function run(
  args: string[],
  stdin = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(tsx, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdin.end(stdin);
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

const NOW = ['--now', '2026-11-23T10:00:00+07:00'];

describe.concurrent('scripts/parse.ts', () => {
  it('answers each line in order, an error for malformed ones, and skips blank lines', {
    timeout: 60_000,
  }, async () => {
    const lines = [
      JSON.stringify({
        text: 'pesan 2 buket mawar merah sama 1 hampers, kirim besok ke Jl. Melati 5',
        media: null,
      }),
      'this is not json',
      '',
      JSON.stringify({ text: 42, media: null }),
      JSON.stringify({ text: 'ini bukti tf nya kak', media: 'image' }),
      JSON.stringify({ text: 'status ORD-202611-0042', media: 'video' }),
      JSON.stringify({ text: 'budget 500rb, deadline tgl 20, bikin logo ya', media: null }),
      JSON.stringify({ text: null, media: 'image' }),
      JSON.stringify({ text: null, media: null }),
      '[1, 2]',
    ];
    const { code, stdout, stderr } = await run(
      ['--catalog', catalogFile(sampleCatalog), ...NOW],
      `${lines.join('\n')}\n`,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(out).toHaveLength(9);
    expect(out[0]).toEqual({
      intent: 'order',
      items: [
        { product: 'buket-mawar-merah', qty: 2 },
        { product: 'hampers-lebaran', qty: 1 },
      ],
      amount: null,
      date: '2026-11-24',
      time: null,
      orderNumber: null,
      address: 'Jl. Melati 5',
      channel: null,
    });
    expect(out[1]).toEqual({ error: expect.stringMatching(/^line 2: not JSON/) });
    expect(out[2]).toEqual({ error: expect.stringMatching(/^line 4: text: /) });
    expect(out[3]).toMatchObject({ intent: 'payment' });
    expect(out[4]).toEqual({ error: expect.stringMatching(/^line 6: media: /) });
    expect(out[5]).toMatchObject({ intent: 'custom_order', amount: 500_000, date: '2026-12-20' });
    expect(out[6]).toMatchObject({ intent: 'unknown', items: [] });
    expect(out[7]).toEqual({ error: 'line 9: text: expected a string (null only with media)' });
    expect(out[8]).toEqual({ error: expect.stringMatching(/^line 10: /) });
    expect(Object.keys(out[0]!)).toEqual([
      'intent',
      'items',
      'amount',
      'date',
      'time',
      'orderNumber',
      'address',
      'channel',
    ]);
  });

  it('reads --now without an offset in --tz', { timeout: 60_000 }, async () => {
    const input = `${JSON.stringify({ text: 'besok ya', media: null })}\n`;
    const catalog = catalogFile(sampleCatalog);
    const [jakarta, utc, zoned] = await Promise.all([
      run(['--catalog', catalog, '--now', '2026-11-23T23:30'], input),
      run(['--catalog', catalog, '--now', '2026-11-23T23:30', '--tz', 'UTC'], input),
      run(['--catalog', catalog, '--now', '2026-11-23T18:30:00Z'], input),
    ]);
    expect(JSON.parse(jakarta.stdout).date).toBe('2026-11-24');
    expect(JSON.parse(utc.stdout).date).toBe('2026-11-24');
    expect(JSON.parse(zoned.stdout).date).toBe('2026-11-25');
  });

  it('streams a large input through, in order', { timeout: 60_000 }, async () => {
    const count = 3000;
    const input = Array.from({ length: count }, (_, i) =>
      JSON.stringify({ text: i % 2 ? `mau pesan ${(i % 9) + 1} hampers` : 'halo kak', media: null }),
    ).join('\n');
    const { code, stdout } = await run(['--catalog', catalogFile(sampleCatalog), ...NOW], input);
    expect(code).toBe(0);
    const out = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { intent: string; items: { qty: number }[] });
    expect(out).toHaveLength(count);
    out.forEach((parsed, i) => {
      if (i % 2) expect(parsed.items).toEqual([{ product: 'hampers-lebaran', qty: (i % 9) + 1 }]);
      else expect(parsed.intent).toBe('greeting');
    });
  });

  it.each([
    [
      ['--catalog', 'CATALOG', '--tz', 'Mars/Olympus'],
      /^parse: invalid --tz: unknown time zone "Mars\/Olympus"\n$/,
    ],
    [['--catalog', 'CATALOG', '--now', 'yesterday'], /^parse: invalid --now: /],
    [['--catalog', 'CATALOG', '--now', '2026-02-30T10:00'], /^parse: invalid --now: /],
    [['--catalog', 'MISSING'], /^parse: cannot read catalog .*missing\.json: /],
    [['--catalog', 'BROKEN'], /^parse: cannot read catalog .*: /],
    [['--catalog', 'WRONG'], /^parse: invalid catalog .*: 0\.price: /],
    [['--catalog', 'DUPLICATE'], /^parse: invalid catalog .*: 1\.id: duplicate id "a"\n$/],
    [[], /^parse: missing --catalog <file\.json>\n$/],
    [['--catalog', 'CATALOG', '--verbose'], /^parse: Unknown option '--verbose'/],
  ])('refuses %j with one line on stderr and exit code 2', { timeout: 60_000 }, async (args, message) => {
    const files: Record<string, string> = {
      CATALOG: catalogFile(sampleCatalog),
      MISSING: path.join(tempDir('parse-cli'), 'missing.json'),
      BROKEN: catalogFile('[{"id": '),
      WRONG: catalogFile([{ id: 'a', name: 'A', aliases: [], price: 'mahal' }]),
      DUPLICATE: catalogFile([
        { id: 'a', name: 'A', aliases: [], price: 1 },
        { id: 'a', name: 'B', aliases: [], price: 2 },
      ]),
    };
    const { code, stdout, stderr } = await run(args.map((arg) => files[arg] ?? arg));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

/**
 * Settings shared by the property tests (issue 10): a fixed seed so every run checks the same cases, and
 * a modest count in the normal test run. `FUZZ_RUNS=100000` scales the count up for a long run (tests
 * with expensive runs divide it, see `fuzzParams`); `FUZZ_SEED` replays or explores another seed. Tests
 * only: the product reads its environment in domain/platform/config.ts.
 */
import type { Parameters } from 'fast-check';

/** The seed when FUZZ_SEED is not set; fast-check prints the seed and the path of any failure. */
export const DEFAULT_SEED = 20_261_204;

const integerOf = (text: string | undefined): number | undefined => {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`expected an integer, got "${text}"`);
  return value;
};

/** The number of runs requested with FUZZ_RUNS, if any. */
export const requestedRuns = (): number | undefined => {
  const runs = integerOf(process.env.FUZZ_RUNS);
  if (runs !== undefined && runs < 1) throw new Error(`FUZZ_RUNS must be at least 1, got ${runs}`);
  return runs;
};

/**
 * fast-check parameters for one property: `normal` runs by default; with FUZZ_RUNS, that many divided by
 * `costly` (a property whose one run costs a database round-trip or an HTTP request uses a larger
 * divisor so a long run stays within hours), and never fewer than `normal`.
 */
export function fuzzParams<T>(normal: number, costly = 1): Parameters<T> {
  const requested = requestedRuns();
  const numRuns = requested === undefined ? normal : Math.max(normal, Math.ceil(requested / costly));
  return { seed: integerOf(process.env.FUZZ_SEED) ?? DEFAULT_SEED, numRuns };
}

/** A timeout for a test running `fuzzParams(normal, costly)` runs of `msPerRun` each, with room to spare. */
export function fuzzTimeout(normal: number, msPerRun: number, costly = 1): number {
  const { numRuns = normal } = fuzzParams(normal, costly);
  return 20_000 + numRuns * msPerRun * 3;
}

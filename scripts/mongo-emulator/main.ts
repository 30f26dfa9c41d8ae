import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startEmulator } from './server.js';

// CLI: `npx tsx scripts/mongo-emulator/main.ts --port 27999 [--host 127.0.0.1]`.
// stdout carries exactly one line, `ready <uri>`, so scripts can wait for it.

const Args = z.object({
  port: z
    .string()
    .regex(/^\d+$/, 'expected a port number')
    .transform(Number)
    .pipe(z.number().max(65_535, 'expected a port number up to 65535'))
    .default(27017),
  host: z.string().min(1).default('127.0.0.1'),
});

function fail(message: string): never {
  process.stderr.write(`mongo-emulator: ${message}\n`);
  process.exit(2);
}

function readArgs(): z.infer<typeof Args> {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      options: { port: { type: 'string' }, host: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const parsed = Args.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(`invalid --${issue?.path.join('.') ?? 'argument'}: ${issue?.message ?? 'bad value'}`);
  }
  return parsed.data;
}

const args = readArgs();
const emulator = await startEmulator(args).catch((error: unknown) => {
  process.stderr.write(
    `mongo-emulator: cannot listen: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
process.stdout.write(`ready ${emulator.uri}\n`);

const shutdown = () => {
  emulator.close().then(
    () => process.exit(0),
    (error: unknown) => fail(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`),
  );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);

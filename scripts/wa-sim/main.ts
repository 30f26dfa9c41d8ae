import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startWaSim } from './server.js';

/** `npx tsx scripts/wa-sim/main.ts --port <n> [--redelivery-ms <ms>]`: the WhatsApp stand-in until SIGTERM/SIGINT. */
const { values } = parseArgs({
  options: { port: { type: 'string', default: '0' }, 'redelivery-ms': { type: 'string', default: '5000' } },
});
const port = z.coerce.number().int().min(0).max(65535).parse(values.port);
const redeliveryMs = z.coerce.number().int().min(1).parse(values['redelivery-ms']);
const sim = await startWaSim({ port, redeliveryMs });
process.stdout.write(`ready ${sim.url}\n`);
const shutdown = () => {
  void sim.stop().then(() => process.exit(0));
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

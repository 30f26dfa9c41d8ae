/**
 * Field-encryption cost: sealing, opening and blind-indexing one value, and a message document written
 * and read back through the collection wrapper's transforms (no database).
 *
 *   npx tsx scripts/bench/crypto.ts [--rounds 100000]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { blindIndex, type Keyring, open, seal } from '../../domain/platform/crypto.js';
import { readDocument, storeDocument, storeFilter } from '../../domain/platform/field-encryption.js';
import { PERSONAL_FIELDS_V1 } from '../../domain/platform/migrations/0004-encrypt-personal-fields.migration.js';

const rounds = Number(parseArgs({ options: { rounds: { type: 'string' } } }).values.rounds ?? 100_000);
const ring: Keyring = { dataKeys: [{ id: 'k1', key: randomBytes(32) }], indexKey: randomBytes(32) };
const messageSpec = PERSONAL_FIELDS_V1.messages!;

function measure(name: string, run: (index: number) => unknown): void {
  for (let index = 0; index < Math.min(rounds, 2000); index += 1) run(index); // warm up
  const started = process.hrtime.bigint();
  for (let index = 0; index < rounds; index += 1) run(index);
  const perOpUs = Number(process.hrtime.bigint() - started) / 1000 / rounds;
  console.log(
    `${name}: ${perOpUs.toFixed(2)} µs/op (${Math.round(1_000_000 / perOpUs).toLocaleString('en')} op/s)`,
  );
}

const phone = '+6281234567890';
const sealed = seal(ring, phone);
const message = {
  waId: 'false_6281234567890@c.us_3EB0C767D26A1B2C',
  chatId: '6281234567890@c.us',
  direction: 'in',
  author: 'customer',
  type: 'text',
  body: 'Kak mau pesan 2 buket mawar merah, dikirim besok jam 10 ke Jl. Melati No. 5 Bandung ya, a.n. Rina',
  sentAt: new Date(),
  receivedAt: new Date(),
  processing: { state: 'pending', attempts: 0 },
};
const stored = storeDocument(ring, messageSpec, message);

console.log(`rounds: ${rounds}`);
measure('seal a phone number', () => seal(ring, phone));
measure('open a phone number', () => open(ring, sealed));
measure('blind index of a phone number', (index) => blindIndex(ring, `${phone}${index % 10}`));
measure('message document stored (3 seals, 2 indexes)', () => storeDocument(ring, messageSpec, message));
measure('message document read back (3 opens)', () => readDocument(ring, messageSpec, stored));
measure('filter by chat id rewritten', () =>
  storeFilter(ring, messageSpec, { chatId: message.chatId, sentAt: { $gte: 0 } }),
);

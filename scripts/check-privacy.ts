/**
 * Look through every document of every collection for customers' personal data stored in clear.
 *
 *   MONGODB_URI=mongodb://127.0.0.1:27100 npx tsx scripts/check-privacy.ts [--db <name>]
 *
 * Scans the database MONGODB_URI names, or --db, or else every database on the server but admin, config
 * and local. What counts as a leak: any string (at any depth, field names included) containing
 * - a WhatsApp chat id (`…@c.us`, `…@lid`, `…@g.us`);
 * - an Indonesian mobile number in any form (+62 8…, 62 8…, 08…; spaces and dashes allowed);
 * - a phone number, in any of its four forms (also the bare 8… one), or an address that the database
 *   itself holds for a customer (read decrypted through the models, with this machine's DATA_KEYS).
 * The shop's own settings are exempt from the generic patterns (its phone and bank account are meant to
 * be shown to customers), not from the customers' values.
 *
 * Prints what it scanned, one line per leak, and a summary as the last line. Exit codes: 0 nothing found;
 * 1 leaks found or the scan failed; 2 usage error.
 */
import { parseArgs } from 'node:util';
import type { Connection } from 'mongoose';
import { contactModel } from '../domain/contacts/contact.model.js';
import { parsePhone } from '../domain/contacts/phone.js';
import { type Order, orderModel } from '../domain/orders/order.model.js';
import { loadConfig } from '../domain/platform/config.js';
import { loadDataKeys } from '../domain/platform/data-keys.js';
import { describeError } from '../domain/platform/errors.js';
import { createLogger } from '../domain/platform/logger.js';
import { openConnection, provideMongo } from '../domain/platform/mongo.js';
import { userModel } from '../domain/users/user.model.js';

const USAGE = 'usage: npx tsx scripts/check-privacy.ts [--db <name>]';
let only: string | undefined;
try {
  const { values } = parseArgs({ options: { db: { type: 'string' } }, allowPositionals: false });
  only = values.db;
} catch {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

const CHAT_ID = /\d[\d-]{4,39}@(?:c\.us|lid|g\.us|s\.whatsapp\.net)/;
const MOBILE = /(?<![\w+])(?:\+?62|0)[\s-]?8\d(?:[\s-]?\d){6,10}(?!\w)/;
const SYSTEM_DATABASES = new Set(['admin', 'config', 'local']);
const EXEMPT_FROM_PATTERNS = new Set(['settings']);

/** The four written forms of an Indonesian number: +62 8…, 62 8…, 08…, 8…. */
function phoneForms(e164: string): string[] {
  const national = e164.replace(/^\+62/, '');
  return [e164, e164.slice(1), `0${national}`, national];
}

/** The customers' own values, read decrypted through the models. */
async function knownValues(connection: Connection): Promise<Map<string, string>> {
  const known = new Map<string, string>();
  const addPhone = (value: string | undefined) => {
    const parsed = value ? parsePhone(value) : undefined;
    if (parsed?.ok) for (const form of phoneForms(parsed.phone)) known.set(form, 'phone number');
  };
  for await (const contact of contactModel(connection).find().lean().cursor()) {
    addPhone(contact.phone);
    for (const chatId of [contact.chatId, ...(contact.otherChatIds ?? [])]) {
      known.set(chatId, 'chat id');
      addPhone(chatId.replace(/@.*$/, ''));
    }
    for (const address of contact.addresses ?? [])
      if (address.text.length >= 8) known.set(address.text, 'address');
  }
  for await (const order of orderModel(connection).find({}, { fulfilment: 1 }).lean().cursor()) {
    const { address, recipientPhone } = (order as Pick<Order, 'fulfilment'>).fulfilment ?? {};
    if (address && address.length >= 8) known.set(address, 'address');
    addPhone(recipientPhone);
  }
  for await (const user of userModel(connection).find({}, { whatsapp: 1 }).lean().cursor())
    addPhone(user.whatsapp);
  return known;
}

interface Leak {
  where: string;
  what: string;
}

/** Every string in a document (values and field names), with its path. */
function* strings(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value))
    for (const [index, item] of value.entries()) yield* strings(item, `${path}.${index}`);
  else if (value && typeof value === 'object' && !('_bsontype' in value) && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      yield [`${path}.${key} (field name)`, key];
      yield* strings(item, `${path}.${key}`);
    }
  }
}

function leaksIn(doc: Record<string, unknown>, patterns: boolean, known: Map<string, string>): Leak[] {
  const leaks: Leak[] = [];
  for (const [path, text] of strings(doc, String(doc._id))) {
    if (patterns && CHAT_ID.test(text)) leaks.push({ where: path, what: 'chat id' });
    else if (patterns && MOBILE.test(text)) leaks.push({ where: path, what: 'phone number' });
    else {
      for (const [value, kind] of known) {
        if (text.includes(value)) {
          leaks.push({ where: path, what: kind });
          break;
        }
      }
    }
  }
  return leaks;
}

const print = (line: string) => process.stdout.write(`${line}\n`);
let code = 1;
try {
  const config = loadConfig();
  loadDataKeys(config);
  const log = createLogger({ env: config.env, logLevel: 'error' }, 'check-privacy');
  const mongo = await provideMongo(config, log);
  const admin = await openConnection(mongo.uri);
  try {
    const names = only
      ? [only]
      : /^mongodb(\+srv)?:\/\/[^/]+\/[^?]+/.test(mongo.uri)
        ? [admin.name]
        : (await admin.db!.admin().listDatabases()).databases
            .map((database) => database.name)
            .filter((name) => !SYSTEM_DATABASES.has(name));
    let documents = 0;
    let collections = 0;
    let leaks = 0;
    for (const name of names) {
      const connection = admin.useDb(name, { useCache: true });
      const known = await knownValues(connection);
      const listed = await connection.db!.listCollections({}, { nameOnly: true }).toArray();
      for (const { name: collection } of listed.sort((a, b) => a.name.localeCompare(b.name))) {
        collections += 1;
        let scanned = 0;
        for await (const doc of connection.db!.collection(collection).find()) {
          scanned += 1;
          for (const leak of leaksIn(doc, !EXEMPT_FROM_PATTERNS.has(collection), known)) {
            leaks += 1;
            print(`LEAK ${name}.${collection} ${leak.where}: ${leak.what} in clear`);
          }
        }
        documents += scanned;
        print(`scanned ${name}.${collection}: ${scanned} documents`);
      }
      print(`${name}: ${known.size} customer values checked (phone forms, chat ids, addresses)`);
    }
    print(
      `${leaks === 0 ? 'clean' : 'LEAKS FOUND'}: ${documents} documents in ${collections} collections of ${names.length} database(s), ${leaks} personal values in clear`,
    );
    code = leaks === 0 ? 0 : 1;
  } finally {
    await admin.close();
    await mongo.stop();
  }
} catch (error) {
  process.stderr.write(`check-privacy failed: ${describeError(error)}\n`);
}
process.exit(code);

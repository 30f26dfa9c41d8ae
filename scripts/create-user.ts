/**
 * Create a staff account (owner, manager or admin) with the WhatsApp number its commands and alerts use.
 *
 *   npx tsx scripts/create-user.ts --name "Sari" --login sari --role owner --whatsapp 081234567890
 *   npx tsx scripts/create-user.ts            (asks for what is missing, in a terminal)
 *
 * No password is set here: the console's password flow sets it. --whatsapp may be left out (the user
 * then gets no WhatsApp commands or alerts). The database is MONGODB_URI (from .env or the environment),
 * else the embedded one under DATA_DIR, as the bot uses.
 * Prints one line: the created user on stdout, or the coded failure on stderr.
 * Exit codes: 0 created; 1 refused (USER.INVALID, USER.LOGIN_TAKEN, USER.WHATSAPP_TAKEN) or the
 * database failed; 2 usage error (unknown or missing flags without a terminal to ask in).
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ensureIndexes } from '../domain/models.js';
import { loadConfig } from '../domain/platform/config.js';
import { describeError } from '../domain/platform/errors.js';
import { createLogger } from '../domain/platform/logger.js';
import { openConnection, provideMongo } from '../domain/platform/mongo.js';
import { USER_ROLES } from '../domain/users/user.model.js';
import { createUser } from '../domain/users/user.use-case.js';

const USAGE = `usage: npx tsx scripts/create-user.ts --name <name> --login <login> --role <${USER_ROLES.join('|')}> [--whatsapp <phone>]
Without flags in a terminal it asks for each. No password is set here: set it in the console.`;

const usageError = (message: string): never => {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
};

const FIELDS = ['name', 'login', 'role', 'whatsapp'] as const;
type Field = (typeof FIELDS)[number];

let values: Partial<Record<Field | 'help', string | boolean>> = {};
try {
  ({ values } = parseArgs({
    options: {
      name: { type: 'string' },
      login: { type: 'string' },
      role: { type: 'string' },
      whatsapp: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  }));
} catch (error) {
  usageError(describeError(error));
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const input: Partial<Record<Field, string>> = {};
for (const field of FIELDS) if (typeof values[field] === 'string') input[field] = values[field];

const required: Field[] = ['name', 'login', 'role'];
const missing = required.filter((field) => input[field] === undefined);
if (missing.length > 0) {
  if (!process.stdin.isTTY) usageError(`missing ${missing.map((field) => `--${field}`).join(', ')}`);
  const ask = createInterface({ input: process.stdin, output: process.stdout });
  const prompts: Record<Field, string> = {
    name: 'Name: ',
    login: 'Login: ',
    role: `Role (${USER_ROLES.join('/')}): `,
    whatsapp: 'WhatsApp number (empty for none): ',
  };
  for (const field of FIELDS) {
    if (input[field] !== undefined) continue;
    const answer = (await ask.question(prompts[field])).trim();
    if (answer !== '' || field !== 'whatsapp') input[field] = answer;
  }
  ask.close();
}

const config = loadConfig();
// Only failures are logged: stdout carries the one result line.
const log = createLogger({ env: config.env, logLevel: 'error' }, 'create-user');
let code = 1;
try {
  const mongo = await provideMongo(config, log);
  const connection = await openConnection(mongo.uri);
  try {
    await ensureIndexes(connection);
    const result = await createUser(connection, input, {
      actor: { kind: 'system', name: 'create-user script' },
      at: new Date(),
    });
    if (result.ok) {
      const { user } = result;
      process.stdout.write(
        `created user ${user.login}: ${user.name}, ${user.role}, WhatsApp ${user.whatsapp ?? 'none'} (id ${String(user._id)}); set the password in the console\n`,
      );
      code = 0;
    } else {
      process.stderr.write(`${result.code}: ${result.details}\n`);
    }
  } finally {
    await connection.close();
    await mongo.stop();
  }
} catch (error) {
  process.stderr.write(`create-user failed: ${describeError(error)}\n`);
}
process.exit(code);

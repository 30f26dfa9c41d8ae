/**
 * Create a staff account (owner, manager or admin) with the WhatsApp number its commands and alerts use.
 *
 *   npx tsx scripts/create-user.ts --name "Sari" --login sari --role owner --whatsapp 081234567890
 *   npx tsx scripts/create-user.ts            (asks for what is missing, in a terminal)
 *
 * --password sets the console password (at least 8 characters; asked for in a terminal, or set later in
 * the console). --whatsapp may be left out (the user
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
import { loadDataKeys } from '../domain/platform/data-keys.js';
import { describeError } from '../domain/platform/errors.js';
import { createLogger } from '../domain/platform/logger.js';
import { openConnection, provideMongo } from '../domain/platform/mongo.js';
import { PasswordSchema, setPassword } from '../domain/users/password.use-case.js';
import { USER_ROLES } from '../domain/users/user.model.js';
import { createUser } from '../domain/users/user.use-case.js';

const USAGE = `usage: npx tsx scripts/create-user.ts --name <name> --login <login> --role <${USER_ROLES.join('|')}> [--whatsapp <phone>] [--password <password>]
Without flags in a terminal it asks for each.`;

const usageError = (message: string): never => {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
};

const FIELDS = ['name', 'login', 'role', 'whatsapp'] as const;
type Field = (typeof FIELDS)[number];

let values: Partial<Record<Field | 'password' | 'help', string | boolean>> = {};
try {
  ({ values } = parseArgs({
    options: {
      name: { type: 'string' },
      login: { type: 'string' },
      role: { type: 'string' },
      whatsapp: { type: 'string' },
      password: { type: 'string' },
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
  if (values.password === undefined) {
    const answer = await ask.question('Console password (empty to set it later; at least 8 characters): ');
    if (answer !== '') values.password = answer;
  }
  ask.close();
}
const password = typeof values.password === 'string' ? values.password : undefined;
// Checked before anything is written, so a weak password leaves no user behind.
const strong = password === undefined ? undefined : PasswordSchema.safeParse(password);
if (strong && !strong.success) {
  process.stderr.write(`USER.WEAK_PASSWORD: password ${strong.error.issues[0]?.message}\n`);
  process.exit(1);
}

const config = loadConfig();

loadDataKeys(config);
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
      const context = { actor: { kind: 'system' as const, name: 'create-user script' }, at: new Date() };
      if (password !== undefined) {
        const set = await setPassword(connection, user._id, password, context);
        if (!set.ok) throw new Error(set.details);
      }
      process.stdout.write(
        `created user ${user.login}: ${user.name}, ${user.role}, WhatsApp ${user.whatsapp ?? 'none'} (id ${String(user._id)}); ${password === undefined ? 'no console password yet (--password)' : 'console password set'}\n`,
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

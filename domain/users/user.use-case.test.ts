import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Actor, auditModel } from '../audit/audit.model.js';
import { type PhoneNumber, parsePhone } from '../contacts/phone.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { userModel } from './user.model.js';
import {
  activeStaff,
  alertRecipients,
  type CreateUserInput,
  createUser,
  type StaffUser,
  setUserActive,
  userById,
  userByWhatsApp,
} from './user.use-case.js';

const db = useTestDatabase();
const at = new Date('2026-11-23T03:00:00Z');
const actor: Actor = { kind: 'system', name: 'create-user script' };
const phone = (input: string): PhoneNumber => {
  const result = parsePhone(input);
  if (!result.ok) throw new Error(result.details);
  return result.phone;
};

/** Create a user that must be accepted; `minutes` orders creation times. */
async function user(input: CreateUserInput, minutes = 0): Promise<StaffUser> {
  const result = await createUser(db.connection, input, {
    actor,
    at: new Date(at.getTime() + minutes * 60_000),
  });
  if (!result.ok) throw new Error(result.details);
  return result.user;
}

beforeAll(async () => {
  await userModel(db.connection).init();
});
beforeEach(async () => {
  await Promise.all([userModel(db.connection).deleteMany({}), auditModel(db.connection).deleteMany({})]);
});

describe('createUser', () => {
  it('creates an active user with a lowercase login and an E.164 WhatsApp number, audited', async () => {
    const created = await user({
      name: ' Rina ',
      login: ' Rina.Owner ',
      role: 'owner',
      whatsapp: '0812-3456-7890',
    });
    expect(created).toMatchObject({
      name: 'Rina',
      login: 'rina.owner',
      role: 'owner',
      whatsapp: '+6281234567890',
      active: true,
      createdAt: at,
    });
    expect(created).not.toHaveProperty('passwordHash');
    const entry = await auditModel(db.connection).findOne({ entity: 'user' }).lean();
    expect(entry).toMatchObject({
      action: 'created',
      actor,
      after: { login: 'rina.owner', role: 'owner', whatsapp: '+6281234567890', active: true },
    });
  });

  it('creates users without a WhatsApp number, many of them', async () => {
    await user({ name: 'A', login: 'aaa', role: 'admin' });
    await user({ name: 'B', login: 'bbb', role: 'manager' });
    const stored = await userModel(db.connection).find().lean();
    expect(stored.map((u) => u.whatsapp)).toEqual([undefined, undefined]);
  });

  it('refuses a login that is taken, whatever its case', async () => {
    await user({ name: 'Rina', login: 'rina', role: 'owner' });
    const again = await createUser(
      db.connection,
      { name: 'Rina 2', login: 'RINA', role: 'admin' },
      { actor, at },
    );
    expect(again).toEqual({
      ok: false,
      code: 'USER.LOGIN_TAKEN',
      details: 'the login "rina" is already taken',
    });
  });

  it('refuses a WhatsApp number that is taken, in any form', async () => {
    await user({ name: 'Rina', login: 'rina', role: 'owner', whatsapp: '081234567890' });
    const again = await createUser(
      db.connection,
      { name: 'Dewi', login: 'dewi', role: 'admin', whatsapp: '+62 812-3456-7890' },
      { actor, at },
    );
    expect(again).toEqual({
      ok: false,
      code: 'USER.WHATSAPP_TAKEN',
      details: 'the WhatsApp number +6281234567890 already belongs to another user',
    });
    expect(await userModel(db.connection).countDocuments()).toBe(1);
  });

  it('lets only one of two simultaneous creations with the same login win', async () => {
    const results = await Promise.all(
      ['x', 'y'].map((name) =>
        createUser(db.connection, { name, login: 'same', role: 'admin' }, { actor, at }),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({ code: 'USER.LOGIN_TAKEN' });
  });

  it('explains what is wrong with the input', async () => {
    const result = await createUser(
      db.connection,
      { name: '', login: 'a b', role: 'boss', whatsapp: '12', extra: 1 },
      { actor, at },
    );
    expect(result).toEqual({
      ok: false,
      code: 'USER.INVALID',
      details:
        'name must not be empty; login must be 3–32 letters, digits, ".", "_" or "-", starting with a letter or digit; ' +
        'role must be owner, manager or admin; whatsapp must be a valid phone number (got "12"); unknown field "extra"',
    });
    expect(await createUser(db.connection, 'rina', { actor, at })).toMatchObject({
      code: 'USER.INVALID',
      details: 'must be an object {name, login, role, whatsapp?, active?}',
    });
  });
});

describe('finding staff', () => {
  it('finds the active user behind a WhatsApp number', async () => {
    const dewi = await user({ name: 'Dewi', login: 'dewi', role: 'admin', whatsapp: '6285700000001' });
    expect((await userByWhatsApp(db.connection, phone('085700000001')))?._id).toEqual(dewi._id);
    expect(await userByWhatsApp(db.connection, phone('085700000002'))).toBeNull();
    await setUserActive(db.connection, dewi._id, false, { actor, at });
    expect(await userByWhatsApp(db.connection, phone('085700000001'))).toBeNull();
    expect((await userById(db.connection, dewi._id))?.active).toBe(false);
    expect(await userById(db.connection, 'not-an-id')).toBeNull();
  });

  it('lists active staff oldest first, by role when asked', async () => {
    const owner = await user({ name: 'Rina', login: 'rina', role: 'owner' }, 0);
    const a1 = await user({ name: 'A1', login: 'a1a', role: 'admin' }, 1);
    const gone = await user({ name: 'A2', login: 'a2a', role: 'admin' }, 2);
    const a3 = await user({ name: 'A3', login: 'a3a', role: 'admin' }, 3);
    const manager = await user({ name: 'M', login: 'mmm', role: 'manager' }, 4);
    await setUserActive(db.connection, gone._id, false, { actor, at });
    const ids = (users: StaffUser[]) => users.map((u) => u.login);
    expect(ids(await activeStaff(db.connection))).toEqual([owner, a1, a3, manager].map((u) => u.login));
    expect(ids(await activeStaff(db.connection, ['admin']))).toEqual(['a1a', 'a3a']);
    expect(ids(await activeStaff(db.connection, ['owner', 'manager']))).toEqual(['rina', 'mmm']);
  });

  it('alerts active users with a WhatsApp number, the owner first', async () => {
    await user({ name: 'A1', login: 'a1a', role: 'admin', whatsapp: '085700000001' }, 0);
    await user({ name: 'M', login: 'mmm', role: 'manager', whatsapp: '085700000002' }, 1);
    await user({ name: 'No phone', login: 'nop', role: 'admin' }, 2);
    const off = await user({ name: 'Off', login: 'off', role: 'admin', whatsapp: '085700000003' }, 3);
    await user({ name: 'Rina', login: 'rina', role: 'owner', whatsapp: '081234567890' }, 4);
    await user({ name: 'A4', login: 'a4a', role: 'admin', whatsapp: '085700000004' }, 5);
    await setUserActive(db.connection, off._id, false, { actor, at });
    const recipients = await alertRecipients(db.connection);
    expect(recipients.map((u) => [u.login, u.whatsapp])).toEqual([
      ['rina', '+6281234567890'],
      ['mmm', '+6285700000002'],
      ['a1a', '+6285700000001'],
      ['a4a', '+6285700000004'],
    ]);
  });
});

describe('setUserActive', () => {
  it('audits a real change only, and reports an unknown user', async () => {
    const dewi = await user({ name: 'Dewi', login: 'dewi', role: 'admin' });
    expect(await setUserActive(db.connection, dewi._id, false, { actor, at })).toMatchObject({
      ok: true,
      user: { active: false },
    });
    await setUserActive(db.connection, dewi._id, false, { actor, at });
    expect(await auditModel(db.connection).countDocuments({ action: 'deactivated' })).toBe(1);
    expect(await setUserActive(db.connection, '64b7f0c2a1b2c3d4e5f60718', true, { actor, at })).toMatchObject(
      {
        ok: false,
        code: 'USER.NOT_FOUND',
      },
    );
  });
});

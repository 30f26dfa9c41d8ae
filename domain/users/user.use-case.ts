import { type Connection, isValidObjectId, type Types } from 'mongoose';
import { z } from 'zod';
import type { Actor } from '../audit/audit.model.js';
import { audit } from '../audit/audit.use-case.js';
import { type PhoneNumber, parsePhone } from '../contacts/phone.js';
import { isDuplicateKey } from '../platform/model.js';
import { USER_ROLES, type User, type UserRole, userModel } from './user.model.js';

/** A user as the rest of the product sees it: never the password hash. */
export type StaffUser = Omit<User, 'passwordHash'>;

const WITHOUT_HASH = { passwordHash: 0 } as const;

export const CreateUserSchema = z.strictObject(
  {
    name: z
      .string({ error: 'must be text' })
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(80, { error: 'must be at most 80 characters' }),
    login: z
      .string({ error: 'must be text' })
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, {
        error: 'must be 3–32 letters, digits, ".", "_" or "-", starting with a letter or digit',
      }),
    role: z.enum(USER_ROLES, { error: 'must be owner, manager or admin' }),
    whatsapp: z
      .string({ error: 'must be a phone number' })
      .transform((value, ctx) => {
        const parsed = parsePhone(value);
        if (parsed.ok) return parsed.phone;
        ctx.addIssue({ code: 'custom', message: `must be a valid phone number (got "${value}")` });
        return z.NEVER;
      })
      .optional(),
    active: z.boolean({ error: 'must be true or false' }).optional(),
  },
  {
    error: (issue) =>
      issue.code === 'invalid_type'
        ? 'must be an object {name, login, role, whatsapp?, active?}'
        : issue.code === 'unrecognized_keys'
          ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`
          : undefined,
  },
);
export type CreateUserInput = z.input<typeof CreateUserSchema>;

export type CreateUserResult =
  | { ok: true; user: StaffUser }
  | { ok: false; code: 'USER.INVALID'; details: string }
  | { ok: false; code: 'USER.LOGIN_TAKEN'; details: string }
  | { ok: false; code: 'USER.WHATSAPP_TAKEN'; details: string };

/** Which unique key a duplicate-key error hit, from the server's `keyPattern` (or its message). */
function duplicateField(error: unknown): 'login' | 'whatsapp' | undefined {
  const { keyPattern, message } = error as { keyPattern?: Record<string, unknown>; message?: string };
  if (keyPattern) return 'whatsapp' in keyPattern ? 'whatsapp' : 'login' in keyPattern ? 'login' : undefined;
  return message?.includes('whatsapp') ? 'whatsapp' : message?.includes('login') ? 'login' : undefined;
}

/**
 * Create a staff account (no password: the console's password flow sets it). Validated with zod; the
 * WhatsApp number accepts any Indonesian form and is stored in E.164. A login or number that is
 * already someone's is refused by the unique indexes, so two simultaneous creations cannot both win.
 */
export async function createUser(
  connection: Connection,
  input: unknown,
  ctx: { actor: Actor; at: Date },
): Promise<CreateUserResult> {
  const parsed = CreateUserSchema.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues
      .map((issue) => `${issue.path.length > 0 ? `${issue.path.join('.')} ` : ''}${issue.message}`)
      .join('; ');
    return { ok: false, code: 'USER.INVALID', details };
  }
  const { whatsapp, active, ...rest } = parsed.data;
  try {
    const created = await userModel(connection).create({
      ...rest,
      ...(whatsapp && { whatsapp }),
      active: active ?? true,
      createdAt: ctx.at,
    });
    const { passwordHash: _hash, ...user } = created.toObject();
    await audit(
      connection,
      {
        entity: 'user',
        entityId: user._id,
        action: 'created',
        actor: ctx.actor,
        after: {
          name: user.name,
          login: user.login,
          role: user.role,
          ...(user.whatsapp && { whatsapp: user.whatsapp }),
          active: user.active,
        },
      },
      ctx.at,
    );
    return { ok: true, user };
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const field = duplicateField(error);
    if (field === 'whatsapp')
      return {
        ok: false,
        code: 'USER.WHATSAPP_TAKEN',
        details: `the WhatsApp number ${whatsapp} already belongs to another user`,
      };
    if (field === 'login')
      return { ok: false, code: 'USER.LOGIN_TAKEN', details: `the login "${rest.login}" is already taken` };
    throw error;
  }
}

/** The active user who owns this WhatsApp number: the gate for admin commands. Inactive users get null. */
export async function userByWhatsApp(connection: Connection, phone: PhoneNumber): Promise<StaffUser | null> {
  return userModel(connection).findOne({ whatsapp: phone, active: true }, WITHOUT_HASH).lean<StaffUser>();
}

/** A user by id, active or not (for showing who did something). */
export async function userById(
  connection: Connection,
  id: Types.ObjectId | string,
): Promise<StaffUser | null> {
  if (!isValidObjectId(id)) return null;
  return userModel(connection).findById(id, WITHOUT_HASH).lean<StaffUser>();
}

/** Active users, oldest first, optionally only those with one of `roles`. */
export async function activeStaff(connection: Connection, roles?: readonly UserRole[]): Promise<StaffUser[]> {
  return userModel(connection)
    .find({ active: true, ...(roles && { role: { $in: roles } }) }, WITHOUT_HASH)
    .sort({ createdAt: 1, _id: 1 })
    .lean<StaffUser[]>();
}

const ROLE_ORDER: Record<UserRole, number> = { owner: 0, manager: 1, admin: 2 };

/** Who receives admin alerts: active users with a WhatsApp number, the owner first, then managers, then admins. */
export async function alertRecipients(connection: Connection): Promise<(StaffUser & { whatsapp: string })[]> {
  const users = await userModel(connection)
    .find({ active: true, whatsapp: { $type: 'string' } }, WITHOUT_HASH)
    .sort({ createdAt: 1, _id: 1 })
    .lean<(StaffUser & { whatsapp: string })[]>();
  // Array#sort is stable: within a role, the oldest account stays first.
  return users.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
}

export type SetActiveResult =
  | { ok: true; user: StaffUser }
  | { ok: false; code: 'USER.NOT_FOUND'; details: string };

/** Switch an account on or off (a departed admin keeps their history but loses commands, alerts and leads). */
export async function setUserActive(
  connection: Connection,
  userId: Types.ObjectId | string,
  active: boolean,
  ctx: { actor: Actor; at: Date },
): Promise<SetActiveResult> {
  const missing = {
    ok: false,
    code: 'USER.NOT_FOUND',
    details: `no user with id ${String(userId)}`,
  } as const;
  if (!isValidObjectId(userId)) return missing;
  const before = await userModel(connection)
    .findOneAndUpdate(
      { _id: userId },
      { $set: { active } },
      { returnDocument: 'before', projection: WITHOUT_HASH },
    )
    .lean<StaffUser>();
  if (!before) return missing;
  if (before.active !== active) {
    await audit(
      connection,
      {
        entity: 'user',
        entityId: before._id,
        action: active ? 'activated' : 'deactivated',
        actor: ctx.actor,
        before: { active: before.active },
        after: { active },
      },
      ctx.at,
    );
  }
  return { ok: true, user: { ...before, active } };
}

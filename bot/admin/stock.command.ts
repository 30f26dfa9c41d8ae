import { z } from 'zod';
import { adjustStock, findStockItem, stockList } from '../../domain/materials/material.use-case.js';
import { USER_ROLES } from '../../domain/users/user.model.js';
import { problem } from './args.js';
import { type CommandEnv, defineCommand } from './command.js';
import { failureText } from './errors.js';

/** "+10", "-2", "+1,5": a signed change of stock. */
const DELTA = /^([+-])(\d+(?:[.,]\d+)?)$/;

const line = (
  { t }: CommandEnv,
  item: { name: string; code: string; stock: number; unit: string },
  warning = '',
) =>
  t('admin.stock.line', {
    name: item.name,
    code: item.code,
    stock: item.stock,
    unit: item.unit,
    low: warning,
  });

export const stockCommand = defineCommand({
  name: 'stock',
  aliases: ['stok', 'bahan'],
  roles: USER_ROLES,
  help: 'admin.help.stock',
  usage: 'admin.usage.stock',
  args: () =>
    z.string().transform((raw, ctx) => {
      const tokens = raw.trim().split(/\s+/).filter(Boolean);
      const last = tokens.at(-1);
      const delta = last ? DELTA.exec(last) : null;
      if (delta) {
        const item = tokens.slice(0, -1).join(' ');
        if (!item) return problem(ctx, 'admin.arg.missing', { label: 'admin.label.text' });
        const value = Number(delta[2]!.replace(',', '.')) * (delta[1] === '-' ? -1 : 1);
        if (value === 0) return problem(ctx, 'admin.arg.bad_qty', { got: last! });
        return { item, delta: value };
      }
      if (last && /^[+-]/.test(last)) return problem(ctx, 'admin.arg.bad_qty', { got: last });
      return { item: tokens.join(' '), delta: undefined };
    }),
  async run(env, { item, delta }) {
    const { connection, t, actor, now } = env;
    if (delta !== undefined) {
      const result = await adjustStock(
        connection,
        { item, delta, reason: 'WhatsApp: stock', requestKey: `wa:${env.message.id}` },
        { actor, at: now },
      );
      if (!result.ok) return failureText(t, result, { item });
      return t('admin.stock.adjusted', {
        name: result.name,
        before: result.before,
        after: result.after,
        unit: result.unit ?? '',
        delta: delta > 0 ? `+${delta}` : String(delta),
      });
    }
    if (item) {
      const found = await findStockItem(connection, item);
      if (!found) return failureText(t, { ok: false, code: 'STOCK.NOT_FOUND', details: '', item });
      return found.kind === 'material'
        ? line(env, found.material)
        : line(env, {
            name: found.product.name,
            code: found.product.sku,
            stock: found.product.stock ?? 0,
            unit: '',
          });
    }
    const { materials, products } = await stockList(connection);
    if (materials.length + products.length === 0) return t('admin.stock.empty');
    return [
      t('admin.stock.header'),
      ...materials.map((material) =>
        line(
          env,
          material,
          material.stock < material.minStock ? t('admin.stock.low', { min: material.minStock }) : '',
        ),
      ),
      ...products.map((product) =>
        line(env, { name: product.name, code: product.sku, stock: product.stock ?? 0, unit: '' }),
      ),
      t('admin.stock.footer'),
    ].join('\n');
  },
});

import type { Connection } from 'mongoose';
import { type Product, productModel } from '../catalog/product.model.js';
import type { OrderKind } from '../orders/order.model.js';
import { orderModel } from '../orders/order.model.js';
import {
  change,
  previousRange,
  type ReportRangeInput,
  ratio,
  resolveReportRange,
} from './report-range.rules.js';
import { earnedOrdersStages } from './revenue.rules.js';

/** Quantity and sales of one period. */
export interface Sales {
  quantity: number;
  /** Integer rupiah: line subtotals (catalog) or the agreed price (custom). */
  revenue: number;
}

interface Compared extends Sales {
  /** revenue ÷ the range's total revenue, four decimals; null when nothing sold. */
  share: number | null;
  previous: Sales;
  /** Revenue change from the previous period, four decimals (0.25 = +25 %); null when it sold nothing then. */
  change: number | null;
}

export interface ProductSalesRow extends Compared {
  /** The catalog SKU; null for a custom-order row. */
  sku: string | null;
  kind: OrderKind;
  /** The product's catalog name (else the name on the order); a custom row's category. */
  name: string;
  /** The product's catalog category, the custom order's category ("custom" when none); null when uncategorised. */
  category: string | null;
}

export interface CategorySalesRow extends Compared {
  category: string | null;
}

export interface ProductSalesReport {
  from: string;
  to: string;
  /** The period compared with: as many days, just before `from`. */
  previous: { from: string; to: string };
  /** Highest revenue first (then previous revenue, then name); products sold only before are listed too. */
  products: ProductSalesRow[];
  categories: CategorySalesRow[];
  total: Omit<Compared, 'share'>;
}

export type ProductSalesResult =
  | { ok: true; report: ProductSalesReport }
  | Extract<ReturnType<typeof resolveReportRange>, { ok: false }>;

/** What the pipeline hands back: one group per period × product (catalog) or category (custom). */
interface Group {
  _id: { current: boolean; kind: OrderKind; sku?: string | null; category?: string | null };
  quantity: number;
  revenue: number;
  name?: string | null;
}

/** The category custom orders without one go under. */
export const CUSTOM_CATEGORY = 'custom';

/**
 * Sales per product and per category of the orders completed in the range (counted when completed, as
 * revenue is — completedAt, else creation), whatever their payment status except refunded; compared
 * with the same number of days just before. Catalog orders count their lines (quantity, line subtotal
 * at the order's prices), under the product's current catalog category; an order-level discount or
 * shipping fee is not spread over the lines, so these sums can differ from order totals. A custom order
 * counts as quantity 1 and its subtotal (the agreed price), under custom.category or "custom".
 */
export async function productSalesReport(
  connection: Connection,
  input: ReportRangeInput,
): Promise<ProductSalesResult> {
  const resolved = resolveReportRange(input);
  if (!resolved.ok) return resolved;
  const { range } = resolved;
  const before = previousRange(range, input.timeZone);
  const groups = await orderModel(connection).aggregate<Group>([
    ...earnedOrdersStages(range, input.now, {
      since: before.start,
      match: { paymentStatus: { $ne: 'refunded' } },
    }),
    {
      $project: {
        current: { $gte: ['$earnedAt', range.start] },
        kind: 1,
        items: 1,
        subtotal: 1,
        category: '$custom.category',
      },
    },
    // A custom order has no lines: it stays, once, with its own subtotal.
    { $unwind: { path: '$items', preserveNullAndEmptyArrays: true } },
    {
      $group: {
        _id: { current: '$current', kind: '$kind', sku: '$items.sku', category: '$category' },
        quantity: { $sum: { $ifNull: ['$items.qty', 1] } },
        revenue: { $sum: { $ifNull: ['$items.subtotal', '$subtotal'] } },
        name: { $max: '$items.name' },
      },
    },
  ]);

  const skus = [
    ...new Set(
      groups.flatMap((group) => (group._id.kind === 'catalog' && group._id.sku ? [group._id.sku] : [])),
    ),
  ];
  const catalog = new Map(
    (
      await productModel(connection)
        .find({ sku: { $in: skus } }, { sku: 1, name: 1, category: 1, _id: 0 })
        .lean<Pick<Product, 'sku' | 'name' | 'category'>[]>()
    ).map((product) => [product.sku, product]),
  );

  const empty = (): Sales & { previous: Sales } => ({
    quantity: 0,
    revenue: 0,
    previous: { quantity: 0, revenue: 0 },
  });
  const products = new Map<string, Omit<ProductSalesRow, 'share' | 'change'>>();
  const categories = new Map<string | null, Omit<CategorySalesRow, 'share' | 'change'>>();
  const total = empty();
  for (const group of groups) {
    const { kind, current } = group._id;
    // A catalog order whose lines were all removed leaves an empty line: nothing was sold on it.
    if (kind === 'catalog' && !group._id.sku) continue;
    const product = kind === 'catalog' ? catalog.get(group._id.sku!) : undefined;
    const category =
      kind === 'custom' ? (group._id.category ?? CUSTOM_CATEGORY) : (product?.category ?? null);
    const key = kind === 'custom' ? `custom:${category}` : `catalog:${group._id.sku}`;
    const row = products.get(key) ?? {
      sku: kind === 'custom' ? null : group._id.sku!,
      kind,
      name: kind === 'custom' ? category! : (product?.name ?? group.name ?? group._id.sku!),
      category,
      ...empty(),
    };
    const byCategory = categories.get(category) ?? { category, ...empty() };
    for (const sales of [row, byCategory, total]) {
      const into = current ? sales : sales.previous;
      into.quantity += group.quantity;
      into.revenue += group.revenue;
    }
    products.set(key, row);
    categories.set(category, byCategory);
  }

  const compared = <T extends Sales & { previous: Sales }>(row: T) => ({
    ...row,
    share: ratio(row.revenue, total.revenue),
    change: change(row.revenue, row.previous.revenue),
  });
  const order = (
    a: Sales & { previous: Sales },
    b: Sales & { previous: Sales },
    nameA: string,
    nameB: string,
  ) =>
    b.revenue - a.revenue ||
    b.previous.revenue - a.previous.revenue ||
    (nameA < nameB ? -1 : nameA > nameB ? 1 : 0);
  return {
    ok: true,
    report: {
      from: range.from,
      to: range.to,
      previous: { from: before.from, to: before.to },
      products: [...products.values()].map(compared).sort((a, b) => order(a, b, a.name, b.name)),
      categories: [...categories.values()]
        .map(compared)
        .sort((a, b) => order(a, b, a.category ?? '', b.category ?? '')),
      total: { ...total, change: change(total.revenue, total.previous.revenue) },
    },
  };
}

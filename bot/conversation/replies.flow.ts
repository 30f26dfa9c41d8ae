import type { Product } from '../../domain/catalog/product.model.js';
import { shortDescription } from '../../domain/catalog/product.rules.js';
import { formatRupiah } from '../../domain/i18n/messages.js';
import { say, type Turn, text } from './turn.js';

const example = (turn: Turn): string => turn.catalog[0]?.name.toLowerCase() ?? 'produk';

/** "Halo kak" → a greeting that says how to order. */
export async function greet(turn: Turn): Promise<void> {
  const name = turn.contact.name ?? turn.contact.pushName;
  const salutation = name ? (turn.settings.locale === 'id' ? ` kak ${name}` : ` ${name}`) : '';
  await say(turn, 'greeting', { name: salutation, shop: turn.settings.shopName, example: example(turn) });
}

const MAX_LINES = 40;

/** The product's description, short, after `separator`; nothing when it has none. */
const described = (product: Product, separator: string): string => {
  const description = shortDescription(product.description);
  return description ? `${separator}${description}` : '';
};

/** "katalog", "pricelist", "ada apa aja": the active products with prices. */
export async function showCatalog(turn: Turn): Promise<void> {
  if (turn.catalog.length === 0) return say(turn, 'catalog.empty');
  const lines = turn.catalog
    .slice(0, MAX_LINES)
    .map(
      (product) =>
        text(turn, 'catalog.line', { name: product.name, price: formatRupiah(product.price) }) +
        described(product, ' · '),
    );
  await turn.context.reply(
    [
      text(turn, 'catalog.header', { shop: turn.settings.shopName }),
      ...lines,
      '',
      text(turn, 'catalog.footer', { example: example(turn) }),
    ].join('\n'),
  );
}

/** "harga buket mawar?": the price of each product named, or the catalog when none is. */
export async function showPrices(turn: Turn): Promise<void> {
  const products = turn.parsed.items
    .map((item) => turn.catalog.find((product) => product.sku === item.product))
    .filter((product) => product !== undefined);
  if (products.length === 0) return turn.catalog.length > 0 ? showCatalog(turn) : say(turn, 'price.unknown');
  await turn.context.reply(
    products
      .map(
        (product) =>
          text(turn, 'price.line', { name: product.name, price: formatRupiah(product.price) }) +
          described(product, '\n'),
      )
      .join('\n'),
  );
}

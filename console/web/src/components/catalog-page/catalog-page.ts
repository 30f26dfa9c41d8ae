import { html, nothing } from 'lit';
import { api, get, post } from '../../api.js';
import { rupiah, t } from '../../i18n.js';
import { PageElement } from '../../page.js';

interface Product {
  sku: string;
  name: string;
  price: number;
  aliases: string[];
  category?: string | null;
  stock?: number | null;
  active: boolean;
}
interface Material {
  code: string;
  name: string;
  unit: string;
  stock: number;
  minStock: number;
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
const list = (value: string) =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

/**
 * `<catalog-page>`: products (price, other names the bot understands, category, stock, active) and
 * materials with their stock. Owners and managers add and change them; admins read.
 * Properties: `session`, `locale`.
 */
export class CatalogPage extends PageElement {
  static override properties = { products: { state: true }, materials: { state: true } };

  declare private products: Product[] | null;
  declare private materials: Material[] | null;

  constructor() {
    super();
    this.products = null;
    this.materials = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.watch<{ products: Product[] }>('/api/products', (data) => {
      this.products = data.products;
    });
    this.watch<{ materials: Material[] }>('/api/materials', (data) => {
      this.materials = data.materials;
    });
  }

  private get manages(): boolean {
    return this.userRole === 'owner' || this.userRole === 'manager';
  }

  private async reload(): Promise<void> {
    const [products, stock] = await Promise.all([
      get<{ products: Product[] }>('/api/products'),
      get<{ materials: Material[] }>('/api/materials'),
    ]);
    this.products = products.products;
    this.materials = stock.materials;
  }

  private async addProduct(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    const category = text(form, 'category');
    const body = {
      sku: text(form, 'sku'),
      name: text(form, 'name'),
      price: Number(text(form, 'price')),
      aliases: list(text(form, 'aliases')),
      ...(category && { category }),
    };
    if (await this.act(() => post('/api/products', body))) {
      formElement.reset();
      await this.reload();
    }
  }

  private async saveProduct(event: SubmitEvent, sku: string): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const patch = {
      price: Number(text(form, 'price')),
      aliases: list(text(form, 'aliases')),
      active: form.get('active') === 'on',
    };
    if (await this.act(() => api('PATCH', `/api/products/${encodeURIComponent(sku)}`, patch)))
      await this.reload();
  }

  private async addMaterial(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    const body = {
      code: text(form, 'code'),
      name: text(form, 'name'),
      unit: text(form, 'unit'),
      stock: Number(text(form, 'stock') || 0),
      minStock: Number(text(form, 'minStock') || 0),
    };
    if (await this.act(() => post('/api/materials', body))) {
      formElement.reset();
      await this.reload();
    }
  }

  private async adjust(event: SubmitEvent, item: string): Promise<void> {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    const reason = text(form, 'reason');
    const body = {
      item,
      delta: Number(text(form, 'delta')),
      requestId: crypto.randomUUID(),
      ...(reason && { reason }),
    };
    if (await this.act(() => post('/api/stock/adjust', body))) {
      formElement.reset();
      await this.reload();
    }
  }

  override render() {
    return html`<h1>${t('nav.catalog')}</h1>
      ${this.status()}
      <div class="spread"><h2>${t('catalog.products')}</h2>${this.exportLink('products')}</div>
      ${this.productTable()}
      ${
        this.manages
          ? html`<form class="toolbar card" style="margin-top:0.75rem" @submit=${this.addProduct}>
              <strong>${t('catalog.newProduct')}</strong>
              <label>${t('catalog.sku')}<input name="sku" required maxlength="60" size="10" /></label>
              <label>${t('catalog.name')}<input name="name" required maxlength="120" /></label>
              <label>${t('catalog.price')}<input name="price" type="number" min="0" step="500" required /></label>
              <label>${t('catalog.category')}<input name="category" maxlength="60" size="12" /></label>
              <label>${t('catalog.aliases')}<input name="aliases" size="24" /></label>
              <button class="primary" type="submit">${t('common.add')}</button>
            </form>`
          : nothing
      }
      <div class="spread"><h2>${t('catalog.materials')}</h2>${this.exportLink('materials')}</div>
      ${this.materialTable()}
      ${
        this.manages
          ? html`<form class="toolbar card" style="margin-top:0.75rem" @submit=${this.addMaterial}>
              <strong>${t('catalog.newMaterial')}</strong>
              <label>${t('catalog.sku')}<input name="code" required maxlength="60" size="12" /></label>
              <label>${t('catalog.name')}<input name="name" required maxlength="120" /></label>
              <label>${t('catalog.unit')}<input name="unit" required maxlength="20" size="6" /></label>
              <label>${t('catalog.stock')}<input name="stock" type="number" min="0" step="any" size="6" /></label>
              <label>${t('catalog.minimum')}<input name="minStock" type="number" min="0" step="any" size="6" /></label>
              <button class="primary" type="submit">${t('common.add')}</button>
            </form>`
          : nothing
      }`;
  }

  private productTable() {
    if (!this.products) return html`<p class="muted">${t('common.loading')}</p>`;
    return html`<div class="table-wrap"><table>
      <thead><tr>
        <th>${t('catalog.sku')}</th><th>${t('catalog.name')}</th><th>${t('catalog.category')}</th>
        <th class="num">${t('catalog.price')}</th><th>${t('catalog.aliases')}</th><th>${t('catalog.stock')}</th><th>${t('catalog.active')}</th>
      </tr></thead>
      <tbody>
        ${this.products.map(
          (product) => html`<tr data-sku=${product.sku}>
            <td>${product.sku}</td><td>${product.name}</td><td>${product.category ?? '—'}</td>
            ${
              this.manages
                ? html`<td colspan="4"><form class="row" @submit=${(event: SubmitEvent) => this.saveProduct(event, product.sku)}>
                    <input name="price" type="number" min="0" step="500" size="8" .value=${String(product.price)} aria-label=${t('catalog.price')} />
                    <input name="aliases" size="24" .value=${product.aliases.join(', ')} aria-label=${t('catalog.aliases')} />
                    <span>${product.stock ?? t('catalog.madeToOrder')}</span>
                    <input name="active" type="checkbox" .checked=${product.active} aria-label=${t('catalog.active')} />
                    <button type="submit">${t('common.save')}</button>
                  </form></td>`
                : html`<td class="num">${rupiah(product.price)}</td><td>${product.aliases.join(', ')}</td>
                    <td>${product.stock ?? t('catalog.madeToOrder')}</td><td>${product.active ? '✓' : '—'}</td>`
            }
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }

  private materialTable() {
    if (!this.materials) return html`<p class="muted">${t('common.loading')}</p>`;
    return html`<div class="table-wrap"><table>
      <thead><tr>
        <th>${t('catalog.sku')}</th><th>${t('catalog.name')}</th><th class="num">${t('catalog.stock')}</th>
        <th class="num">${t('catalog.minimum')}</th>${this.manages ? html`<th>${t('catalog.adjust')}</th>` : nothing}
      </tr></thead>
      <tbody>
        ${this.materials.map(
          (material) => html`<tr data-material=${material.code}>
            <td>${material.code}</td><td>${material.name}</td>
            <td class="num">${material.stock} ${material.unit}
              ${material.stock < material.minStock ? html`<span class="badge cancelled">${t('catalog.low')}</span>` : nothing}</td>
            <td class="num">${material.minStock} ${material.unit}</td>
            ${
              this.manages
                ? html`<td><form class="row" @submit=${(event: SubmitEvent) => this.adjust(event, material.code)}>
                    <input name="delta" type="number" step="any" required size="6" aria-label=${t('catalog.delta')} placeholder="±" />
                    <input name="reason" maxlength="200" aria-label=${t('catalog.reason')} placeholder=${t('catalog.reason')} />
                    <button type="submit">${t('common.save')}</button>
                  </form></td>`
                : nothing
            }
          </tr>`,
        )}
        ${this.materials.length === 0 ? html`<tr><td colspan="5" class="muted">${t('common.none')}</td></tr>` : nothing}
      </tbody>
    </table></div>`;
  }
}

customElements.define('catalog-page', CatalogPage);

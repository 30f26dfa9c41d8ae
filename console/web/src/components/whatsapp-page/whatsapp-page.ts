import { css, html, nothing } from 'lit';
import { label, t } from '../../i18n.js';
import { PageElement } from '../../page.js';
import { theme } from '../../theme.js';

interface Status {
  state: string;
  detail: string | null;
  qrImage: string | null;
  updatedAt: string | null;
}

/**
 * `<whatsapp-page>`: the shop's WhatsApp session: its state and, while the bot waits for one, the QR
 * code to scan with the shop's phone (refreshed every few seconds, as WhatsApp rotates it).
 * Properties: `session`, `locale`.
 */
export class WhatsappPage extends PageElement {
  static override properties = { data: { state: true } };
  static override styles = [
    theme,
    css`img { width: 264px; height: 264px; image-rendering: pixelated; background: #fff; }`,
  ];

  declare private data: Status | null;

  constructor() {
    super();
    this.data = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.watch<Status>('/api/whatsapp', (data) => {
      this.data = data;
    });
  }

  override render() {
    const data = this.data;
    return html`<h1>${t('nav.whatsapp')}</h1>
      ${this.status()}
      ${
        !data
          ? html`<p class="muted">${t('common.loading')}</p>`
          : html`<div class="card">
              <p>${t('whatsapp.state')}: <strong data-state=${data.state}>${label('wa', data.state)}</strong>
                ${data.detail ? html`<span class="muted">(${data.detail})</span>` : nothing}</p>
              ${data.updatedAt ? html`<p class="muted">${t('whatsapp.updated', { at: this.when(data.updatedAt) })}</p>` : nothing}
              ${
                data.qrImage
                  ? html`<p>${t('whatsapp.scan')}</p><img alt="QR" src=${data.qrImage} />`
                  : html`<p class="muted">${t('whatsapp.noQr')}</p>`
              }
            </div>`
      }`;
  }
}

customElements.define('whatsapp-page', WhatsappPage);

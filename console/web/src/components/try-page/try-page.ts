import { css, html } from 'lit';
import { get, post } from '../../api.js';
import { t } from '../../i18n.js';
import { PageElement, type ThreadMessage } from '../../page.js';
import { theme } from '../../theme.js';

interface Trial {
  available: boolean;
  messages: ThreadMessage[];
}

/**
 * `<try-page>`: chat with the bot as a customer would, in a test chat of one's own, while the bot runs
 * on the simulator (demo machines). On the real WhatsApp the page says so and sends nothing.
 * Properties: `session`, `locale`.
 */
export class TryPage extends PageElement {
  static override properties = { data: { state: true } };
  static override styles = [theme, css`.thread { max-height: 60vh; min-height: 16rem; }`];

  declare private data: Trial | null;

  constructor() {
    super();
    this.data = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.watch<Trial>(
      '/api/try-bot',
      (data) => {
        this.data = data;
      },
      2_000,
    );
  }

  private async send(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const text = String(new FormData(formElement).get('text') ?? '').trim();
    if (!text) return;
    if (await this.act(() => post('/api/try-bot', { text }), '')) {
      formElement.reset();
      this.data = await get<Trial>('/api/try-bot');
    }
  }

  override render() {
    const data = this.data;
    return html`<h1>${t('nav.try')}</h1>
      <p class="muted">${t('try.intro')}</p>
      ${this.status()}
      ${
        !data
          ? html`<p class="muted">${t('common.loading')}</p>`
          : !data.available
            ? html`<p class="card" role="note">${t('try.unavailable')}</p>`
            : html`<div class="card">
                ${this.thread(data.messages)}
                <form class="row" style="margin-top:0.5rem" @submit=${this.send}>
                  <input name="text" required maxlength="4000" style="flex:1" placeholder=${t('try.placeholder')} aria-label=${t('try.placeholder')} autocomplete="off" />
                  <button class="primary" type="submit">${t('order.send')}</button>
                </form>
              </div>`
      }`;
  }
}

customElements.define('try-page', TryPage);

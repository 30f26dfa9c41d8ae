import { css, html, LitElement } from 'lit';
import { type MessageKey, t } from '../i18n.js';

/**
 * `<pesanin-app>`: the console shell. For now it shows whether the server and database are up.
 * Properties: none. Events: none. Parts: `status`.
 */
export class PesaninApp extends LitElement {
  static override properties = { status: { state: true } };
  static override styles = css`
    :host { display: block; font-family: system-ui, sans-serif; padding: 1.5rem; }
  `;

  declare private status: MessageKey;

  constructor() {
    super();
    this.status = 'checking';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.check();
  }

  private async check(): Promise<void> {
    try {
      const response = await fetch('/api/health');
      this.status = response.ok ? 'healthy' : 'degraded';
    } catch {
      // A failed fetch is the state we show, not an error to raise.
      this.status = 'unreachable';
    }
  }

  override render() {
    return html`<h1>${t('title')}</h1><p part="status">${t(this.status)}</p>`;
  }
}

customElements.define('pesanin-app', PesaninApp);

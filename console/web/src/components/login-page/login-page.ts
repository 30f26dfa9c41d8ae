import { css, html, LitElement, nothing } from 'lit';
import { ApiError, post, useCsrfToken } from '../../api.js';
import { type Locale, t } from '../../i18n.js';
import type { Session } from '../../page.js';
import { theme } from '../../theme.js';

/**
 * `<login-page>`: sign in with login and password.
 * Properties: `locale` (re-renders on a language switch).
 * Events: `pesanin-signed-in` (detail: Session), `pesanin-language` (switch the language).
 */
export class LoginPage extends LitElement {
  static override properties = { locale: {}, failure: { state: true }, busy: { state: true } };
  static override styles = [
    theme,
    css`
      :host { display: grid; place-items: center; min-height: 100vh; background: var(--navy); }
      .card { width: min(24rem, 90vw); border-top: 6px solid var(--yellow); }
      h1 { color: var(--navy); }
      button.primary { width: 100%; padding: 0.6rem; }
      .lang { all: unset; cursor: pointer; color: var(--muted); font-size: 0.85rem; margin-top: 0.75rem; }
    `,
  ];

  declare locale: Locale;
  declare private failure: string;
  declare private busy: boolean;

  constructor() {
    super();
    this.failure = '';
    this.busy = false;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.failure = '';
    try {
      const session = await post<Session>('/api/session', {
        login: String(form.get('login') ?? ''),
        password: String(form.get('password') ?? ''),
      });
      useCsrfToken(session.csrfToken);
      this.dispatchEvent(
        new CustomEvent<Session>('pesanin-signed-in', { detail: session, bubbles: true, composed: true }),
      );
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.failure =
        error.code === 'AUTH.LOCKED'
          ? t('login.locked')
          : error.status === 429
            ? t('login.slow')
            : t('login.failed');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<form class="card stack" @submit=${this.submit}>
      <h1>${t('login.heading')}</h1>
      <label>${t('login.login')}<input name="login" autocomplete="username" required autofocus /></label>
      <label>${t('login.password')}<input name="password" type="password" autocomplete="current-password" required /></label>
      ${this.failure ? html`<p class="error" role="alert">${this.failure}</p>` : nothing}
      <button class="primary" type="submit" ?disabled=${this.busy}>${t('login.submit')}</button>
      <button class="lang" type="button" @click=${() => this.dispatchEvent(new CustomEvent('pesanin-language', { bubbles: true, composed: true }))}>
        ${t('shell.language')}
      </button>
    </form>`;
  }
}

customElements.define('login-page', LoginPage);

import { css, html, LitElement } from 'lit';
import { ApiError, api, get, poll, SIGNED_OUT_EVENT, useCsrfToken } from '../../api.js';
import { dateTime, type Locale, label, type MessageKey, setLocale, t } from '../../i18n.js';
import { navigate, type Role, type Session } from '../../page.js';
import { theme } from '../../theme.js';
import '../login-page/login-page.js';
import '../dashboard-page/dashboard-page.js';
import '../inbox-page/inbox-page.js';
import '../chat-page/chat-page.js';
import '../imports-page/imports-page.js';
import '../orders-page/orders-page.js';
import '../order-page/order-page.js';
import '../new-order-page/new-order-page.js';
import '../leads-page/leads-page.js';
import '../lead-page/lead-page.js';
import '../tasks-page/tasks-page.js';
import '../contacts-page/contacts-page.js';
import '../contact-page/contact-page.js';
import '../catalog-page/catalog-page.js';
import '../whatsapp-page/whatsapp-page.js';
import '../settings-page/settings-page.js';
import '../activity-page/activity-page.js';
import '../try-page/try-page.js';

/** The sidebar: path, label and who may open it (the server enforces the same roles). */
const NAV: readonly { path: string; label: MessageKey; icon: string; roles?: readonly Role[] }[] = [
  { path: '/', label: 'nav.dashboard', icon: '▦' },
  { path: '/inbox', label: 'nav.inbox', icon: '✉' },
  { path: '/orders', label: 'nav.orders', icon: '≡' },
  { path: '/leads', label: 'nav.leads', icon: '◎' },
  { path: '/tasks', label: 'nav.tasks', icon: '✓' },
  { path: '/contacts', label: 'nav.contacts', icon: '☺' },
  { path: '/catalog', label: 'nav.catalog', icon: '▤' },
  { path: '/reports', label: 'nav.reports', icon: '▲', roles: ['owner', 'manager'] },
  { path: '/whatsapp', label: 'nav.whatsapp', icon: '✆', roles: ['owner', 'manager'] },
  { path: '/imports', label: 'nav.imports', icon: '⇪', roles: ['owner', 'manager'] },
  { path: '/try', label: 'nav.try', icon: '☏' },
  { path: '/settings', label: 'nav.settings', icon: '⚙', roles: ['owner'] },
  { path: '/activity', label: 'nav.activity', icon: '☰', roles: ['owner'] },
];

const COLLAPSED_KEY = 'pesanin.sidebar';
const LOCALE_KEY = 'pesanin.locale';

/** The language chosen on this browser before, else Indonesian (the shop's language). */
function savedLocale(): Locale {
  return localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'id';
}

function useLocale(locale: Locale): void {
  setLocale(locale);
  localStorage.setItem(LOCALE_KEY, locale);
  document.documentElement.lang = locale;
}

/**
 * `<pesanin-app>`: the console shell. Loads the session (or shows the login), draws the collapsible
 * sidebar and the top bar with the language switch, and shows the page for the current path.
 * Properties: none. Events: listens to `pesanin-signed-out` on window. Parts: `sidebar`, `main`.
 */
export class PesaninApp extends LitElement {
  static override properties = {
    session: { state: true },
    checked: { state: true },
    path: { state: true },
    locale: { state: true },
    collapsed: { state: true },
    down: { state: true },
  };
  static override styles = [
    theme,
    css`
      :host { display: block; min-height: 100vh; background: var(--wash); }
      .layout { display: grid; grid-template-columns: 15rem minmax(0, 1fr); min-height: 100vh; }
      .layout.collapsed { grid-template-columns: 3.5rem minmax(0, 1fr); }
      nav { background: var(--navy); color: #fff; display: flex; flex-direction: column; position: sticky; top: 0; height: 100vh; }
      .brand { display: flex; align-items: center; gap: 0.5rem; padding: 1rem 0.9rem; font-weight: 700; font-size: 1.15rem; color: var(--yellow); }
      .brand button { all: unset; cursor: pointer; color: #fff; font-size: 1.1rem; margin-left: auto; }
      .collapsed .brand span, .collapsed nav a span { display: none; }
      nav a { display: flex; gap: 0.75rem; align-items: center; padding: 0.6rem 1rem; color: #dfe7f2; text-decoration: none; border-left: 4px solid transparent; }
      nav a:hover { background: var(--navy-2); }
      nav a[aria-current='page'] { border-left-color: var(--yellow); background: var(--navy-2); color: #fff; font-weight: 600; }
      nav a i { font-style: normal; width: 1.2rem; text-align: center; }
      header { display: flex; align-items: center; justify-content: space-between; gap: 1rem; padding: 0.6rem 1.5rem; background: var(--paper); border-bottom: 1px solid var(--line); }
      header .who { display: flex; gap: 0.75rem; align-items: center; }
      main { padding: 1.25rem 1.5rem 3rem; max-width: 1400px; }
      .down { background: #b3261e; color: #fff; padding: 0.6rem 1.5rem; font-weight: 600; }
      .down a { color: var(--yellow); margin-left: 0.5rem; }
      @media (max-width: 760px) {
        .layout { grid-template-columns: 3.5rem minmax(0, 1fr); }
        .brand span, nav a span { display: none; }
      }
    `,
  ];

  declare private session: Session | null;
  declare private checked: boolean;
  declare private path: string;
  declare private locale: Locale;
  declare private collapsed: boolean;
  /** The WhatsApp session while it is lost (GET /api/status), shown as a banner on every page. */
  declare private down: { since: string; state: string; needsScan: boolean } | null;
  private stopStatus: (() => void) | undefined;

  constructor() {
    super();
    this.session = null;
    this.checked = false;
    this.path = location.pathname;
    this.locale = savedLocale();
    useLocale(this.locale);
    this.collapsed = localStorage.getItem(COLLAPSED_KEY) === 'true';
    this.down = null;
  }

  private readonly onPopState = () => {
    this.path = location.pathname;
  };
  private readonly onSignedOut = () => {
    this.session = null;
    this.stopStatus?.();
  };
  /** Links inside any page open without a reload (tracking pages and new tabs excepted). */
  private readonly onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    const anchor = event
      .composedPath()
      .find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
    const href = anchor?.getAttribute('href');
    if (!anchor || !href?.startsWith('/') || href.startsWith('/track/') || anchor.target) return;
    event.preventDefault();
    navigate(href);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPopState);
    window.addEventListener(SIGNED_OUT_EVENT, this.onSignedOut);
    this.addEventListener('click', this.onClick);
    void this.loadSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPopState);
    window.removeEventListener(SIGNED_OUT_EVENT, this.onSignedOut);
    this.removeEventListener('click', this.onClick);
    this.stopStatus?.();
  }

  private async loadSession(): Promise<void> {
    try {
      this.signedIn(await get<Session>('/api/session'));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.session = null;
    } finally {
      this.checked = true;
    }
  }

  private signedIn(session: Session): void {
    useCsrfToken(session.csrfToken);
    this.session = session;
    this.stopStatus?.();
    this.stopStatus = poll<{ whatsappDown: PesaninApp['down'] }>(
      '/api/status',
      (status) => {
        this.down = status.whatsappDown;
      },
      () => undefined,
      30_000,
    );
  }

  private async signOut(): Promise<void> {
    await api('DELETE', '/api/session').catch(() => undefined);
    this.stopStatus?.();
    this.session = null;
    navigate('/');
  }

  private switchLanguage(): void {
    this.locale = this.locale === 'id' ? 'en' : 'id';
    useLocale(this.locale);
  }

  private toggleSidebar(): void {
    this.collapsed = !this.collapsed;
    localStorage.setItem(COLLAPSED_KEY, String(this.collapsed));
  }

  override render() {
    if (!this.checked) return html`<p class="muted" style="padding:2rem">${t('common.loading')}</p>`;
    if (!this.session) {
      return html`<login-page
        .locale=${this.locale}
        @pesanin-signed-in=${(event: CustomEvent<Session>) => this.signedIn(event.detail)}
        @pesanin-language=${() => this.switchLanguage()}
      ></login-page>`;
    }
    const session = this.session;
    const items = NAV.filter((item) => !item.roles || item.roles.includes(session.user.role));
    const section = `/${this.path.split('/')[1] ?? ''}`;
    return html`<div class="layout ${this.collapsed ? 'collapsed' : ''}">
      <nav part="sidebar" aria-label="menu">
        <div class="brand">
          <span>${t('title')}</span>
          <button
            aria-label=${t(this.collapsed ? 'nav.expand' : 'nav.collapse')}
            title=${t(this.collapsed ? 'nav.expand' : 'nav.collapse')}
            @click=${this.toggleSidebar}
          >☰</button>
        </div>
        ${items.map(
          (item) =>
            html`<a href=${item.path} aria-current=${section === item.path ? 'page' : 'false'} title=${t(item.label)}
              ><i aria-hidden="true">${item.icon}</i><span>${t(item.label)}</span></a
            >`,
        )}
      </nav>
      <div>
        <header>
          <strong>${session.shop.name}</strong>
          <div class="who">
            <span>${session.user.name} · <span class="muted">${t(`role.${session.user.role}`)}</span></span>
            <button @click=${this.switchLanguage}>${t('shell.language')}</button>
            <button @click=${this.signOut}>${t('shell.logout')}</button>
          </div>
        </header>
        ${
          this.down
            ? html`<div class="down" role="alert" data-whatsapp-down>
                ${t('shell.whatsappDown', { since: dateTime(this.down.since, session.shop.timeZone), state: label('wa', this.down.state) })}
                ${this.down.needsScan && session.user.role !== 'admin' ? html`<a href="/whatsapp">${t('shell.scanAgain')}</a>` : ''}
              </div>`
            : ''
        }
        <main part="main">${this.page(session)}</main>
      </div>
    </div>`;
  }

  private page(session: Session) {
    const [, section = '', id] = this.path.split('/');
    const entry = NAV.find((item) => item.path === `/${section}`);
    // A page the role may not open shows the dashboard (the server would refuse its data anyway).
    const allowed = !entry?.roles || entry.roles.includes(session.user.role);
    switch (allowed ? section : '') {
      case 'inbox':
        return html`<inbox-page .session=${session} .locale=${this.locale}></inbox-page>`;
      case 'chats':
        return html`<chat-page .session=${session} .locale=${this.locale} .chatId=${decodeURIComponent(id ?? '')}></chat-page>`;
      case 'orders':
        if (id === 'new')
          return html`<new-order-page .session=${session} .locale=${this.locale}></new-order-page>`;
        return id
          ? html`<order-page .session=${session} .locale=${this.locale} .number=${decodeURIComponent(id)}></order-page>`
          : html`<orders-page .session=${session} .locale=${this.locale}></orders-page>`;
      case 'leads':
        return id
          ? html`<lead-page .session=${session} .locale=${this.locale} .leadId=${id}></lead-page>`
          : html`<leads-page .session=${session} .locale=${this.locale}></leads-page>`;
      case 'tasks':
        return html`<tasks-page .session=${session} .locale=${this.locale}></tasks-page>`;
      case 'contacts':
        return id
          ? html`<contact-page .session=${session} .locale=${this.locale} .contactId=${id}></contact-page>`
          : html`<contacts-page .session=${session} .locale=${this.locale}></contacts-page>`;
      case 'catalog':
        return html`<catalog-page .session=${session} .locale=${this.locale}></catalog-page>`;
      case 'reports':
        // Loaded on first use: the charts library is most of its weight and only this page needs it.
        void import('../reports-page/reports-page.js');
        return html`<reports-page .session=${session} .locale=${this.locale}></reports-page>`;
      case 'whatsapp':
        return html`<whatsapp-page .session=${session} .locale=${this.locale}></whatsapp-page>`;
      case 'imports':
        return html`<imports-page .session=${session} .locale=${this.locale}></imports-page>`;
      case 'try':
        return html`<try-page .session=${session} .locale=${this.locale}></try-page>`;
      case 'activity':
        return html`<activity-page .session=${session} .locale=${this.locale}></activity-page>`;
      case 'settings':
        return html`<settings-page .session=${session} .locale=${this.locale}></settings-page>`;
      default:
        return html`<dashboard-page .session=${session} .locale=${this.locale}></dashboard-page>`;
    }
  }
}

customElements.define('pesanin-app', PesaninApp);

declare global {
  interface HTMLElementTagNameMap {
    'pesanin-app': PesaninApp;
  }
}

import { css, html, nothing } from 'lit';
import { api, get } from '../../api.js';
import { t } from '../../i18n.js';
import { PageElement } from '../../page.js';
import { theme } from '../../theme.js';

type Kind = 'contacts' | 'products';
interface RowError {
  row: number;
  field: string;
  message: string;
}
interface Preview {
  total: number;
  counts: { create: number; update: number; unchanged: number; error: number };
  columns: { field: string; header: string }[];
  ignoredColumns: string[];
  rows: {
    row: number;
    key?: string;
    action: string;
    changes?: Record<string, { before: unknown; after: unknown }>;
  }[];
  errors: RowError[];
}
interface Job {
  id: string;
  status: 'running' | 'done' | 'failed';
  total: number;
  done: number;
  created: number;
  updated: number;
  unchanged: number;
  errorRows: number;
  errors: RowError[];
  failure: string | null;
}
interface State {
  file: File | null;
  preview: Preview | null;
  job: Job | null;
}

const show = (value: unknown) =>
  value === null || value === undefined ? '—' : Array.isArray(value) ? value.join(', ') : String(value);

/**
 * `<imports-page>`: contacts and products from .xlsx or .csv: download the template, preview what each
 * row would do (create, update, unchanged, error with row and field), then import and follow the
 * progress. Owners and managers (the server checks). Properties: `session`, `locale`.
 */
export class ImportsPage extends PageElement {
  static override properties = { state: { state: true } };
  static override styles = [
    theme,
    css`
      .card + .card { margin-top: 1rem; }
      progress { width: 100%; accent-color: var(--navy); }
      .counts { display: flex; gap: 1rem; flex-wrap: wrap; }
    `,
  ];

  declare private state: Record<Kind, State>;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.state = {
      contacts: { file: null, preview: null, job: null },
      products: { file: null, preview: null, job: null },
    };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private change(kind: Kind, changes: Partial<State>): void {
    this.state = { ...this.state, [kind]: { ...this.state[kind], ...changes } };
  }

  private body(kind: Kind): FormData {
    const form = new FormData();
    const file = this.state[kind].file;
    if (file) form.set('file', file);
    return form;
  }

  private async preview(kind: Kind): Promise<void> {
    await this.act(async () => {
      this.change(kind, {
        preview: await api<Preview>('POST', `/api/imports/${kind}?dryRun=true`, this.body(kind)),
        job: null,
      });
    }, '');
  }

  private async start(kind: Kind): Promise<void> {
    await this.act(async () => {
      const started = await api<{ importId: string }>(
        'POST',
        `/api/imports/${kind}?dryRun=false`,
        this.body(kind),
      );
      await this.follow(kind, started.importId);
    }, '');
  }

  /** Polls the import until it is done, every second. */
  private async follow(kind: Kind, id: string): Promise<void> {
    const job = await get<Job>(`/api/imports/${id}`);
    this.change(kind, { job });
    if (job.status === 'running') this.timer = setTimeout(() => void this.follow(kind, id), 1_000);
  }

  override render() {
    return html`<h1>${t('nav.imports')}</h1>
      <p class="muted">${t('imports.intro')}</p>
      ${this.status()}
      ${(['contacts', 'products'] as const).map((kind) => this.card(kind))}`;
  }

  private card(kind: Kind) {
    const { file, preview, job } = this.state[kind];
    return html`<section class="card" data-import=${kind}>
      <div class="spread">
        <h2>${t(`imports.${kind}`)}</h2>
        <a class="button" href="/api/imports/templates/${kind}.xlsx" download>${t('imports.template')}</a>
      </div>
      <div class="row">
        <input type="file" accept=".xlsx,.csv" aria-label=${t(`imports.${kind}`)} @change=${(event: Event) =>
          this.change(kind, {
            file: (event.target as HTMLInputElement).files?.[0] ?? null,
            preview: null,
            job: null,
          })} />
        <button ?disabled=${!file} @click=${() => this.preview(kind)}>${t('imports.preview')}</button>
        <button class="primary" ?disabled=${!preview || preview.counts.create + preview.counts.update === 0 || job?.status === 'running'} @click=${() => this.start(kind)}>
          ${t('imports.start')}
        </button>
      </div>
      ${preview ? this.plan(preview) : nothing}
      ${job ? this.progress(job) : nothing}
    </section>`;
  }

  private plan(preview: Preview) {
    const { counts } = preview;
    return html`<div class="counts" data-preview>
        <span>${t('imports.rows', { count: preview.total })}</span>
        <span class="badge new">${t('imports.create', { count: counts.create })}</span>
        <span class="badge pending">${t('imports.update', { count: counts.update })}</span>
        <span class="badge">${t('imports.unchanged', { count: counts.unchanged })}</span>
        <span class="badge cancelled">${t('imports.errors', { count: counts.error })}</span>
      </div>
      ${preview.ignoredColumns.length > 0 ? html`<p class="muted">${t('imports.ignored', { columns: preview.ignoredColumns.join(', ') })}</p>` : nothing}
      ${
        preview.errors.length > 0
          ? html`<h2>${t('imports.errorList')}</h2>${this.errorTable(preview.errors)}`
          : nothing
      }
      <h2>${t('imports.changes')}</h2>
      <div class="table-wrap"><table>
        <thead><tr><th>${t('imports.row')}</th><th>${t('imports.key')}</th><th>${t('imports.action')}</th><th>${t('imports.what')}</th></tr></thead>
        <tbody>
          ${preview.rows
            .filter((row) => row.action !== 'error')
            .map(
              (
                row,
              ) => html`<tr><td>${row.row}</td><td>${row.key ?? '—'}</td><td>${t(`imports.action.${row.action as 'create'}`)}</td>
                <td>${Object.entries(row.changes ?? {}).map(([field, change]) => html`<div><strong>${field}</strong>: ${show(change.before)} → ${show(change.after)}</div>`)}</td></tr>`,
            )}
        </tbody>
      </table></div>`;
  }

  private errorTable(errors: RowError[]) {
    return html`<div class="table-wrap"><table>
      <thead><tr><th>${t('imports.row')}</th><th>${t('imports.field')}</th><th>${t('imports.problem')}</th></tr></thead>
      <tbody>${errors.map((error) => html`<tr><td>${error.row}</td><td>${error.field}</td><td>${error.message}</td></tr>`)}</tbody>
    </table></div>`;
  }

  private progress(job: Job) {
    return html`<div data-job=${job.status}>
      <h2>${t(`imports.status.${job.status}`)}</h2>
      <progress max=${job.total} value=${job.done}></progress>
      <p>${t('imports.result', { done: job.done, total: job.total, created: job.created, updated: job.updated, unchanged: job.unchanged, errors: job.errorRows })}</p>
      ${job.failure ? html`<p class="error">${job.failure}</p>` : nothing}
    </div>`;
  }
}

customElements.define('imports-page', ImportsPage);

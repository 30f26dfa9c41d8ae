import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { rupiah } from '../../i18n.js';

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
);

/** One series of a chart: bars, or a line drawn over them (a target, say). */
export interface Series {
  label: string;
  data: (number | null)[];
  kind?: 'bar' | 'line';
  color?: string;
}

const PALETTE = ['#0b1f3a', '#ffd400', '#3f7cc4', '#1e7b34', '#b3261e', '#7a5cc4'];

/**
 * `<bar-chart>`: bars (and optional lines) over labelled categories, values as rupiah or plain numbers.
 * Properties: `labels` (string[], default []), `series` (Series[], default []), `money` (boolean,
 * default false: axis and tooltips in rupiah), `horizontal` (boolean, default false). Parts: `canvas`.
 */
export class BarChart extends LitElement {
  static override properties = {
    labels: { attribute: false },
    series: { attribute: false },
    money: { type: Boolean },
    horizontal: { type: Boolean },
  };
  static override styles = css`
    :host { display: block; position: relative; height: 280px; }
  `;

  declare labels: string[];
  declare series: Series[];
  declare money: boolean;
  declare horizontal: boolean;
  private chart: Chart | undefined;

  constructor() {
    super();
    this.labels = [];
    this.series = [];
    this.money = false;
    this.horizontal = false;
  }

  override render() {
    return html`<canvas part="canvas" role="img" aria-label=${this.series.map((one) => one.label).join(', ')}></canvas>`;
  }

  protected override updated(_changed: PropertyValues): void {
    const canvas = this.renderRoot.querySelector('canvas');
    if (!canvas) return;
    const format = (value: number | string) => (this.money ? rupiah(Number(value)) : String(value));
    const datasets = this.series.map((one, index) => ({
      type: one.kind ?? 'bar',
      label: one.label,
      data: one.data,
      backgroundColor: one.color ?? PALETTE[index % PALETTE.length],
      borderColor: one.color ?? PALETTE[index % PALETTE.length],
      borderWidth: one.kind === 'line' ? 2 : 0,
    }));
    this.chart?.destroy();
    this.chart = new Chart(canvas, {
      type: 'bar',
      data: { labels: this.labels, datasets },
      options: {
        indexAxis: this.horizontal ? 'y' : 'x',
        maintainAspectRatio: false,
        animation: false,
        scales: { [this.horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { callback: format } } },
        plugins: {
          tooltip: {
            callbacks: {
              label: (item) =>
                `${item.dataset.label}: ${format(item.parsed[this.horizontal ? 'x' : 'y'] ?? 0)}`,
            },
          },
        },
      },
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.chart?.destroy();
    this.chart = undefined;
  }
}

customElements.define('bar-chart', BarChart);

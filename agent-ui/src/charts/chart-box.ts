// A chart on a page: its box (a labelled figure), drawn again with a new option, resized with its
// box, and a promise of the first complete drawing (the printed report waits for every chart's).
import { h } from '../dom.js';
import { mountChart, type Chart, type ChartOption } from './echarts-parts.js';

export interface ChartBox {
  readonly element: HTMLElement;
  /** Draws the option, replacing what was drawn. */
  draw(option: ChartOption): void;
  /** Resolves once the last option drawn is complete on screen. */
  drawn(): Promise<void>;
  dispose(): void;
}

export interface ChartBoxOptions {
  readonly id: string;
  /** What the chart shows: its accessible name. */
  readonly caption: string;
  readonly height?: number;
  /** Off for print: the PDF is taken at once, and a half-grown bar is a wrong figure. */
  readonly animation?: boolean;
}

export function chartBox(options: ChartBoxOptions): ChartBox {
  const canvas = h('div', { class: 'chart', id: options.id, role: 'img', 'aria-label': options.caption, style: `height:${options.height ?? 280}px` });
  // The caption names the chart for screen readers; the section around it shows its heading.
  const element = h('figure', { class: 'chart-figure' }, canvas);
  let chart: Chart | null = null;
  let finished: Promise<void> = Promise.resolve();
  // The box may be laid out after it is drawn (a section shown later, a window resized): follow its size.
  const resize = new ResizeObserver(() => chart?.resize());
  resize.observe(canvas);
  return {
    element,
    draw(option) {
      chart ??= mountChart(canvas);
      const current = chart;
      current.off('finished');
      finished = new Promise<void>((resolve) => current.on('finished', () => resolve()));
      current.setOption({ ...option, animation: options.animation ?? true }, { notMerge: true });
      canvas.dataset.drawn = 'true';
    },
    drawn: () => finished,
    dispose() {
      resize.disconnect();
      chart?.dispose();
      chart = null;
    },
  };
}

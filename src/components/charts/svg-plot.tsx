import { useState, type PointerEvent, type ReactNode } from 'react';
import type { PlotArea } from './band-paths';
import { COLOR } from './palette';

/**
 * Pieces of a chart drawn as plain SVG by React alone: axes, grid lines, a legend and a hover
 * tooltip. A Recharts chart runs every update through its own store (selectors, immer, nice-tick
 * arithmetic) and re-renders its axes and series in a synchronous cascade; the CPS and
 * concurrency charts drawn that way took about half of the page's main-thread time per brush or
 * selection at 1M calls and made every task over 50 ms (trace-interactions.ts, both panels
 * removed: 96–120 → 48–56 ms of thread time per interaction, 10–11 → 0–2 long tasks).
 */

/** Label font size of every axis, as the Recharts charts draw theirs. */
const TICK_FONT_PX = 12;
const TICK_MARK_PX = 6;

/** The drawing surface; its class lets the chart card find it for the PNG export. */
export function PlotSvg({ width, height, children }: { width: number; height: number; children: ReactNode }) {
  return (
    <svg className="plain-chart" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" fontSize={TICK_FONT_PX}>
      {children}
    </svg>
  );
}

/** y px of a value on a linear axis from 0 (plot bottom) to `top` (plot top). */
export function linearY(plot: PlotArea, top: number): (v: number) => number {
  const max = top > 0 ? top : 1;
  return (v) => plot.y + plot.height - (v / max) * plot.height;
}

/** A vertical axis: its line, tick marks and labels, outside the plot on the given side. */
export function YAxisSvg({ plot, ticks, y, side = 'left', label = String, color = COLOR.muted }: { plot: PlotArea; ticks: readonly number[]; y: (v: number) => number; side?: 'left' | 'right'; label?: (v: number) => string; color?: string }) {
  const x = side === 'left' ? plot.x : plot.x + plot.width;
  const out = side === 'left' ? -1 : 1;
  return (
    <g>
      <line x1={x} x2={x} y1={plot.y} y2={plot.y + plot.height} stroke={color} />
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x} x2={x + out * TICK_MARK_PX} y1={y(t)} y2={y(t)} stroke={color} />
          <text x={x + out * (TICK_MARK_PX + 2)} y={y(t)} dy="0.355em" textAnchor={side === 'left' ? 'end' : 'start'} fill={color}>
            {label(t)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** About the width of a digit or colon at TICK_FONT_PX, for where a centred label would end. */
const TICK_CHAR_PX = 7;

/**
 * How an X label sits on its tick: centred, unless centred it would run past the plot's right end,
 * where the SVG cuts it off ("10:01:1"); that one ends at its tick.
 */
export function xLabelAnchor(x: number, label: string, plot: PlotArea): 'middle' | 'end' {
  return x + (label.length * TICK_CHAR_PX) / 2 > plot.x + plot.width ? 'end' : 'middle';
}

/** A horizontal axis under the plot: its line, and a tick mark and label at each given x. */
export function XAxisSvg({ plot, ticks, title }: { plot: PlotArea; ticks: ReadonlyArray<{ x: number; label: string }>; title?: string }) {
  const y = plot.y + plot.height;
  return (
    <g>
      <line x1={plot.x} x2={plot.x + plot.width} y1={y} y2={y} stroke={COLOR.muted} />
      {ticks.map((t) => (
        <g key={t.x}>
          <line x1={t.x} x2={t.x} y1={y} y2={y + TICK_MARK_PX} stroke={COLOR.muted} />
          <text x={t.x} y={y + TICK_MARK_PX + 2} dy="0.71em" textAnchor={xLabelAnchor(t.x, t.label, plot)} fill={COLOR.muted}>
            {t.label}
          </text>
        </g>
      ))}
      {title && (
        <text x={plot.x + plot.width / 2} y={y + 32} textAnchor="middle" fontSize={11} fill={COLOR.muted}>
          {title}
        </text>
      )}
    </g>
  );
}

/** Horizontal grid lines across the plot at the given y px. */
export function GridSvg({ plot, ys }: { plot: PlotArea; ys: readonly number[] }) {
  return (
    <g>
      {ys.map((y) => (
        <line key={y} x1={plot.x} x2={plot.x + plot.width} y1={y} y2={y} stroke={COLOR.grid} />
      ))}
    </g>
  );
}

export interface LegendItem {
  name: string;
  color: string;
  /** A filled square (bars, areas) or a line with a dot (a line series). */
  shape: 'rect' | 'line';
}

/** The series' names under the chart, centred, each with its colour's mark. */
export function ChartLegend({ items }: { items: readonly LegendItem[] }) {
  return (
    <ul className="flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs" aria-hidden="true">
      {items.map((item) => (
        <li key={item.name} className="flex items-center gap-1 whitespace-nowrap" style={{ color: item.color }}>
          <svg width={14} height={10} viewBox="0 0 14 10">
            {item.shape === 'rect' ? <rect x={1} y={1} width={12} height={8} fill={item.color} /> : <><line x1={0} x2={14} y1={5} y2={5} stroke={item.color} strokeWidth={2} /><circle cx={7} cy={5} r={2.5} fill="#fff" stroke={item.color} strokeWidth={1.5} /></>}
          </svg>
          {item.name}
        </li>
      ))}
    </ul>
  );
}

export interface TooltipRow {
  name: string;
  value: string;
  color: string;
}

/**
 * The hovered point's numbers in a box beside the pointer (right of it, or left near the right
 * edge). Mouse only, like Recharts' tooltip: the same numbers are in the panel's CSV and text.
 */
export function HoverTooltip({ x, y, width, title, rows }: { x: number; y: number; width: number; title: string; rows: readonly TooltipRow[] }) {
  const left = x + 12 + 200 > width ? undefined : x + 12;
  const right = left === undefined ? width - x + 12 : undefined;
  return (
    <div aria-hidden="true" className="pointer-events-none absolute z-10 rounded border border-line bg-panel px-3 py-2 text-sm whitespace-nowrap shadow" style={{ left, right, top: Math.max(0, y - 20) }}>
      <p className="mb-1">{title}</p>
      {rows.map((r) => (
        <p key={r.name} style={{ color: r.color }}>
          {r.name} : {r.value}
        </p>
      ))}
    </div>
  );
}

/**
 * Which of `count` categories the pointer is over, and where: bands (bars) or points (a line).
 * `indexAt` gives the category under an x px (clamped to the plot), for gestures such as a drag.
 */
export function useHover(plot: PlotArea | null, count: number, layout: 'band' | 'point') {
  const [hover, setHover] = useState<{ index: number; x: number; y: number } | null>(null);
  const indexAt = (x: number) => (plot ? categoryAt(x, plot, count, layout) : 0);
  /** The pointer's position in the chart box, when it is over the plot (not an axis or the legend). */
  const inPlot = (e: PointerEvent<HTMLElement>): { x: number; y: number } | null => {
    if (!plot || count === 0) return null;
    const box = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - box.left;
    const y = e.clientY - box.top;
    return x >= plot.x && x <= plot.x + plot.width && y >= plot.y && y <= plot.y + plot.height ? { x, y } : null;
  };
  const onPointerMove = (e: PointerEvent<HTMLElement>) => {
    const at = inPlot(e);
    setHover(at ? { index: indexAt(at.x), ...at } : null);
  };
  const onPointerLeave = () => setHover(null);
  return { hover, indexAt, inPlot, onPointerMove, onPointerLeave };
}

/**
 * The category under x px: of `count` equal bands across the plot, or of `count` points spread
 * from its left edge to its right edge (the nearest). Clamped to the first and last category.
 */
export function categoryAt(x: number, plot: PlotArea, count: number, layout: 'band' | 'point'): number {
  if (count === 0) return 0;
  const at = (x - plot.x) / plot.width;
  const index = layout === 'band' ? Math.floor(at * count) : Math.round(at * (count - 1));
  return Math.max(0, Math.min(count - 1, index));
}

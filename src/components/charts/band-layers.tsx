import { useMemo } from 'react';
import { DefaultZIndexes, ZIndexLayer, usePlotArea, useYAxisScale, useYAxisTicks } from 'recharts';

/**
 * Bars and dots on a category X axis drawn as a few <path>s, inside a Recharts chart (its plot
 * area and Y scale). Recharts' <Bar> makes a component tree, a <g> and a <path> per bar, and keys
 * them by position and value, so every update re-mounts them all (the same for an item's dots):
 * hundreds of bars made the charts the slowest part of a brush or a selection. Categories are
 * equal bands of the plot, as Recharts lays out a category axis; charts keep an invisible series
 * per layer for the Y domain, the legend and the tooltip.
 */

/** Space left on each side of a bar, as a share of its band (Recharts' barCategoryGap of 10 %). */
const BAR_GAP = 0.1;

export interface BarLayer {
  /** One value per category, stacked on the layers before it. */
  values: readonly number[];
  fill: string;
  fillOpacity?: number;
}

const px = (v: number) => v.toFixed(2);

/** Stacked bars, one <path> per layer (pass a memoized `layers`). */
export function StackedBandBars({ layers, yAxisId }: { layers: readonly BarLayer[]; yAxisId?: string | number }) {
  const plot = usePlotArea();
  const y = useYAxisScale(yAxisId);
  const paths = useMemo(() => {
    const n = layers[0]?.values.length ?? 0;
    if (!plot || !y || n === 0) return null;
    const band = plot.width / n;
    const width = band * (1 - 2 * BAR_GAP);
    const d = layers.map(() => [] as string[]);
    for (let i = 0; i < n; i++) {
      const x = plot.x + i * band + band * BAR_GAP;
      let base = 0;
      layers.forEach((layer, c) => {
        const v = layer.values[i] ?? 0;
        if (v <= 0) return;
        const bottom = y(base);
        const top = y(base + v);
        base += v;
        if (bottom !== undefined && top !== undefined) d[c]!.push(`M${px(x)} ${px(top)}h${px(width)}V${px(bottom)}h${px(-width)}Z`);
      });
    }
    return d.map((parts) => parts.join(''));
  }, [layers, plot, y]);
  if (!paths) return null;
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.bar}>
      <g className="recharts-layer band-bars">
        {layers.map((layer, c) => (
          <path key={c} d={paths[c]} fill={layer.fill} fillOpacity={layer.fillOpacity ?? 1} />
        ))}
      </g>
    </ZIndexLayer>
  );
}

/** A dot at the middle of each category's band at its value, all in one <path>. */
export function BandDots({ values, yAxisId, r, stroke, strokeWidth, fill }: { values: readonly number[]; yAxisId?: string | number; r: number; stroke: string; strokeWidth: number; fill: string }) {
  const plot = usePlotArea();
  const y = useYAxisScale(yAxisId);
  const d = useMemo(() => {
    if (!plot || !y || values.length === 0) return null;
    const band = plot.width / values.length;
    const parts: string[] = [];
    values.forEach((v, i) => {
      const cy = y(v);
      if (cy === undefined) return;
      const cx = plot.x + (i + 0.5) * band;
      parts.push(`M${px(cx - r)} ${px(cy)}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`);
    });
    return parts.join('');
  }, [values, plot, y, r]);
  if (!d) return null;
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.line + 1}>
      <path className="band-dots" d={d} stroke={stroke} strokeWidth={strokeWidth} fill={fill} />
    </ZIndexLayer>
  );
}

/**
 * Horizontal grid lines at the Y axis' ticks. Recharts' <CartesianGrid> re-derives the X axis'
 * ticks (one per category, hundreds on a timeline) in a store selector on every store update of
 * the chart, even with vertical lines off; the lines themselves only need the few Y ticks.
 */
export function HorizontalGrid({ yAxisId, stroke }: { yAxisId?: string | number; stroke: string }) {
  const plot = usePlotArea();
  const ticks = useYAxisTicks(yAxisId);
  if (!plot || !ticks) return null;
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.grid}>
      <g className="recharts-cartesian-grid-horizontal">
        {ticks.map((t) => (
          <line key={t.coordinate} x1={plot.x} x2={plot.x + plot.width} y1={t.coordinate} y2={t.coordinate} stroke={stroke} fill="none" />
        ))}
      </g>
    </ZIndexLayer>
  );
}

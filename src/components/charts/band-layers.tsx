import { useMemo } from 'react';
import { DefaultZIndexes, ZIndexLayer, usePlotArea, useYAxisScale, useYAxisTicks } from 'recharts';
import { stackedBarPaths, type BarLayer } from './band-paths';

/**
 * Bars on a category X axis drawn as a few <path>s (band-paths.ts), inside a Recharts chart (its
 * plot area and Y scale). Recharts' <Bar> makes a component tree, a <g> and a <path> per bar, and keys
 * them by position and value, so every update re-mounts them all (the same for an item's dots):
 * hundreds of bars made the charts the slowest part of a brush or a selection. Categories are
 * equal bands of the plot, as Recharts lays out a category axis; charts keep an invisible series
 * per layer for the Y domain, the legend and the tooltip.
 */

/** Stacked bars, one <path> per layer (pass a memoized `layers`). */
export function StackedBandBars({ layers, yAxisId }: { layers: readonly BarLayer[]; yAxisId?: string | number }) {
  const plot = usePlotArea();
  const y = useYAxisScale(yAxisId);
  const paths = useMemo(() => (plot && y && (layers[0]?.values.length ?? 0) > 0 ? stackedBarPaths(layers, plot, y) : null), [layers, plot, y]);
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

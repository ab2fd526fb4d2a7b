/**
 * SVG path data for bars and dots on a category axis of equal bands (as Recharts lays out a
 * category axis): a few <path>s for a whole series instead of an element per bar. Shared by the
 * layers drawn inside a Recharts chart (band-layers.tsx) and the plain SVG charts (svg-plot.tsx).
 */

/** The plot area in px inside its <svg>. */
export interface PlotArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Space left on each side of a bar, as a share of its band (Recharts' barCategoryGap of 10 %). */
const BAR_GAP = 0.1;

export interface BarLayer {
  /** One value per category, stacked on the layers before it. */
  values: readonly number[];
  fill: string;
  fillOpacity?: number;
}

const px = (v: number) => v.toFixed(2);

/** One path per layer: its bars, each stacked on the layers before it. `y` maps a value to px. */
export function stackedBarPaths(layers: readonly BarLayer[], plot: PlotArea, y: (v: number) => number | undefined): string[] {
  const n = layers[0]?.values.length ?? 0;
  if (n === 0) return layers.map(() => '');
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
}

/** A dot of radius r at the middle of each category's band at its value, all in one path. */
export function bandDotsPath(values: readonly number[], plot: PlotArea, y: (v: number) => number | undefined, r: number): string {
  if (values.length === 0) return '';
  const band = plot.width / values.length;
  const parts: string[] = [];
  values.forEach((v, i) => {
    const cy = y(v);
    if (cy === undefined) return;
    const cx = plot.x + (i + 0.5) * band;
    parts.push(`M${px(cx - r)} ${px(cy)}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`);
  });
  return parts.join('');
}

import { createContext, useContext, useRef, type ReactNode } from 'react';
import { downloadCsv, downloadSvgAsPng } from './chart-export';

/** What the exports are of: the subject ("Carrier G", "3 trunks") and the window, for their file names. */
export interface ExportSubject {
  subject: string;
  window: { fromMs: number; toMs: number };
}
/**
 * What the exports below it are of, read when an export is clicked: a ref, not the subject itself,
 * so a brush or selection that changes it re-renders no chart (a changed context value makes React
 * search the panels under it for readers on every render).
 */
export const ExportSubjectContext = createContext<{ readonly current: ExportSubject | null }>({ current: null });

/**
 * "attempts-over-time_carrier-g_2026-11-16" (a window over days: "…_2026-11-16_2026-11-18"); the
 * download itself keeps only safe characters (chart-export safeFileName).
 */
export function exportFileName(stem: string, of: ExportSubject | null): string {
  if (!of) return stem;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const from = day(of.window.fromMs);
  // The window's end is exclusive: a window to midnight ends on the day before.
  const to = day(Math.max(of.window.fromMs, of.window.toMs - 1));
  const subject = of.subject.toLowerCase().replace(/\s+/g, '-');
  return [stem, subject, from, ...(to !== from ? [to] : [])].join('_');
}

interface Props {
  title: string;
  subtitle?: ReactNode;
  /** File name stem for exports, e.g. "attempts-over-time". */
  exportName: string;
  csv?: () => { columns: string[]; rows: Array<Array<string | number>> };
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
}

/** A titled panel around one chart, with PNG and CSV export. */
export function ChartCard({ title, subtitle, exportName, csv, actions, children, testId }: Props) {
  const body = useRef<HTMLDivElement>(null);
  const exportOf = useContext(ExportSubjectContext);
  const name = () => exportFileName(exportName, exportOf.current);
  const exportPng = () => {
    const svg = body.current?.querySelector('.recharts-wrapper > svg.recharts-surface, svg.plain-chart');
    if (svg instanceof SVGSVGElement) void downloadSvgAsPng(svg, `${name()}.png`, getComputedStyle(document.body).backgroundColor);
  };
  return (
    <section aria-label={title} className="min-w-0 rounded-xl border border-line bg-panel p-4" data-testid={testId}>
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 className="font-semibold">{title}</h3>
          {subtitle && <p className="text-sm text-muted">{subtitle}</p>}
        </div>
        <div className="flex items-center gap-2 text-sm">
          {actions}
          <button type="button" onClick={exportPng} className="rounded border border-line px-2 py-0.5 text-muted hover:text-ink" aria-label={`Export ${title} as PNG`}>
            PNG
          </button>
          {csv && (
            <button
              type="button"
              onClick={() => {
                const { columns, rows } = csv();
                downloadCsv(`${name()}.csv`, columns, rows);
              }}
              className="rounded border border-line px-2 py-0.5 text-muted hover:text-ink"
              aria-label={`Export ${title} data as CSV`}
            >
              CSV
            </button>
          )}
        </div>
      </header>
      <div ref={body} className="mt-3">
        {children}
      </div>
    </section>
  );
}

import type { TimeSeries, TrunkStats } from '../../core/analysis/dashboard-types';
import { shows603 } from '../../core/analysis/call-measures';
import { LEAVES } from '../../core/diagnosis/tree';
import type { WalkView } from '../../core/diagnosis/walk-view';
import { formatCount, formatPercent, formatWall } from '../../lib/format';
import { CheckList } from './check-list';
import { PrintLevels, PrintTimeline } from './print-charts';
import { AlsoFound } from './walk-panel';

export interface TrunkReport {
  view: WalkView;
  /** The trunk's row of the table for the same period (null when it is not in the answer). */
  stats: TrunkStats | null;
  /** Its attempts over the whole span; null when the page has no series for it alone. */
  series: TimeSeries | null;
}

type Level = { level: number; attempts: number; c503: number };

interface Props {
  reports: readonly TrunkReport[];
  /** One trunk selected: its calls-per-second and concurrency levels (the dashboard's panels), else null. */
  levels: { cps: Level[]; concurrency: Level[] | null } | null;
  platforms?: ReadonlySet<string>;
}

const rate = (n: number, d: number) => `${formatPercent(n, d)} (${formatCount(n)} of ${formatCount(d)})`;

/**
 * What the page prints (hidden on screen): one report per selected trunk, each on its own page —
 * the verdict and its numbers, the evidence charts, the walk as answered, the fix, what to check
 * and the carrier ticket in full. No control is printed.
 */
export function PrintReports({ reports, levels, platforms }: Props) {
  return (
    <div className="hidden print:block" data-testid="print-reports">
      {reports.map(({ view, stats, series }, i) => {
        const leaf = view.walk.leaf;
        return (
          <article key={view.name} aria-label={`Report for ${view.name}`} className={`space-y-3 ${i > 0 ? 'break-before-page' : ''}`} data-testid="print-report">
            <header className="border-b border-line pb-2">
              <h2 className="text-xl font-semibold">Trunk {view.name}</h2>
              <p className="text-lg" data-testid="print-verdict">
                {LEAVES[view.verdict].title}
                {view.confidence ? <span className="text-sm text-muted"> · {view.confidence} confidence</span> : null}
              </p>
              <p className="tabular text-sm text-muted">
                {view.period.wholeFile ? 'Whole file' : 'Window'} {formatWall(view.period.fromMs)} – {formatWall(view.period.toMs)} (time as written in the file): {formatCount(view.attempts)} attempts
                {stats && (
                  <>
                    {' '}
                    · 503: {rate(stats.rate503.n, stats.rate503.d)} · 603: {shows603(stats) ? rate(stats.rate603.n, stats.rate603.d) : 'n/a (these calls cannot show a 603)'} · ASR: {rate(stats.asr.n, stats.asr.d)}
                  </>
                )}
              </p>
              {view.summary && <p className="mt-1">{view.summary}</p>}
              <AlsoFound items={view.alsoFound} />
            </header>
            <section className="break-inside-avoid">
              <h3 className="font-semibold">Evidence</h3>
              {series ? (
                <figure>
                  <figcaption className="text-sm text-muted">Attempts over the whole span: answered, other failures, capacity (503 kin), policy (603 kin) from the bottom up</figcaption>
                  <PrintTimeline series={series} label={`Attempts over time for ${view.name}`} />
                </figure>
              ) : null}
              {levels && (
                <div className="flex gap-4">
                  <figure>
                    <figcaption className="text-sm text-muted">Attempts per calls-per-second level, 503s at the bottom</figcaption>
                    <PrintLevels levels={levels.cps} label={`Calls per second for ${view.name}`} />
                  </figure>
                  {levels.concurrency && (
                    <figure>
                      <figcaption className="text-sm text-muted">Attempts per number of calls up at once, 503s at the bottom</figcaption>
                      <PrintLevels levels={levels.concurrency} label={`Concurrent calls for ${view.name}`} />
                    </figure>
                  )}
                </div>
              )}
            </section>
            <section>
              <h3 className="font-semibold break-after-avoid">The walk</h3>
              <ol className="list-decimal pl-5 text-sm">
                {view.walk.steps.map((step) => (
                  <li key={step.question.id}>
                    {step.question.text} <strong>{step.question.branches[step.chosen]!.answer}</strong>
                    {step.overridden ? ' (the operator’s answer)' : ''}
                  </li>
                ))}
              </ol>
              <p className="mt-2 font-semibold">{leaf.title}</p>
              <p className="text-sm">
                <span className="font-medium">Fix: </span>
                {leaf.fix}
              </p>
              <CheckList leaf={leaf} platforms={platforms} />
            </section>
            <section className="break-inside-avoid">
              <h3 className="font-semibold">Carrier ticket</h3>
              {view.ticket ? (
                <pre className="rounded border border-line p-2 font-mono text-xs whitespace-pre-wrap" data-testid="print-ticket">
                  {view.ticket}
                </pre>
              ) : (
                <p className="text-sm text-muted">{view.ticketWithheld ?? 'Nothing to ask the carrier on this branch.'}</p>
              )}
            </section>
          </article>
        );
      })}
    </div>
  );
}

import { memo, useState } from 'react';
import { LEAVES, QUESTIONS, type Question } from '../../core/diagnosis/tree';
import type { Walk } from '../../core/diagnosis/walk';
import type { WalkView } from '../../core/diagnosis/walk-view';
import { formatCount, formatWall } from '../../lib/format';
import { CheckList } from './check-list';

const CONFIDENCE_STYLE: Record<string, string> = { high: 'bg-ink text-canvas', medium: 'bg-muted text-canvas', low: 'border border-line text-muted' };

interface Props {
  /** What to draw: the verdict, the walk with the operator's answers, the ticket (walk-view.ts). */
  view: WalkView;
  onOverride: (questionId: string, branch: number | null) => void;
  /** Replayed from a shared link: the sender's verdict, without their file's per-branch evidence. */
  shared?: boolean;
  /**
   * The platforms the loaded files come from ('asterisk', 'freeswitch', 'kamailio', 'vicidial'):
   * only their commands are shown (with 'any'). Absent: every platform's.
   */
  platforms?: ReadonlySet<string>;
}

/**
 * The 503/603 flowchart walked for one trunk with the file's own evidence: the path the data
 * supports as steps (each answer can be overridden, and the walk continues from there), the whole
 * flowchart folded away below them (drawn once, not beside the same path), then the fix, what to
 * check in order, and the carrier ticket text.
 */
export const WalkPanel = memo(function WalkPanel({ view, onOverride, shared = false, platforms }: Props) {
  const { walk, name, period } = view;
  const verdict = LEAVES[view.verdict];
  return (
    <section aria-labelledby="walk-title" className="rounded-xl border border-line bg-panel p-4" data-testid="walk-panel">
      <header className="flex flex-wrap items-baseline gap-3">
        <h2 id="walk-title" className="text-lg font-semibold">
          Diagnosis: {name}
        </h2>
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${verdict.family === '503' ? 'bg-capacity-soft text-capacity' : verdict.family === '603' ? 'bg-policy-soft text-policy' : 'bg-canvas text-ink'}`} data-testid="verdict">
          {verdict.title}
        </span>
        {shared && <span className="text-xs text-muted">the sender’s verdict; answers they changed are marked</span>}
        {!shared && view.confidence && <span className={`rounded-full px-2 py-0.5 text-xs ${CONFIDENCE_STYLE[view.confidence] ?? ''}`}>{view.confidence} confidence</span>}
      </header>
      <p className="tabular mt-1 text-sm text-muted" data-testid="walk-period">
        {period.wholeFile ? 'Whole file' : 'Window'}
        {period.toMs > period.fromMs ? ` ${formatWall(period.fromMs)} – ${formatWall(period.toMs)}` : ''}: {formatCount(view.attempts)} attempts on this trunk
        {period.wholeFile ? '' : ' (brush the timeline or clear the window to diagnose another period)'}.
      </p>
      {view.summary && <p className="mt-1 text-sm">{view.summary}</p>}
      <AlsoFound items={view.alsoFound} />
      <div className="mt-4">
        <ol className="grid gap-3 lg:grid-cols-2" aria-label="The walk, step by step">
          {walk.steps.map((step) => (
            <li key={step.question.id}>
              <fieldset className="rounded-lg border border-line p-3">
                <legend className="px-1 font-medium">{step.question.text}</legend>
                <div className="space-y-1">
                  {step.question.branches.map((b, i) => (
                    <label key={b.to} className={`flex gap-2 rounded px-1 py-0.5 text-sm ${i === step.chosen ? 'bg-accent/10' : ''}`}>
                      <input type="radio" name={`walk-${step.question.id}`} checked={i === step.chosen} onChange={() => onOverride(step.question.id, i === step.suggested ? null : i)} className="mt-1 accent-accent" />
                      <span>
                        <span className={i === step.chosen ? 'font-medium' : ''}>{b.answer}</span>
                        {i === step.suggested && <span className="ml-2 text-xs text-answered">{shared ? 'the sender’s verdict' : 'suggested by the data'}</span>}
                        {i === step.chosen && step.overridden && <span className="ml-2 text-xs text-danger">{shared ? 'changed by the sender' : 'your answer'}</span>}
                        {/* A shared walk's branch notes would restate the sender's verdict as this page's words. */}
                        {!shared && step.evidence[i] && <span className="block text-xs text-muted">{step.evidence[i]}</span>}
                      </span>
                    </label>
                  ))}
                </div>
                {step.overridden && (
                  <button type="button" className="mt-1 text-xs text-accent underline" onClick={() => onOverride(step.question.id, null)}>
                    Back to the suggested answer
                  </button>
                )}
              </fieldset>
            </li>
          ))}
        </ol>
        <details className="mt-3 rounded-lg border border-line p-3">
          <summary className="cursor-pointer text-sm font-medium">The whole flowchart, this walk’s path highlighted</summary>
          <FlowchartDiagram walk={walk} />
        </details>
      </div>
      <Outcome walk={walk} ticket={view.ticket} ticketWithheld={view.ticketWithheld} platforms={platforms} />
    </section>
  );
});

/** The trunk's other findings, each with its own sentence and numbers (screen and print). */
export function AlsoFound({ items }: { items: WalkView['alsoFound'] }) {
  if (items.length === 0) return null;
  return (
    <div className="mt-2 text-sm" data-testid="also-found">
      <h3 className="font-medium">Also on this trunk</h3>
      <ul className="list-disc pl-5">
        {items.map((f) => (
          <li key={f.title}>
            <span className="font-medium">{f.title}</span> <span className="text-xs text-muted">({f.confidence} confidence)</span>: {f.summary}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The tree as a diagram (nested lists, so it reads in order too); the walked path is highlighted. */
function FlowchartDiagram({ walk }: { walk: Walk }) {
  const chosenTo = new Set(walk.steps.map((s) => `${s.question.id}>${s.question.branches[s.chosen]!.to}`));
  const byId = new Map(QUESTIONS.map((q) => [q.id, q]));
  const render = (q: Question) => (
    <ul className="ml-3 border-l border-line pl-3">
      {q.branches.map((b) => {
        const onPath = chosenTo.has(`${q.id}>${b.to}`);
        const next = byId.get(b.to);
        const leaf = b.to.startsWith('leaf:') ? LEAVES[b.to.slice(5) as keyof typeof LEAVES] : null;
        return (
          <li key={b.to} className="py-0.5">
            <span className={onPath ? 'font-semibold text-accent' : 'text-muted'} data-on-path={onPath || undefined}>
              {onPath ? '▶ ' : ''}
              {b.answer}
              {leaf ? ` → ${leaf.title}` : ''}
            </span>
            {next && (
              <div>
                <p className={`ml-3 text-sm ${onPath ? 'font-medium' : 'text-muted'}`}>{next.text}</p>
                {render(next)}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
  const start = byId.get('start');
  return (
    <figure aria-label="Flowchart with the walked path highlighted" className="text-sm" data-testid="flowchart">
      <p className="font-medium">{start?.text}</p>
      {start && render(start)}
    </figure>
  );
}

function Outcome({ walk, ticket, ticketWithheld, platforms }: { walk: Walk; ticket: string | null; ticketWithheld: string | null; platforms: ReadonlySet<string> | undefined }) {
  const [copied, setCopied] = useState(false);
  const leaf = walk.leaf;
  const finding = walk.finding;
  return (
    <div className="mt-5 grid gap-6 border-t border-line pt-4 lg:grid-cols-2">
      <div className="min-w-0">
        <h3 className="font-semibold" data-testid="walk-leaf">
          {leaf.title}
        </h3>
        <p className="text-sm text-muted">{leaf.meaning}</p>
        <p className="mt-2 text-sm">
          <span className="font-medium">Fix: </span>
          {leaf.fix}
        </p>
        {finding?.missing && finding.missing.length > 0 && (
          <div className="mt-2 rounded-lg border border-capacity/40 bg-capacity-soft p-2 text-sm">
            <p className="font-medium">What the file is missing</p>
            <ul className="list-disc pl-5">
              {finding.missing.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
        )}
        <CheckList leaf={leaf} platforms={platforms} />
      </div>
      <div>
        <h4 className="font-medium">Carrier ticket</h4>
        {ticket ? (
          <>
            <textarea readOnly value={ticket} rows={9} aria-label="Carrier ticket text" className="mt-1 w-full rounded border border-line bg-canvas p-2 font-mono text-xs" data-testid="ticket-text" />
            <button
              type="button"
              onClick={() => void navigator.clipboard?.writeText(ticket).then(() => setCopied(true), () => setCopied(false))}
              className="mt-1 rounded bg-accent px-3 py-1 text-sm font-medium text-white dark:text-slate-950"
            >
              Copy ticket text
            </button>
            <span role="status" className="ml-2 text-sm text-muted">
              {copied ? 'Copied' : ''}
            </span>
          </>
        ) : ticketWithheld ? (
          <p className="mt-1 text-sm text-muted" data-testid="ticket-withheld">
            {ticketWithheld}
          </p>
        ) : (
          <p className="mt-1 text-sm text-muted">Nothing to ask the carrier on this branch{walk.steps.some((s) => s.overridden) ? ' (or the file has no evidence for your answer)' : ''}.</p>
        )}
      </div>
    </div>
  );
}

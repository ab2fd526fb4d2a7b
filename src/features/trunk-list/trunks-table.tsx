import { useState } from 'react';
import type { TrunkSummary } from '../../core/analysis/trunk-summary';
import { formatCount, formatPercent } from '../../lib/format';

interface Props {
  trunks: TrunkSummary[];
  displayName: (trunk: string) => string;
  onRename: (trunk: string, name: string) => void;
}

/** Every trunk found, worst first: attempts, answered, capacity (503 kin) and policy (603 kin) with n. */
export function TrunksTable({ trunks, displayName, onRename }: Props) {
  return (
    <section aria-labelledby="trunks-title" className="rounded-xl border border-line bg-panel p-5">
      <h2 id="trunks-title" className="text-lg font-semibold">
        Trunks
      </h2>
      <p className="text-sm text-muted">Worst first: share of attempts rejected for capacity (503 and kin) or policy (603 and kin).</p>
      <div className="mt-3 overflow-x-auto">
        <table className="tabular w-full text-left text-sm" data-testid="trunks-table">
          <thead className="text-muted">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                Trunk
              </th>
              <th scope="col" className="py-2 pr-3 text-right font-medium" title="Seizures: outbound attempts on this trunk">
                Attempts
              </th>
              <th scope="col" className="py-2 pr-3 text-right font-medium" title="ASR = answered / attempts (ITU-T E.411)">
                Answered
              </th>
              <th scope="col" className="py-2 pr-3 text-right font-medium" title="503 and kin: 502, 504, Q.850 34/38/41/42, FAILED/CONGESTION">
                <span className="whitespace-nowrap"><span className="text-capacity" aria-hidden="true">■</span> Capacity</span>
              </th>
              <th scope="col" className="py-2 pr-3 text-right font-medium" title="603 and kin: 401, 403, 407, 607, 608, Q.850 21">
                <span className="whitespace-nowrap"><span className="text-policy" aria-hidden="true">■</span> Policy</span>
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Results (top codes)
              </th>
              <th scope="col" className="py-2 font-medium" title="How each call's result is known: stated SIP code, mapped cause, or inferred disposition">
                Code source
              </th>
            </tr>
          </thead>
          <tbody>
            {trunks.map((t) => (
              <tr key={t.name} className="border-t border-line align-top" data-testid="trunk-row" data-trunk={t.name}>
                <th scope="row" className="py-2 pr-3 font-medium">
                  <TrunkName trunk={t.name} displayName={displayName(t.name)} onRename={onRename} />
                </th>
                <td className="py-2 pr-3 text-right">{formatCount(t.attempts)}</td>
                <td className="py-2 pr-3 text-right">
                  <Rate n={t.byOutcome.answered} d={t.attempts} />
                </td>
                <td className="py-2 pr-3 text-right text-capacity">
                  <Rate n={t.byOutcome.capacity} d={t.attempts} />
                </td>
                <td className="py-2 pr-3 text-right text-policy">
                  <Rate n={t.byOutcome.policy} d={t.attempts} />
                </td>
                <td className="py-2 pr-3">
                  {t.byCode.slice(0, 4).map((c, i) => (
                    <span key={c.code} className="whitespace-nowrap">
                      {i > 0 && ' · '}
                      <span className="font-medium">{c.code}</span> <span className="text-muted">{formatCount(c.count)}</span>
                    </span>
                  ))}
                </td>
                <td className="py-2 text-muted">
                  <Provenance p={t.codeProvenance} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Rate({ n, d }: { n: number; d: number }) {
  return (
    <span title={`${formatCount(n)} of ${formatCount(d)} attempts`} className="whitespace-nowrap">
      {formatPercent(n, d)} <span className="text-xs text-muted">({formatCount(n)})</span>
    </span>
  );
}

function Provenance({ p }: { p: TrunkSummary['codeProvenance'] }) {
  const parts: Array<[string, number, string]> = [
    ['SIP', p.sip, 'the file states the SIP response code'],
    ['cause', p.q850, 'mapped from a Q.850 / FreeSWITCH cause (≈503 means 503-like)'],
    ['disposition', p.disposition, 'inferred from an Asterisk disposition: no SIP code is known'],
    ['unknown', p.none, 'the file gives no result'],
  ];
  return (
    <>
      {parts
        .filter(([, n]) => n > 0)
        .map(([label, n, why], i) => (
          <span key={label} title={`${formatCount(n)} calls: ${why}`} className="whitespace-nowrap">
            {i > 0 && ' · '}
            {label} {formatCount(n)}
          </span>
        ))}
    </>
  );
}

function TrunkName({ trunk, displayName, onRename }: { trunk: string; displayName: string; onRename: (trunk: string, name: string) => void }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(displayName);
  if (editing) {
    return (
      <form
        className="flex gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          onRename(trunk, value);
          setEditing(false);
        }}
      >
        <input
          aria-label={`New name for ${trunk}`}
          value={value}
          autoFocus
          onChange={(e) => setValue(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
          className="w-40 rounded border border-line bg-canvas px-1"
        />
        <button type="submit" className="rounded border border-line px-2 text-xs">
          Save
        </button>
      </form>
    );
  }
  return (
    <span className="group inline-flex flex-wrap items-baseline gap-x-2">
      <span>{displayName || '(no trunk)'}</span>
      {displayName !== trunk && <span className="text-xs font-normal text-muted">{trunk}</span>}
      <button
        type="button"
        onClick={() => {
          setValue(displayName);
          setEditing(true);
        }}
        className="text-xs font-normal text-accent opacity-60 group-hover:opacity-100 focus-visible:opacity-100"
        aria-label={`Rename trunk ${displayName}`}
      >
        rename
      </button>
    </span>
  );
}

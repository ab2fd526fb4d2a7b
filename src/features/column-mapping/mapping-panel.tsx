import { useDeferredValue, useMemo, useState } from 'react';
import { headerSignature, type ColumnMapping, type ColumnRole } from '../../core/formats/format-module';
import { formatCount } from '../../lib/format';

const ROLE_LABELS: Array<[ColumnRole, string]> = [
  ['start', 'Start time'],
  ['answer', 'Answer time'],
  ['end', 'End time'],
  ['trunk', 'Trunk / carrier'],
  ['sipCode', 'SIP code'],
  ['reason', 'Reason phrase'],
  ['cause', 'Q.850 / hangup cause'],
  ['disposition', 'Disposition / status'],
  ['destination', 'Destination number'],
  ['callerId', 'Caller ID'],
  ['duration', 'Duration (s)'],
  ['talk', 'Talk time (s)'],
  ['callId', 'Call id'],
  ['direction', 'Direction (in / out / internal)'],
];

/** Headers up to this width are listed whole; wider ones list the mapped columns and a search. */
const LIST_ALL_UP_TO = 40;
/** At most this many search matches are drawn (a header may have hundreds of thousands of columns). */
const MATCHES_SHOWN = 50;

type Roles = Partial<Record<ColumnRole, number>>;

/**
 * For files read by guessing column roles from the header: shows each column's name, two of its
 * values and the role guessed for it, and lets the user correct it. The correction is remembered
 * for this header and the file is read again. Drawing is bounded: a header of any width renders at
 * most the mapped columns plus MATCHES_SHOWN search results.
 */
export function MappingPanel({ fileName, mapping, onApply }: { fileName: string; mapping: ColumnMapping; onApply: (signature: string, mapping: ColumnMapping) => void }) {
  const [roles, setRoles] = useState<Roles>(mapping.roles);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const width = mapping.header.length;
  const wide = width > LIST_ALL_UP_TO;
  const roleByColumn = useMemo(() => {
    const byColumn = new Map<number, ColumnRole>();
    for (const [role, index] of Object.entries(roles) as Array<[ColumnRole, number]>) byColumn.set(index, role);
    return byColumn;
  }, [roles]);
  const lowerNames = useMemo(() => (wide ? mapping.header.map((h) => h.toLowerCase()) : []), [wide, mapping.header]);

  const { shown, matches } = useMemo(() => {
    if (!wide) return { shown: mapping.header.map((_, i) => i), matches: null };
    const needle = deferredQuery.trim().toLowerCase();
    if (needle === '') return { shown: [...roleByColumn.keys()].sort((a, b) => a - b), matches: null };
    const found: number[] = [];
    let count = 0;
    lowerNames.forEach((name, i) => {
      if (!name.includes(needle)) return;
      count++;
      if (found.length < MATCHES_SHOWN) found.push(i);
    });
    return { shown: found, matches: count };
  }, [wide, deferredQuery, lowerNames, roleByColumn, mapping.header]);

  const changed = JSON.stringify(roles) !== JSON.stringify(mapping.roles);
  const setRole = (index: number, role: ColumnRole | '') =>
    setRoles((current) => {
      const next: Roles = {};
      for (const [r, i] of Object.entries(current) as Array<[ColumnRole, number]>) if (i !== index && r !== role) next[r] = i;
      if (role) next[role] = index;
      return next;
    });

  return (
    <section aria-label={`Columns of ${fileName}`} className="rounded-xl border border-line bg-panel p-5" data-testid="mapping-panel">
      <h3 className="font-semibold break-all">Columns of {fileName}</h3>
      <p className="text-sm text-muted">Guessed from the header names and values. Correct any that are wrong; the choice is remembered for files with this header.</p>
      <p className="tabular mt-2 text-sm" data-testid="mapping-count">
        {formatCount(width)} column{width === 1 ? '' : 's'}, {formatCount(roleByColumn.size)} with a role
        {wide && matches === null && <> — showing those; find any other column by name below.</>}
        {matches !== null && (
          <>
            {' '}
            — {formatCount(matches)} match{matches === 1 ? '' : 'es'} “{deferredQuery.trim()}”
            {matches > MATCHES_SHOWN && <>, showing the first {MATCHES_SHOWN}; type more to narrow it</>}
          </>
        )}
      </p>
      {wide && (
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          placeholder="Find a column by name"
          aria-label="Find a column by name"
          className="mt-2 w-full rounded border border-line bg-canvas px-2 py-1 text-sm"
        />
      )}
      <ul className="mt-3 divide-y divide-line" aria-label="Columns and their roles">
        {shown.map((index) => {
          const name = mapping.header[index] ?? '';
          const label = name || `(column ${index + 1})`;
          const values = mapping.samples?.[index] ?? [];
          return (
            <li key={index} className="grid grid-cols-1 items-center gap-x-3 gap-y-1 py-1.5 text-sm sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_11rem]" data-column={index}>
              <span className="font-mono break-all" title={`Column ${index + 1}`}>
                {label}
              </span>
              <span className="min-w-0 truncate font-mono text-xs text-muted" title={values.join('\n')}>
                {values.length > 0 ? values.join(' · ') : '(no values in the first rows)'}
              </span>
              <select
                aria-label={`Role of column ${name || index + 1}`}
                value={roleByColumn.get(index) ?? ''}
                onChange={(e) => setRole(index, e.currentTarget.value as ColumnRole | '')}
                className="rounded border border-line bg-canvas px-1 py-0.5"
              >
                <option value="">— not used —</option>
                {ROLE_LABELS.map(([role, text]) => (
                  <option key={role} value={role}>
                    {text}
                  </option>
                ))}
              </select>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        disabled={!changed}
        onClick={() => onApply(headerSignature(mapping.header), { header: mapping.header, roles })}
        className="mt-4 rounded-lg bg-accent px-3 py-1.5 text-sm font-medium text-white disabled:opacity-40 dark:text-slate-950"
      >
        Apply and read again
      </button>
    </section>
  );
}

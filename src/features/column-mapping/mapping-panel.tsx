import { useState } from 'react';
import { headerSignature, type ColumnMapping, type ColumnRole } from '../../core/formats/format-module';

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
];

/**
 * For files read by guessing column roles from the header: shows the guess and lets the user
 * correct it. The correction is remembered for this header and the file is read again.
 */
export function MappingPanel({ fileName, mapping, onApply }: { fileName: string; mapping: ColumnMapping; onApply: (signature: string, mapping: ColumnMapping) => void }) {
  const [roles, setRoles] = useState<Partial<Record<ColumnRole, number>>>(mapping.roles);
  const roleOfColumn = (index: number): ColumnRole | '' => (Object.entries(roles).find(([, i]) => i === index)?.[0] as ColumnRole | undefined) ?? '';
  const changed = JSON.stringify(roles) !== JSON.stringify(mapping.roles);
  return (
    <section aria-label={`Columns of ${fileName}`} className="rounded-xl border border-line bg-panel p-5" data-testid="mapping-panel">
      <h3 className="font-semibold">Columns of {fileName}</h3>
      <p className="text-sm text-muted">Guessed from the header names. Correct any that are wrong; the choice is remembered for files with this header.</p>
      <div className="mt-3 grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3">
        {mapping.header.map((name, index) => (
          <label key={`${name}-${index}`} className="flex items-center justify-between gap-2 text-sm">
            <span className="truncate font-mono" title={name}>
              {name || `(column ${index + 1})`}
            </span>
            <select
              aria-label={`Role of column ${name || index + 1}`}
              value={roleOfColumn(index)}
              onChange={(e) => {
                const role = e.currentTarget.value as ColumnRole | '';
                setRoles((current) => {
                  const next: Partial<Record<ColumnRole, number>> = {};
                  for (const [r, i] of Object.entries(current) as Array<[ColumnRole, number]>) if (i !== index && r !== role) next[r] = i;
                  if (role) next[role] = index;
                  return next;
                });
              }}
              className="rounded border border-line bg-canvas px-1 py-0.5"
            >
              <option value="">— not used —</option>
              {ROLE_LABELS.map(([role, label]) => (
                <option key={role} value={role}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
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

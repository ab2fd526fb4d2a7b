import { ChooseFilesButton } from './choose-files-button';
import { LockIcon } from '../../components/ui/lock-icon';

const FORMATS: Array<[string, string]> = [
  ['VICIdial', 'Carrier Log Report download, Export Calls Report (carrier)'],
  ['Asterisk', 'Master.csv (cdr_csv, 16–21 columns), cdr_custom, CDR table exports'],
  ['FreePBX', 'CDR Reports CSV, asteriskcdrdb cdr dumps'],
  ['FreeSWITCH', 'mod_cdr_csv templates (example, default, sql, snom, linksys, asterisk, opencdrrate)'],
  ['Kamailio / OpenSIPS', 'acc and missed_calls exports or SQL dumps, dr_gateways names'],
  ['Anything else', 'any CSV/TSV with a header: carrier portal exports; you confirm the columns'],
];

/** The first screen: what to drop, what is read, and the promise that nothing leaves the browser. */
export function WelcomePanel({ onFiles, onSample }: { onFiles: (files: File[]) => void; onSample: () => void }) {
  return (
    <section aria-labelledby="welcome-title" className="mx-auto mt-10 max-w-3xl rounded-2xl border-2 border-dashed border-line bg-panel p-10 text-center">
      <h2 id="welcome-title" className="text-2xl font-semibold">
        Drop a CDR export anywhere on this page
      </h2>
      <p className="mx-auto mt-3 max-w-xl text-muted">
        See which trunk is rejected, with what (503 capacity or 603 policy), since when, and along which pattern. Several files at once, .gz,
        .zip and Excel .xlsx are fine.
      </p>
      <div className="mt-6 flex justify-center gap-3">
        <ChooseFilesButton onFiles={onFiles} primary />
        <button
          type="button"
          onClick={onSample}
          className="rounded-lg border border-line bg-panel px-4 py-2 font-medium hover:bg-canvas focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
        >
          Try a sample day
        </button>
      </div>
      <p className="mt-2 text-sm text-muted">The sample day is a generated VICIdial Export Calls Report: ten carriers, each with a different problem.</p>
      <p className="mt-4 text-sm text-muted">
        <LockIcon /> Files are read in this browser tab. Nothing is uploaded, ever.
      </p>
      <dl className="mx-auto mt-8 grid max-w-2xl grid-cols-1 gap-x-6 gap-y-2 text-left text-sm sm:grid-cols-[auto_1fr]">
        {FORMATS.map(([name, what]) => (
          <div key={name} className="contents">
            <dt className="font-medium">{name}</dt>
            <dd className="text-muted">{what}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

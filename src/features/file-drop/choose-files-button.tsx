import { useRef } from 'react';

/**
 * A real button that opens the file picker (several files, .gz, .zip and Excel .xlsx allowed). `inputLabel` names the
 * picker for assistive technology (and tests): what the chosen files will do.
 */
export function ChooseFilesButton({
  onFiles,
  label = 'Choose files…',
  inputLabel = 'CDR files to read',
  title,
  primary = false,
}: {
  onFiles: (files: File[]) => void;
  label?: string;
  inputLabel?: string;
  title?: string;
  primary?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => input.current?.click()}
        title={title}
        className={
          primary
            ? 'rounded-lg bg-accent px-4 py-2 font-medium text-white shadow-sm hover:opacity-90 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent dark:text-slate-950'
            : 'rounded-lg border border-line bg-panel px-3 py-1.5 font-medium hover:bg-canvas focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent'
        }
      >
        {label}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        aria-label={inputLabel}
        className="sr-only"
        tabIndex={-1}
        accept=".csv,.tsv,.txt,.sql,.gz,.zip,.xlsx,.xlsm,.cdr,text/csv,text/plain,application/gzip,application/zip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = '';
          onFiles(files);
        }}
      />
    </>
  );
}

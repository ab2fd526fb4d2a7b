import { useRef } from 'react';

/** A real button that opens the file picker (several files, .gz allowed). */
export function ChooseFilesButton({ onFiles, label = 'Choose files…', primary = false }: { onFiles: (files: File[]) => void; label?: string; primary?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => input.current?.click()}
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
        aria-label="CDR files to read"
        className="sr-only"
        tabIndex={-1}
        accept=".csv,.tsv,.txt,.sql,.gz,.cdr,text/csv,text/plain,application/gzip"
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = '';
          onFiles(files);
        }}
      />
    </>
  );
}

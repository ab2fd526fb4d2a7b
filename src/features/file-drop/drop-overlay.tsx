/** The page-wide drop target shown while files are dragged over the window. */
export function DropOverlay({ visible, loadedFiles }: { visible: boolean; loadedFiles: number }) {
  if (!visible) return null;
  return (
    <div
      className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center bg-accent/10 backdrop-blur-[1px]"
      data-testid="drop-overlay"
    >
      <div className="mx-4 rounded-2xl border-4 border-dashed border-accent bg-panel/95 px-8 py-10 text-center shadow-xl sm:px-12">
        <p className="text-2xl font-semibold">
          {loadedFiles === 0 ? 'Drop CDR files to read them' : `Drop to add to the ${loadedFiles === 1 ? 'file' : `${loadedFiles} files`} loaded`}
        </p>
        <p className="mt-2 text-muted">
          {loadedFiles === 0 ? 'Read here in your browser. Nothing is uploaded.' : 'A file already loaded counts once. To start over instead, use “Replace all…”.'}
        </p>
      </div>
    </div>
  );
}

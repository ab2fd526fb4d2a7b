/** The page-wide drop target shown while files are dragged over the window. */
export function DropOverlay({ visible }: { visible: boolean }) {
  if (!visible) return null;
  return (
    <div
      className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center bg-accent/10 backdrop-blur-[1px]"
      data-testid="drop-overlay"
    >
      <div className="rounded-2xl border-4 border-dashed border-accent bg-panel/95 px-12 py-10 text-center shadow-xl">
        <p className="text-2xl font-semibold">Drop CDR files to read them</p>
        <p className="mt-2 text-muted">Read here in your browser. Nothing is uploaded.</p>
      </div>
    </div>
  );
}

/**
 * "Skip to …" links, hidden until focused (the first Tab on the page). They move the focus with
 * script, not with "#id": the address fragment is where a shared diagnosis travels.
 */
export function SkipLinks({ targets }: { targets: ReadonlyArray<{ id: string; label: string }> }) {
  return (
    <nav aria-label="Skip links" className="contents">
      {targets.map((t) => (
        <a
          key={t.id}
          href={`#${t.id}`}
          onClick={(e) => {
            e.preventDefault();
            const el = document.getElementById(t.id);
            if (!el) return;
            el.focus({ preventScroll: true });
            el.scrollIntoView({ block: 'start' });
          }}
          className="sr-only rounded-lg bg-accent px-3 py-2 text-sm font-medium text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
        >
          {t.label}
        </a>
      ))}
    </nav>
  );
}

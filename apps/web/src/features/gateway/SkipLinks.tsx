/** Where a skip link goes: the id of a heading with tabIndex -1 inside the side panel, and what the link says. */
export interface SkipTarget {
  id: string;
  label: string;
}

/**
 * Links at the top of the gateway page past the toolbar and every chain and rule of the graph, straight to the
 * diagnostics or the trace form; hidden until focused. The panel may be collapsed, so `onBeforeSkip` opens it first
 * and the focus moves once it is drawn.
 */
export function SkipLinks({ targets, onBeforeSkip }: { targets: readonly SkipTarget[]; onBeforeSkip: () => void }) {
  return (
    <nav className="skip-links" aria-label="Skip links">
      {targets.map((t) => (
        <a
          key={t.id}
          href={`#${t.id}`}
          className="skip-link"
          onClick={(event) => {
            // Not a navigation: the router would take the hash as a new location; move focus and scroll instead.
            event.preventDefault();
            onBeforeSkip();
            window.requestAnimationFrame(() => {
              const target = document.getElementById(t.id);
              target?.scrollIntoView?.({ block: 'start' });
              target?.focus({ preventScroll: true });
            });
          }}
        >
          {t.label}
        </a>
      ))}
    </nav>
  );
}

import { useEffect, useRef, useState } from 'react';

/** Whether a key press belongs to a field being typed in (so `/` there is a slash, not a shortcut). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.tagName === 'INPUT' ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT'
  );
}

/**
 * The filter box of a page and, below the toolbar, what was wrong with the filter (not silently ignored). `/`
 * anywhere but in a field focuses it, as on GitHub and in Grafana: the filter is the page's first tool.
 */
export function FilterField({
  label,
  placeholder,
  value,
  onChange,
  describedBy,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  describedBy: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  // The text lives here while the field has focus: the page's value comes back through the URL a navigation later,
  // and a controlled input fed only from it drops what is typed in between ("10.0.1.0/24" typed fast read "10..24").
  // Changes from elsewhere (back, a link, a clear button) arrive while the field has no focus and are taken then.
  const [text, setText] = useState(value);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setText(value);
  }, [value]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (
        event.key !== '/' ||
        event.ctrlKey ||
        event.metaKey ||
        event.altKey ||
        event.defaultPrevented ||
        isTyping(event.target)
      )
        return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <label className="field filter-field">
      <span className="visually-hidden">{label}</span>
      <input
        ref={input}
        type="search"
        placeholder={placeholder}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value);
        }}
        onFocus={() => {
          focused.current = true;
        }}
        onBlur={() => {
          focused.current = false;
          setText(value);
        }}
        spellCheck={false}
        aria-describedby={describedBy}
        aria-keyshortcuts="/"
        title="Filter (press / to come here)"
      />
    </label>
  );
}

/** The problems of a filter, one per invalid token. */
export function FilterProblems({ problems }: { problems: readonly string[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="filter-problems" role="alert">
      {problems.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}

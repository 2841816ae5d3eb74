/** The filter box of a page and, below the toolbar, what was wrong with the filter (not silently ignored). */
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
  return (
    <label className="field filter-field">
      <span className="visually-hidden">{label}</span>
      <input
        type="search"
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        spellCheck={false}
        aria-describedby={describedBy}
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

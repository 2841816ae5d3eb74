/** An object's YAML behind a disclosure (it is long, and rarely what one looks at first); nothing without YAML. */
export function YamlDisclosure({ yaml, kind, name }: { yaml: string | undefined; kind: string; name: string }) {
  if (!yaml) return null;
  return (
    <details className="disclosure yaml-disclosure">
      <summary>
        YAML
        <span className="visually-hidden">
          {' '}
          of {kind} {name}
        </span>
      </summary>
      <pre className="yaml-disclosure__text">{yaml}</pre>
    </details>
  );
}

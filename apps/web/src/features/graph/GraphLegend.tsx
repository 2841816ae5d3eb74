import { useId, useState } from 'react';

/** One line of the legend: a sample drawn with the graph's own classes, and what it means. */
const ENTRIES: {
  sample:
    'hook' | 'kube-ovn' | 'operator' | 'error' | 'warning' | 'info' | 'jump' | 'idle' | 'orphaned' | 'differs' | 'fold';
  text: string;
}[] = [
  { sample: 'hook', text: 'built-in chain (a hook the kernel calls); its counters are its policy’s' },
  { sample: 'kube-ovn', text: 'chain Kube-OVN’s nat-gateway.sh creates' },
  { sample: 'operator', text: 'chain someone else added (drawn the same way, never an orphan of Kube-OVN)' },
  { sample: 'error', text: 'rule named by an error diagnostic (a header says how many)' },
  { sample: 'warning', text: 'rule named by a warning, e.g. shadowed: never matches' },
  { sample: 'info', text: 'rule named by an info diagnostic' },
  { sample: 'jump', text: 'jump: leaves from the jumping rule, labelled with its packets; width grows with traffic' },
  { sample: 'idle', text: 'jump no packet has taken (0 packets)' },
  { sample: 'orphaned', text: 'rule no kubeovn.io object owns (desired vs actual)' },
  { sample: 'differs', text: 'rule that is not what its kubeovn.io object wants' },
  { sample: 'fold', text: 'rules folded away: open the chain or filter to see them' },
];

function Sample({ sample }: { sample: (typeof ENTRIES)[number]['sample'] }) {
  switch (sample) {
    case 'hook':
    case 'kube-ovn':
    case 'operator':
      return <span className={`legend-sample legend-sample--chain chain-node--${sample}`} aria-hidden="true" />;
    case 'error':
    case 'warning':
    case 'info':
      return <span className={`legend-sample sev-dot sev-dot--${sample}`} aria-hidden="true" />;
    case 'jump':
    case 'idle':
      return (
        <svg className="legend-sample legend-sample--edge" width="30" height="10" aria-hidden="true">
          <line
            x1="1"
            y1="5"
            x2="29"
            y2="5"
            className={sample === 'idle' ? 'legend-edge legend-edge--idle' : 'legend-edge'}
          />
        </svg>
      );
    case 'orphaned':
    case 'differs':
      return <span className={`drift-tag drift-tag--${sample}`}>{sample}</span>;
    case 'fold':
      return <span className="legend-sample legend-sample--fold" aria-hidden="true" />;
  }
}

/** "Legend", one click away on the graph: what the colours, markers, edges and tags mean. */
export function GraphLegend() {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="graph-key">
      <button
        type="button"
        className="btn btn--small"
        aria-expanded={open}
        aria-controls={id}
        data-testid="graph-legend-toggle"
        onClick={() => setOpen((o) => !o)}
      >
        Legend
      </button>
      {open && (
        <ul
          id={id}
          className="graph-key__list"
          data-testid="graph-legend"
          aria-label="What the graph's colours and marks mean"
        >
          {ENTRIES.map((entry) => (
            <li key={entry.sample} className="graph-key__item">
              <Sample sample={entry.sample} />
              <span>{entry.text}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import { traceApiQuery, type TraceFields } from '../../lib/trace-link.js';
import type { TracePreset } from './trace-presets.js';

/**
 * "Trace" buttons beside a mapping (rule details, EIP table): each traces a packet that exercises the mapping and
 * shows the result in the trace panel; the button of the trace shown is pressed. Compact buttons say only the
 * direction; their accessible name says everything.
 */
export function TraceMappingButtons({
  presets,
  traced = null,
  onTrace,
  compact = false,
}: {
  presets: readonly TracePreset[];
  /** The trace the page shows, if any. */
  traced?: TraceFields | null;
  onTrace: (fields: TraceFields) => void;
  compact?: boolean;
}) {
  if (presets.length === 0) return null;
  // Compared as the API query: the same packet whatever empty fields or defaults the link left out.
  const shown = traced ? traceApiQuery(traced) : null;
  return (
    <span className="trace-actions">
      {presets.map((preset) => {
        const active = traceApiQuery(preset.fields) === shown;
        return (
          <button
            key={preset.label}
            type="button"
            className={active ? 'trace-action trace-action--active' : 'trace-action'}
            aria-pressed={active}
            aria-label={`Trace ${preset.label}`}
            title={`Trace ${preset.label}`}
            onClick={(event) => {
              // Rows and links around the button select rules; a trace is a separate action.
              event.stopPropagation();
              onTrace(preset.fields);
            }}
          >
            <span aria-hidden="true">▸</span> trace
            {compact ? (presets.length > 1 ? ` ${preset.short}` : '') : ` ${preset.action}`}
          </button>
        );
      })}
    </span>
  );
}

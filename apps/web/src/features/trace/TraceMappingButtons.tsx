import type { TraceFields } from '../../lib/trace-link.js';
import type { TracePreset } from './trace-presets.js';

/**
 * "Trace" buttons beside a mapping (rule details, EIP table): each traces a packet that exercises the mapping and
 * shows the result in the trace panel. Compact buttons say only the direction; their accessible name says everything.
 */
export function TraceMappingButtons({ presets, onTrace, compact = false }: { presets: readonly TracePreset[]; onTrace: (fields: TraceFields) => void; compact?: boolean }) {
  if (presets.length === 0) return null;
  return (
    <span className="trace-actions">
      {presets.map((preset) => (
        <button
          key={preset.label}
          type="button"
          className="trace-action"
          aria-label={`Trace ${preset.label}`}
          title={`Trace ${preset.label}`}
          onClick={(event) => {
            // Rows and links around the button select rules; a trace is a separate action.
            event.stopPropagation();
            onTrace(preset.fields);
          }}
        >
          <span aria-hidden="true">▸</span> trace{compact ? (presets.length > 1 ? ` ${preset.short}` : '') : ` ${preset.action}`}
        </button>
      ))}
    </span>
  );
}

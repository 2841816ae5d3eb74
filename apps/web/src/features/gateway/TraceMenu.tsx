import { useEffect, useId, useRef, useState } from 'react';
import { traceApiQuery, type TraceFields } from '../../lib/trace-link.js';
import type { TracePreset } from '../trace/trace-presets.js';
import './gateway.css';

/**
 * One "Trace ▾" for a table cell of mappings: a disclosure listing a packet per mapping and direction, opening in
 * place. A cell with several port forwards or SNAT sources used to carry a row of tiny buttons each; one 24 px toggle
 * keeps the table a calm read and every target large. Escape, a choice, the toggle or a click elsewhere close it.
 */
export function TraceMenu({
  label,
  presets,
  traced = null,
  onTrace,
}: {
  /** The toggle's accessible name, starting with its visible "Trace": `Trace port forwards of 192.168.100.10`. */
  label: string;
  presets: readonly TracePreset[];
  /** The trace the page shows: its preset reads as pressed, and the toggle says one of its packets is traced. */
  traced?: TraceFields | null;
  onTrace: (fields: TraceFields) => void;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const box = useRef<HTMLSpanElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    // On click, not on pointer or focus moving away: the list opens in place, so closing it moves what is below;
    // closed at pointer-down, the target under the pointer would move before the click lands (another row's toggle).
    // Capturing, since the buttons around stop their clicks from bubbling.
    const onClick = (event: MouseEvent) => {
      if (!box.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, [open]);
  if (presets.length === 0) return null;
  // Compared as the API query: the same packet whatever empty fields or defaults the link left out.
  const shown = traced ? traceApiQuery(traced) : null;
  const isShown = (preset: TracePreset) => traceApiQuery(preset.fields) === shown;
  const anyShown = presets.some(isShown);
  return (
    <span
      className="trace-menu"
      ref={box}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return;
        // Only the list closes: the page's own Escape (closing rule details) waits for the next press.
        event.stopPropagation();
        setOpen(false);
        toggle.current?.focus();
      }}
    >
      <button
        type="button"
        ref={toggle}
        className={
          anyShown ? 'trace-action trace-menu__toggle trace-action--active' : 'trace-action trace-menu__toggle'
        }
        aria-expanded={open}
        aria-controls={id}
        aria-label={anyShown ? `${label} (one is traced)` : label}
        onClick={(event) => {
          // Rows and links around the menu select rules; a trace is a separate action.
          event.stopPropagation();
          setOpen((o) => !o);
        }}
      >
        Trace <span aria-hidden="true">▾</span>
      </button>
      <span id={id} className="trace-menu__list" role="group" aria-label={label} hidden={!open}>
        {presets.map((preset) => (
          <button
            key={preset.label}
            type="button"
            className={isShown(preset) ? 'trace-menu__item trace-menu__item--active' : 'trace-menu__item'}
            aria-pressed={isShown(preset)}
            aria-label={`Trace ${preset.label}`}
            onClick={(event) => {
              event.stopPropagation();
              setOpen(false);
              onTrace(preset.fields);
            }}
          >
            {preset.label}
          </button>
        ))}
      </span>
    </span>
  );
}

import type { ReactNode } from 'react';

/** A box that says why something is empty or failed and what to do about it (never a blank screen). */
export function EmptyState({ title, tone = 'info', children }: { title: string; tone?: 'info' | 'warning' | 'error'; children?: ReactNode }) {
  return (
    <section className={`empty-state empty-state--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

import type { ReactNode } from 'react';

/**
 * A box that says why something is empty or failed and what to do about it (never a blank screen). `level` 1 when
 * the box is the whole page (a 404), so the page still has its one `h1`.
 */
export function EmptyState({
  title,
  tone = 'info',
  level = 2,
  children,
}: {
  title: string;
  tone?: 'info' | 'warning' | 'error';
  level?: 1 | 2;
  children?: ReactNode;
}) {
  const Heading = level === 1 ? 'h1' : 'h2';
  return (
    <section className={`empty-state empty-state--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <Heading className="empty-state__title">{title}</Heading>
      {children}
    </section>
  );
}

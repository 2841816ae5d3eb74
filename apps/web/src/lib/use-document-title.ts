import { useEffect } from 'react';

/**
 * Names the page in the browser tab, history and screen readers' window title: `title · natscope`
 * (e.g. `busy · tenant-b · natscope`), specific part first so a row of tabs still tells pages apart.
 */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · natscope`;
  }, [title]);
}

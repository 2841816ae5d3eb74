import { Link, useLocation } from 'react-router';
import { EmptyState } from '../lib/EmptyState.js';
import { useDocumentTitle } from '../lib/use-document-title.js';

/** Any path the app does not know: say so and lead back to the fleet. */
export function NotFoundPage() {
  const location = useLocation();
  useDocumentTitle('No such page');
  return (
    <EmptyState title="No such page" tone="warning" level={1}>
      <p>
        <code>{location.pathname}</code> is not a natscope page. Gateways live at{' '}
        <code>/gateways/&lt;namespace&gt;/&lt;name&gt;</code>.
      </p>
      <p>
        <Link to="/">Back to the fleet</Link>
      </p>
    </EmptyState>
  );
}

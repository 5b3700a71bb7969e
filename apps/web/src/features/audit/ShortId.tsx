import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/**
 * An id in the trail, shortened to its first characters for reading, whole for screen readers and on
 * hover; following it searches the trail by it (what this user did, what happened to this child).
 */
export function ShortId({ id, filter, label }: { id: string; filter: string; label: string }) {
  const { t } = useTranslation('audit');
  return (
    <Link to={`/audit?${new URLSearchParams({ [filter]: id })}`} title={id} aria-label={t('searchBy', { what: label, id })}>
      <code>{id.length > 12 ? id.slice(0, 8) : id}</code>
    </Link>
  );
}

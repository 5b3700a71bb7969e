import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/**
 * The main menu's entries for loading files and administration, each only for who may use what it
 * opens (GET /me; the server still decides). Their words come from the screens' own namespaces,
 * fetched without holding up the shell.
 */
export function AdminLinks({ can }: { can: (permission: string) => boolean }) {
  const { t, ready } = useTranslation(['imports', 'admin'], { useSuspense: false });
  if (!ready) return null;
  return (
    <>
      {can('create:Import') && (
        <NavLink to="/imports" className="shell-link">
          {t('imports:title')}
        </NavLink>
      )}
      {(can('create:Organization') || can('create:User') || can('update:Holiday')) && (
        <NavLink to="/admin" className="shell-link">
          {t('admin:nav')}
        </NavLink>
      )}
    </>
  );
}

import { Alert, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { useMe } from '../../shared/api/me';
import { CalendarScreen } from './CalendarScreen';
import { OrganizationsScreen } from './OrganizationsScreen';
import { UsersScreen } from './UsersScreen';
import './admin.css';

/** Who may open which admin screen (GET /me's permissions; the server still decides). */
const SCREENS = [
  { path: 'organizations', needs: 'create:Organization', element: <OrganizationsScreen /> },
  { path: 'users', needs: 'create:User', element: <UsersScreen /> },
  { path: 'calendar', needs: 'update:Holiday', element: <CalendarScreen /> },
] as const;

/** /admin/* — the organisation directory, user accounts and the working-day calendar, one tab each. */
export function AdminPage() {
  const { t } = useTranslation('admin');
  const me = useMe();
  if (me.isPending) return <Skeleton active />;
  const screens = SCREENS.filter((screen) => me.data?.permissions.includes(screen.needs));
  if (!screens.length) return <Alert type="info" showIcon title={t('notAllowed')} />;
  return (
    <section aria-labelledby="admin-title" className="admin-page">
      <Typography.Title level={1} id="admin-title">
        {t('title')}
      </Typography.Title>
      <nav aria-label={t('sections')} className="admin-tabs">
        {screens.map((screen) => (
          <NavLink key={screen.path} to={`/admin/${screen.path}`} className="admin-tab">
            {t(`${screen.path}.title`)}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route index element={<Navigate to={screens[0].path} replace />} />
        {screens.map((screen) => (
          <Route key={screen.path} path={screen.path} element={screen.element} />
        ))}
      </Routes>
    </section>
  );
}

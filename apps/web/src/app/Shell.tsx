import { App as AntApp, Button, Layout, Skeleton, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../shared/api/client';
import { useMe } from '../shared/api/me';
import { currentTokens, onSessionChange, storeTokens } from '../shared/api/session';
import { useUnreadCount } from '../features/notifications/api';
import { AdminLinks } from './AdminLinks';
import { LanguageSwitch } from './LanguageSwitch';

/** The signed-in frame: who and where you are, the language, sign out; the page below. */
export function Shell() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const unread = useUnreadCount();
  const can = (permission: string) => me.data?.permissions.includes(permission) ?? false;
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  const queryClient = useQueryClient();
  const signingOut = useRef(false);
  // When the session ends, nothing of it stays in memory for whoever signs in next on this tab. One
  // that ends while the user works (refresh refused: idle too long, revoked) sends them to sign in
  // again and back to the same page, saying why.
  useEffect(
    () => onSessionChange((tokens) => {
      if (tokens) return;
      queryClient.clear();
      navigate('/sign-in', { replace: true, state: signingOut.current ? null : { from: here, expired: true } });
    }),
    [navigate, here, queryClient],
  );
  if (!currentTokens()) return <Navigate to="/sign-in" replace state={{ from: here }} />;
  const organization = me.data?.organization;
  const orgName = organization ? (i18n.language === 'ru' ? organization.nameRu : organization.nameKk) : null;

  async function signOut() {
    await api.POST('/api/v1/auth/logout').catch(() => undefined);
    signingOut.current = true;
    storeTokens(null);
  }

  // antd's App (context for message, modal and notification) wraps the signed-in screens only: the
  // sign-in page needs none of it, and its first load stays smaller.
  return (
    <AntApp component={false}>
      <Layout className="shell">
        <Layout.Header className="shell-header">
          <Space size="large">
            <Typography.Text strong className="brand">
              {t('appName')}
            </Typography.Text>
            {me.data && (
              <nav aria-label={t('mainMenu')} className="shell-nav">
                {/* Each link only for who may use what it opens (GET /me); the server still decides. */}
                {can('read:Worklist') && (
                  <NavLink to="/" end className="shell-link">
                    {t('home')}
                  </NavLink>
                )}
                {can('read:Child') && (
                  <NavLink to="/children" className="shell-link">
                    {t('findChild')}
                  </NavLink>
                )}
                {can('read:Referral') && <NavLink to="/referrals" className="shell-link">{t('referrals')}</NavLink>}
                {can('read:Placement') && <NavLink to="/placements" className="shell-link">{t('placements')}</NavLink>}
                {can('respond:Referral') && <NavLink to="/waitlist" className="shell-link">{t('waitlist')}</NavLink>}
                {can('read:Report') && <NavLink to="/reports" className="shell-link">{t('reports')}</NavLink>}
                {can('break_glass:Child') && <NavLink to="/break-glass" className="shell-link">{t('breakGlass')}</NavLink>}
                {can('read:AuditLog') && <NavLink to="/audit" end className="shell-link">{t('audit')}</NavLink>}
                {can('review:AuditLog') && <NavLink to="/audit/break-glass" className="shell-link">{t('breakGlassReview')}</NavLink>}
                <AdminLinks can={can} />
              </nav>
            )}
          </Space>
          <Space size="middle">
            {me.data && (
              <NavLink to="/profile" className="shell-link who">
                {me.data.user.fullName}
                {orgName ? ` · ${orgName}` : ''}
              </NavLink>
            )}
            <NavLink to="/notifications" className="shell-link" title={t('notificationsBell', { count: unread.data?.unread ?? 0 })}>
              {t('notifications')}
              {Boolean(unread.data?.unread) && <span className="shell-count">{unread.data!.unread}</span>}
            </NavLink>
            <LanguageSwitch />
            <Button onClick={() => void signOut()}>{t('signOut')}</Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="shell-content">
          <Suspense fallback={<Skeleton active />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </AntApp>
  );
}

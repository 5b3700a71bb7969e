import { Button, Layout, Skeleton, Space, Typography } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, useNavigate } from 'react-router';
import { api } from '../shared/api/client';
import { useMe } from '../shared/api/me';
import { currentTokens, storeTokens } from '../shared/api/session';
import { LanguageSwitch } from './LanguageSwitch';

/** The signed-in frame: who and where you are, the language, sign out; the page below. */
export function Shell() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  if (!currentTokens()) return <Navigate to="/sign-in" replace />;
  const organization = me.data?.organization;
  const orgName = organization ? (i18n.language === 'ru' ? organization.nameRu : organization.nameKk) : null;

  async function signOut() {
    await api.POST('/api/v1/auth/logout').catch(() => undefined);
    storeTokens(null);
    navigate('/sign-in', { replace: true });
  }

  return (
    <Layout className="shell">
      <Layout.Header className="shell-header">
        <Space size="large">
          <Typography.Text strong className="brand">
            {t('appName')}
          </Typography.Text>
          {me.data?.permissions.includes('read:Child') && (
            <nav aria-label={t('mainMenu')} className="shell-nav">
              <NavLink to="/" end className="shell-link">
                {t('home')}
              </NavLink>
              <NavLink to="/children" className="shell-link">
                {t('findChild')}
              </NavLink>
              {me.data.permissions.includes('read:Referral') && <NavLink to="/referrals" className="shell-link">{t('referrals')}</NavLink>}
              {me.data.permissions.includes('respond:Referral') && <NavLink to="/waitlist" className="shell-link">{t('waitlist')}</NavLink>}
            </nav>
          )}
        </Space>
        <Space size="middle">
          {me.data && (
            <Typography.Text className="who">
              {me.data.user.fullName}
              {orgName ? ` · ${orgName}` : ''}
            </Typography.Text>
          )}
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
  );
}

import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { api, ApiError, unwrap } from '../../shared/api/client';
import { useErrorMessage } from '../../shared/api/errors';
import { storeTokens } from '../../shared/api/session';
import { formatDateTime, type Language, rememberLanguage } from '../../shared/i18n/i18n';
import { LanguageSwitch } from '../../app/LanguageSwitch';

interface Credentials {
  username: string;
  password: string;
}

export function SignInPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  // Sent here by the shell: the page the user was on, and whether their session had ended there.
  const { state } = useLocation() as { state: { from?: string; expired?: boolean } | null };
  const message = useErrorMessage();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function signIn(values: Credentials) {
    setBusy(true);
    setError(null);
    try {
      storeTokens(await unwrap(api.POST('/api/v1/auth/login', { body: values })));
      // The app speaks the language the user chose last time, on whatever device.
      const me = await unwrap(api.GET('/api/v1/me'));
      if (me.user.locale !== i18n.language) {
        rememberLanguage(me.user.locale as Language);
        await i18n.changeLanguage(me.user.locale);
      }
      navigate(state?.from ?? '/', { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const lockedUntil = error instanceof ApiError && typeof error.problem.lockedUntil === 'string' ? error.problem.lockedUntil : null;
  return (
    <main className="signin">
      <Card className="signin-card">
        <Typography.Title level={1}>{t('appName')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('tagline')}</Typography.Paragraph>
        <Typography.Title level={2}>{t('auth:title')}</Typography.Title>
        {error === null && state?.expired && <Alert role="status" type="info" showIcon title={t('auth:sessionEnded')} />}
        {error !== null && (
          <Alert
            role="alert"
            type="error"
            showIcon
            title={message(error)}
            description={lockedUntil ? t('auth:lockedUntil', { time: formatDateTime(lockedUntil) }) : undefined}
          />
        )}
        <Form<Credentials> layout="vertical" onFinish={signIn} requiredMark={false}>
          <Form.Item name="username" label={t('auth:username')} rules={[{ required: true, message: t('auth:usernameRequired') }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('auth:password')} rules={[{ required: true, message: t('auth:passwordRequired') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            {t('auth:submit')}
          </Button>
        </Form>
        <LanguageSwitch />
      </Card>
    </main>
  );
}

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import kkKZ from 'antd/locale/kk_KZ';
import ruRU from 'antd/locale/ru_RU';
import { useTranslation } from 'react-i18next';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError } from '../shared/api/client';

// Route-level code splitting: the sign-in page loads only what signing in needs.
const SignInPage = lazy(() => import('../features/auth/SignInPage').then((m) => ({ default: m.SignInPage })));
const Shell = lazy(() => import('./Shell').then((m) => ({ default: m.Shell })));
const HomePage = lazy(() => import('../features/worklist/HomePage').then((m) => ({ default: m.HomePage })));
const CasePage = lazy(() => import('../features/cases/CasePage').then((m) => ({ default: m.CasePage })));
const AssessmentPage = lazy(() => import('../features/assessments/AssessmentPage').then((m) => ({ default: m.AssessmentPage })));
// Both children screens come from one chunk (search, then register).
const FindChildPage = lazy(() => import('../features/children').then((m) => ({ default: m.FindChildPage })));
const RegisterChildPage = lazy(() => import('../features/children').then((m) => ({ default: m.RegisterChildPage })));

const ANTD_LOCALES = { kk: kkKZ, ru: ruRU, en: enUS } as const;

// antd's default secondary greys and link blue (#1677ff, 4.1:1 on white) fall short of WCAG AA contrast (4.5:1); ours do not.
const THEME = {
  token: { colorPrimary: '#0b6e4f', colorLink: '#0b6e4f', colorTextSecondary: 'rgba(0, 0, 0, 0.68)', colorTextDescription: 'rgba(0, 0, 0, 0.68)' },
};

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx is an answer, not a glitch: retrying it changes nothing.
      retry: (count, error) => !(error instanceof ApiError && error.problem.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={ANTD_LOCALES[i18n.language as keyof typeof ANTD_LOCALES] ?? kkKZ} theme={THEME}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Suspense>
              <Routes>
                <Route path="/sign-in" element={<SignInPage />} />
                <Route element={<Shell />}>
                  <Route index element={<HomePage />} />
                  <Route path="cases/:id" element={<CasePage />} />
                  <Route path="assessments/:id" element={<AssessmentPage />} />
                  <Route path="children" element={<FindChildPage />} />
                  <Route path="children/new" element={<RegisterChildPage />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

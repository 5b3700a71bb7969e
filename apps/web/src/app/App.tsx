import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale';
import { useTranslation } from 'react-i18next';
import { lazy, Suspense, useEffect, useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError } from '../shared/api/client';

// Route-level code splitting: the sign-in page loads only what signing in needs.
const SignInPage = lazy(() => import('../features/auth/SignInPage').then((m) => ({ default: m.SignInPage })));
const Shell = lazy(() => import('./Shell').then((m) => ({ default: m.Shell })));
const HomePage = lazy(() => import('../features/worklist/HomePage').then((m) => ({ default: m.HomePage })));
const CasePage = lazy(() => import('../features/cases/CasePage').then((m) => ({ default: m.CasePage })));
// Both children screens come from one chunk (search, then register).
const FindChildPage = lazy(() => import('../features/children').then((m) => ({ default: m.FindChildPage })));
const RegisterChildPage = lazy(() => import('../features/children').then((m) => ({ default: m.RegisterChildPage })));
const AssessmentPage = lazy(() => import('../features/assessments/AssessmentPage').then((m) => ({ default: m.AssessmentPage })));
// The import screens come from one chunk; so do the admin screens (organisations, users, calendar).
const ImportsPage = lazy(() => import('../features/imports').then((m) => ({ default: m.ImportsPage })));
const ImportPage = lazy(() => import('../features/imports').then((m) => ({ default: m.ImportPage })));
const AdminPage = lazy(() => import('../features/admin').then((m) => ({ default: m.AdminPage })));
const ProfilePage = lazy(() => import('../features/profile/ProfilePage').then((m) => ({ default: m.ProfilePage })));
const DashboardPage = lazy(() => import('../features/reports/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const BucketPage = lazy(() => import('../features/worklist/BucketPage').then((m) => ({ default: m.BucketPage })));
const NotificationsPage = lazy(() => import('../features/notifications/NotificationsPage').then((m) => ({ default: m.NotificationsPage })));
// The referral screens come from one chunk (refer, the lists, one referral, the waiting list).
const ReferPage = lazy(() => import('../features/referrals').then((m) => ({ default: m.ReferPage })));
const ReferralsPage = lazy(() => import('../features/referrals').then((m) => ({ default: m.ReferralsPage })));
const ReferralPage = lazy(() => import('../features/referrals').then((m) => ({ default: m.ReferralPage })));
const WaitlistPage = lazy(() => import('../features/referrals').then((m) => ({ default: m.WaitlistPage })));
// The placement screens come from one chunk (the roster, enrolment, a placement, its plan and reviews).
const RosterPage = lazy(() => import('../features/placements').then((m) => ({ default: m.RosterPage })));
const EnrolPage = lazy(() => import('../features/placements').then((m) => ({ default: m.EnrolPage })));
const ProposePage = lazy(() => import('../features/placements').then((m) => ({ default: m.ProposePage })));
const PlacementPage = lazy(() => import('../features/placements').then((m) => ({ default: m.PlacementPage })));
const PlanEditorPage = lazy(() => import('../features/placements').then((m) => ({ default: m.PlanEditorPage })));
const SupportPlanPage = lazy(() => import('../features/placements').then((m) => ({ default: m.SupportPlanPage })));
const BreakGlassPage = lazy(() => import('../features/health').then((m) => ({ default: m.BreakGlassPage })));
// The auditor's screens come from one chunk (the trail, the break-glass review queue).
const AuditPage = lazy(() => import('../features/audit').then((m) => ({ default: m.AuditPage })));
const BreakGlassReviewPage = lazy(() => import('../features/audit').then((m) => ({ default: m.BreakGlassReviewPage })));

// antd's own words (date pickers, pagination, empty lists) in the user's language, loaded with that
// language rather than all three up front: the sign-in page stays within its budget.
const ANTD_LOCALES: Record<string, () => Promise<{ default: Locale }>> = {
  kk: () => import('antd/locale/kk_KZ'),
  ru: () => import('antd/locale/ru_RU'),
  en: () => import('antd/locale/en_US'),
};

function useAntdLocale(language: string): Locale | undefined {
  const [locale, setLocale] = useState<Locale>();
  useEffect(() => {
    let current = true;
    void (ANTD_LOCALES[language] ?? ANTD_LOCALES.kk)().then((module) => current && setLocale(module.default));
    return () => {
      current = false;
    };
  }, [language]);
  return locale;
}

// antd's default secondary greys, label grey and link blue (#1677ff, 4.1:1 on white) fall short of WCAG AA
// contrast (4.5:1); ours do not. One theme for every screen (dialogs read it through React context).
const THEME = {
  token: {
    colorPrimary: '#0b6e4f', colorLink: '#0b6e4f', colorLinkHover: '#07573e', colorTextSecondary: 'rgba(0, 0, 0, 0.68)', colorTextDescription: 'rgba(0, 0, 0, 0.68)',
    // antd's error red (#ff4d4f, 3.3:1) and placeholder grey fall short too: danger buttons, field errors.
    colorError: '#cf1322', colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
  },
  components: {
    Descriptions: { labelColor: 'rgba(0, 0, 0, 0.68)' },
    // A chosen row (the organisation picked to refer to) tinted with our green, lightly, so its text stays readable.
    Table: { rowSelectedBg: '#e3f2ec', rowSelectedHoverBg: '#d3eadf' },
  },
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
  const locale = useAntdLocale(i18n.language);
  return (
    <ConfigProvider locale={locale} theme={THEME}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Suspense>
            <Routes>
              <Route path="/sign-in" element={<SignInPage />} />
              <Route element={<Shell />}>
                <Route index element={<HomePage />} />
                <Route path="work/:bucket" element={<BucketPage />} />
                <Route path="notifications" element={<NotificationsPage />} />
                <Route path="cases/:id" element={<CasePage />} />
                <Route path="children" element={<FindChildPage />} />
                <Route path="children/new" element={<RegisterChildPage />} />
                <Route path="assessments/:id" element={<AssessmentPage />} />
                <Route path="cases/:id/refer" element={<ReferPage />} />
                <Route path="referrals" element={<ReferralsPage />} />
                <Route path="referrals/:id" element={<ReferralPage />} />
                <Route path="waitlist" element={<WaitlistPage />} />
                <Route path="reports" element={<DashboardPage />} />
                <Route path="placements" element={<RosterPage />} />
                <Route path="placements/enrol" element={<EnrolPage />} />
                <Route path="placements/:id" element={<PlacementPage />} />
                <Route path="placements/:id/plan" element={<PlanEditorPage />} />
                <Route path="support-plans/:id" element={<SupportPlanPage />} />
                <Route path="cases/:id/placements/new" element={<ProposePage />} />
                <Route path="break-glass" element={<BreakGlassPage />} />
                <Route path="audit" element={<AuditPage />} />
                <Route path="audit/break-glass" element={<BreakGlassReviewPage />} />
                <Route path="imports" element={<ImportsPage />} />
                <Route path="imports/:id" element={<ImportPage />} />
                <Route path="admin/*" element={<AdminPage />} />
                <Route path="profile" element={<ProfilePage />} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </QueryClientProvider>
    </ConfigProvider>
  );
}

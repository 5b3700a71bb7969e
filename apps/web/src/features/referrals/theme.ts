/**
 * The referral screens' antd theme: antd's default description-label grey and error red (#ff4d4f,
 * 3.3:1 on white) fall short of WCAG AA contrast (4.5:1); these do not. Applied around each screen
 * (dialogs included: they read the theme through React context). The chosen organisation's row is
 * tinted with our green, lightly, so its text stays readable.
 */
export const REFERRALS_THEME = {
  token: { colorError: '#cf1322' },
  components: {
    Descriptions: { labelColor: 'rgba(0, 0, 0, 0.68)' },
    Table: { rowSelectedBg: '#e3f2ec', rowSelectedHoverBg: '#d3eadf' },
  },
};

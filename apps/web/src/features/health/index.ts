/** The health worker's screens (issue 19): break-glass as a page; the diagnosis and disability forms and the break-glass banner on the case page. */
export { BreakGlassPage } from './BreakGlassPage';

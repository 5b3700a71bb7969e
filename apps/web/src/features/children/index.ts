/** The children screens (issue 14), loaded as one lazy chunk: one searches, then registers. */
export { FindChildPage } from './FindChildPage';
export { RegisterChildPage } from './RegisterChildPage';

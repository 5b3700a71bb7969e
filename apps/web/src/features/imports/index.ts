/** The import screens, loaded as one lazy chunk: upload, check and history; one import's progress and errors. */
export { ImportsPage } from './ImportsPage';
export { ImportPage } from './ImportPage';

/** The admin screens, loaded as one lazy chunk: organisations, users, the working-day calendar. */
export { AdminPage } from './AdminPage';

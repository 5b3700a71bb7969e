export { AuthModule } from './auth.module';
export { PasswordHasher } from './password-hasher';
export { User } from './user.entity';
export { AdminBootstrap, BOOTSTRAP_ADMIN } from './admin-bootstrap';
export { ROLES } from './roles';
export type { Role } from './roles';
export { CurrentActor } from './actor';
export type { Actor, ActorSector } from './actor';

export { AuthModule } from './auth.module';
export { PasswordHasher } from './password-hasher';
export { User } from './user.entity';
export { AdminBootstrap, BOOTSTRAP_ADMIN } from './admin-bootstrap';

import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import type { UserIdentity } from './access-token';
import { CredentialsService } from './credentials.service';

/** passport-local: username + password from the (already validated) login body. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly credentials: CredentialsService) {
    super({ usernameField: 'username', passwordField: 'password', session: false });
  }

  validate(username: string, password: string): Promise<UserIdentity> {
    return this.credentials.verify(username, password);
  }
}

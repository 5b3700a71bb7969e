import { Global, Module } from '@nestjs/common';
import { AccessService } from './access.service';

/** Global: every lib's use cases call the one access gate. */
@Global()
@Module({ providers: [AccessService], exports: [AccessService] })
export class AccessModule {}

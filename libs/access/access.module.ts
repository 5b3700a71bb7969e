import { Global, Module } from '@nestjs/common';
import { AccessRepository } from './access.repository';
import { AccessService } from './access.service';
import { CaseGate } from './case-gate';

/** Global: every lib's use cases call the one access gate. */
@Global()
@Module({ providers: [AccessService, AccessRepository, CaseGate], exports: [AccessService, CaseGate] })
export class AccessModule {}

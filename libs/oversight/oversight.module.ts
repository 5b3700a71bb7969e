import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChildMergeSteps, ChildrenModule } from '@qoldau/children';
import { NotificationsModule } from '@qoldau/notifications';
import { AccessLogService } from './access-log.service';
import { BreakGlassUse } from './break-glass.entity';
import { BreakGlassService } from './break-glass.service';
import { OversightController } from './oversight.controller';
import { OversightRepository } from './oversight.repository';

/** Watching access to cases: break-glass with its review queue, and the guardian-facing access log. */
@Module({
  imports: [TypeOrmModule.forFeature([BreakGlassUse]), ChildrenModule, NotificationsModule],
  controllers: [OversightController],
  providers: [OversightRepository, BreakGlassService, AccessLogService],
  exports: [BreakGlassService],
})
export class OversightModule {
  constructor(steps: ChildMergeSteps, repository: OversightRepository) {
    steps.register({ name: 'break-glass', move: (survivorId, duplicateId) => repository.moveChild(duplicateId, survivorId) });
  }
}

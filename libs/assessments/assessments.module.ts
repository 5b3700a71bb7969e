import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChildrenModule } from '@qoldau/children';
import { AssessmentsController } from './assessments.controller';
import { AssessmentsRepository } from './assessments.repository';
import { AssessmentsService } from './assessments.service';
import { AssessmentCaseHooks } from './case-hooks';
import { ConclusionRepository } from './conclusion/conclusion.repository';
import { ConclusionService } from './conclusion/conclusion.service';
import { ConclusionRecordsService } from './conclusion-records.service';
import { CurrentConclusions } from './current-conclusion';
import { DraftValidation } from './draft-validation';
import { AssessmentSpecialist } from './entities/assessment-specialist.entity';
import { Assessment } from './entities/assessment.entity';
import { AssessmentReviews } from './reviews/assessment-reviews';
import { SigningService } from './signing.service';

/**
 * PMPC assessments and signed conclusions (issue 8): drafting, the commission's confirmations,
 * signing and supersession, the printable conclusion, the case view's `assessments` section, the
 * merge step, and the reviews-due query for the worklist (AssessmentReviews).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Assessment, AssessmentSpecialist]), ChildrenModule],
  controllers: [AssessmentsController],
  providers: [
    AssessmentsRepository,
    DraftValidation,
    AssessmentsService,
    SigningService,
    ConclusionRepository,
    ConclusionService,
    AssessmentCaseHooks,
    AssessmentReviews,
    CurrentConclusions,
    ConclusionRecordsService,
  ],
  exports: [AssessmentReviews, CurrentConclusions, ConclusionRecordsService],
})
export class AssessmentsModule {}

import { ApiProperty } from '@nestjs/swagger';
import { STAGES, TRANSITION_KINDS } from '../transitions/life-stage';

export class TransitionPlacement {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty({ example: 'school' }) orgType: string;
  @ApiProperty({ type: String, nullable: true }) classLabel: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The first whole number of the class label, 1–12' }) grade: number | null;
}

export class TransitionDueItem {
  @ApiProperty({ enum: TRANSITION_KINDS }) kind: string;
  @ApiProperty({ example: '2027-09-01' }) dueOn: string;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The placement, conclusion or support plan it is about' }) subjectId: string | null;
}

export class TransitionsView {
  @ApiProperty({ format: 'uuid' }) childId: string;
  @ApiProperty({ description: "Today's date in Kazakhstan (Asia/Almaty)" }) today: string;
  @ApiProperty() birthDate: string;
  @ApiProperty() ageYears: number;
  @ApiProperty({ enum: STAGES, description: 'early_age 0–2, preschool 3–5, school 6–17 (or younger in a school), after_school 18+' }) stage: string;
  @ApiProperty({ type: TransitionPlacement, nullable: true, description: 'The active placement' }) placement: TransitionPlacement | null;
  @ApiProperty({ type: [TransitionDueItem] }) due: TransitionDueItem[];
}

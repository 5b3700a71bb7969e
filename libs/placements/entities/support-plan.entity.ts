import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { PlanGoal, PlanService, ResponsibleStaff } from '../dto/placement.dto';
import { Placement } from './placement.entity';

/**
 * The individual support plan of one placement (DESIGN §3): goals, services and the date it is
 * reviewed. Written whole by PUT with If-Match on its own version; every version is also kept in
 * support_plan_versions.
 */
@Entity('support_plans')
@Index('UQ_support_plans_placement', ['placementId'], { unique: true })
export class SupportPlan {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ name: 'placement_id', type: 'uuid' }) placementId: string;
  @ManyToOne(() => Placement, { nullable: false })
  @JoinColumn({ name: 'placement_id', foreignKeyConstraintName: 'FK_support_plans_placement' })
  placement?: Placement;

  /** The previous school's plan this one was carried over from by a transfer (that plan stays as it was). */
  @Column({ name: 'carried_from_id', type: 'uuid', nullable: true }) carriedFromId: string | null;
  @ManyToOne(() => SupportPlan, { nullable: true })
  @JoinColumn({ name: 'carried_from_id', foreignKeyConstraintName: 'FK_support_plans_carried_from' })
  carriedFrom?: SupportPlan;

  @Column({ type: 'jsonb', default: () => `'[]'` }) goals: PlanGoal[];
  @Column({ type: 'jsonb', default: () => `'[]'` }) services: PlanService[];
  @Column({ name: 'responsible_staff', type: 'jsonb', default: () => `'[]'` }) responsibleStaff: ResponsibleStaff[];
  @Column({ name: 'review_date', type: 'date' }) reviewDate: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn({ type: 'int', default: 1 }) version: number;
}

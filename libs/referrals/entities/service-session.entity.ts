import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ServiceEpisode } from './service-episode.entity';

/** One session of a service episode: when, how long, and whether the child came. */
@Entity('service_sessions')
@Check('CHK_service_sessions_duration', `duration_minutes BETWEEN 1 AND 480`)
@Index('IDX_service_sessions_episode', ['episodeId', 'date', 'id'])
export class ServiceSession {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_service_sessions' }) id: string;

  @Column({ name: 'episode_id', type: 'uuid' }) episodeId: string;
  @ManyToOne(() => ServiceEpisode, { nullable: false })
  @JoinColumn({ name: 'episode_id', foreignKeyConstraintName: 'FK_service_sessions_episode' })
  episode?: ServiceEpisode;

  @Column({ type: 'date' }) date: string;
  @Column({ name: 'duration_minutes', type: 'int' }) durationMinutes: number;
  @Column({ type: 'boolean' }) attended: boolean;
  @Column({ name: 'recorded_by_user', type: 'uuid' }) recordedByUser: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
}

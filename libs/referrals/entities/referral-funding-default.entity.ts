import { OrganizationType } from '@qoldau/reference';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ServiceTypeRow } from './service-type.entity';

/**
 * The funding a referral gets when the referrer names none (issue 15), by service type and the type of
 * the receiving organisation: a social_support referral to a social-protection office is `other`, not
 * `state_order`, so the social worker can start it without a state-order place. Seeded by the
 * PlacementTransfers migration for every pair service_types allows.
 */
@Entity('referral_funding_defaults')
@Check('CHK_referral_funding_defaults_funding', `funding IN ('state_order', 'paid', 'other')`)
export class ReferralFundingDefault {
  @PrimaryColumn({ name: 'service_type', type: 'text', primaryKeyConstraintName: 'PK_referral_funding_defaults' }) serviceType: string;
  @ManyToOne(() => ServiceTypeRow, { nullable: false })
  @JoinColumn({ name: 'service_type', foreignKeyConstraintName: 'FK_referral_funding_defaults_service_type' })
  service?: ServiceTypeRow;

  @PrimaryColumn({ name: 'receiver_type', type: 'text', primaryKeyConstraintName: 'PK_referral_funding_defaults' }) receiverType: string;
  @ManyToOne(() => OrganizationType, { nullable: false })
  @JoinColumn({ name: 'receiver_type', foreignKeyConstraintName: 'FK_referral_funding_defaults_receiver_type' })
  receiver?: OrganizationType;

  @Column({ type: 'text' }) funding: string;
}

/** The referral screens, loaded as one lazy chunk: refer, the lists, one referral, the waiting list. */
export { ReferPage } from './ReferPage';
export { ReferralsPage } from './ReferralsPage';
export { ReferralPage } from './ReferralPage';
export { WaitlistPage } from './WaitlistPage';

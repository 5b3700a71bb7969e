import { api, unwrap } from '../../shared/api/client';

/** The buckets in the order a day's work goes: answer, catch up, then plan. */
export const BUCKETS = [
  'incomingAwaitingResponse', 'overdue', 'acceptedNotStarted', 'reviewsDue', 'transitionsDue', 'placementsWithoutPlan', 'planReviewsDue', 'consentsExpiring',
  'breakGlassToReview',
] as const;
export type Bucket = (typeof BUCKETS)[number];

/**
 * Where a counter leads: referral buckets open the referrals list pre-filtered the same way the server
 * counts them (libs/worklist), the others their own list of the bucket's first items.
 */
export const BUCKET_LINKS: Record<Bucket, string> = {
  incomingAwaitingResponse: '/referrals?box=incoming&status=sent',
  overdue: '/referrals?overdue=true',
  acceptedNotStarted: '/referrals?box=incoming&status=accepted',
  reviewsDue: '/work/reviewsDue',
  placementsWithoutPlan: '/work/placementsWithoutPlan',
  // Life-stage alerts (the daily transitions job, libs/placements): turning 6 without a school, finishing
  // grade 9 or 11, conclusions and support plans due for review.
  transitionsDue: '/work/transitionsDue',
  planReviewsDue: '/work/planReviewsDue',
  consentsExpiring: '/work/consentsExpiring',
  breakGlassToReview: '/work/breakGlassToReview',
};

/** The most items per bucket the API hands out at once (GET /worklist?limit). */
export const BUCKET_PAGE = 20;

export const worklistQueryOptions = (limit = 5) => ({
  queryKey: ['worklist', limit],
  queryFn: () => unwrap(api.GET('/api/v1/worklist', { params: { query: { limit } } })),
});
/** A worklist count as shown: the API stops counting at 100 and says so (countCapped), shown as "100+". */
export function countLabel(bucket: { count: number; countCapped: boolean }): string {
  return bucket.countCapped ? `${bucket.count}+` : String(bucket.count);
}

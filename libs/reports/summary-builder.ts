import type { Locale } from '@qoldau/core';
import type { OrganizationCounts, RegionFigures, SummaryView } from './dto/summary.dto';
import { LABELS } from './report-labels';
import { REFERRAL_STATUSES, SPECIALISED_TYPES, type SummaryFacts } from './summary.repository';
import { childCount, type Figure, fromChildren, type Group, plainCount, plainPercent, protectAll, publish, SUPPRESSION_TEXT, THRESHOLD } from './suppression';

/** A row while suppression is decided: the same shape as RegionFigures, with Figures for cells. */
interface Row {
  kato: string | null;
  name: string;
  organizations: Record<(typeof SPECIALISED_TYPES)[number] | 'total', Figure>;
  supportRooms: Figure;
  schoolsWithSenConditionsPercent: Figure;
  childrenInInclusiveEducation: Figure;
  childrenWithDisabilityUnderStateOrder: Figure;
  childrenAssessedThisYear: Figure;
  referralsByStatus: { status: string; count: Figure }[];
  waitingTimes: { serviceType: string; started: Figure; medianWorkingDays: Figure; p90WorkingDays: Figure }[];
  provisionHonouredPercent: Figure;
  conclusionsOverdueForReview: Figure;
}

/** Which region prefixes a row sums: its own, or all on the total row. */
type Selector = (region: string | null) => boolean;

const sum = <T extends { region: string | null }>(rows: readonly T[], pick: Selector, value: (row: T) => number): number =>
  rows.filter((row) => row.region !== null && pick(row.region)).reduce((total, row) => total + value(row), 0);

function buildRow(facts: SummaryFacts, kato: string | null, name: string, pick: Selector): Row {
  const orgs = (type: string, value: (row: SummaryFacts['organizations'][number]) => number) =>
    sum(facts.organizations.filter((row) => row.type === type), pick, value);
  const organizations = Object.fromEntries(SPECIALISED_TYPES.map((type) => [type, plainCount(orgs(type, (row) => row.n))])) as Row['organizations'];
  organizations.total = plainCount(SPECIALISED_TYPES.reduce((total, type) => total + (organizations[type].raw as number), 0));
  // Shares and percentiles do not add up: the total row comes from the query's grand-total grouping set.
  const grouped = <T extends { region: string | null }>(rows: readonly T[]): T | undefined =>
    kato === null ? rows.find((row) => row.region === null) : rows.find((row) => row.region === kato.slice(0, 2));
  const provision = grouped(facts.provision);
  const referralsByStatus = REFERRAL_STATUSES.map((status) => ({
    status,
    count: childCount(sum(facts.referrals.filter((row) => row.status === status), pick, (row) => row.n)),
  }));
  const waitingTimes = facts.serviceTypes.map(({ code }) => {
    const stats = grouped(facts.waiting.filter((row) => row.service_type === code));
    return {
      serviceType: code,
      started: childCount(stats?.n ?? 0),
      medianWorkingDays: fromChildren(stats?.median ?? null, stats?.children ?? 0),
      p90WorkingDays: fromChildren(stats?.p90 ?? null, stats?.children ?? 0),
    };
  });
  return {
    kato,
    name,
    organizations,
    supportRooms: plainCount(orgs('school', (row) => row.rooms)),
    schoolsWithSenConditionsPercent: plainPercent(orgs('school', (row) => row.with_conditions), orgs('school', (row) => row.n)),
    childrenInInclusiveEducation: childCount(sum(facts.inclusive, pick, (row) => row.n)),
    childrenWithDisabilityUnderStateOrder: childCount(sum(facts.disabilityStateOrder, pick, (row) => row.n)),
    childrenAssessedThisYear: childCount(sum(facts.assessed, pick, (row) => row.n)),
    referralsByStatus,
    waitingTimes,
    provisionHonouredPercent: fromChildren(provision && provision.children > 0 ? (100 * provision.honoured) / provision.children : null, provision?.children ?? 0),
    conclusionsOverdueForReview: childCount(sum(facts.overdue, pick, (row) => row.n)),
  };
}

/** The child counts that add up across regions to the total row: one group per column. */
function columns(row: Row): Figure[] {
  return [
    row.childrenInInclusiveEducation,
    row.childrenWithDisabilityUnderStateOrder,
    row.childrenAssessedThisYear,
    row.conclusionsOverdueForReview,
    ...row.referralsByStatus.map((entry) => entry.count),
    ...row.waitingTimes.map((entry) => entry.started),
  ];
}

/**
 * The rows the caller sees, suppressed (docs/reports.md): primary (1–4 children, shares and medians
 * of fewer than 5), then the secondary rule over every group that adds up — each row's referral
 * statuses, and, when the total row is shown, each column over the regions — until stable.
 */
export function buildSummary(facts: SummaryFacts, options: { asOf: string; refreshedAt: string; withTotal: boolean; locale: Locale }): SummaryView {
  const name = (region: SummaryFacts['regions'][number]) => ({ kk: region.name_kk, ru: region.name_ru, en: region.name_en })[options.locale];
  const regionRows = facts.regions.map((region) => buildRow(facts, region.kato, name(region), (prefix) => prefix === region.kato.slice(0, 2)));
  const inScope = new Set(facts.regions.map((region) => region.kato.slice(0, 2)));
  const rows = options.withTotal ? [...regionRows, buildRow(facts, null, LABELS.total[options.locale], (prefix) => inScope.has(prefix ?? ''))] : regionRows;

  const groups: Group[] = rows.map((row) => ({ cells: row.referralsByStatus.map((entry) => entry.count) }));
  if (options.withTotal && regionRows.length > 1) {
    const perRow = regionRows.map(columns);
    const totals = columns(rows[rows.length - 1]);
    for (let column = 0; column < totals.length; column++) groups.push({ cells: perRow.map((cells) => cells[column]), total: totals[column] });
  }
  protectAll(groups);

  return {
    asOf: options.asOf,
    refreshedAt: options.refreshedAt,
    suppression: { threshold: THRESHOLD, text: SUPPRESSION_TEXT[options.locale] },
    rows: rows.map((row) => toFigures(row)),
  };
}

function toFigures(row: Row): RegionFigures {
  const waitlisted = row.referralsByStatus.find((entry) => entry.status === 'waitlisted')!.count;
  return {
    kato: row.kato,
    name: row.name,
    total: row.kato === null,
    organizations: Object.fromEntries(Object.entries(row.organizations).map(([type, figure]) => [type, publish(figure)])) as unknown as OrganizationCounts,
    supportRooms: publish(row.supportRooms),
    schoolsWithSenConditionsPercent: publish(row.schoolsWithSenConditionsPercent),
    childrenInInclusiveEducation: publish(row.childrenInInclusiveEducation),
    childrenWithDisabilityUnderStateOrder: publish(row.childrenWithDisabilityUnderStateOrder),
    childrenAssessedThisYear: publish(row.childrenAssessedThisYear),
    referralsByStatus: row.referralsByStatus.map((entry) => ({ status: entry.status, count: publish(entry.count) })),
    waitingTimes: row.waitingTimes.map((entry) => ({
      serviceType: entry.serviceType,
      started: publish(entry.started),
      medianWorkingDays: publish(entry.medianWorkingDays),
      p90WorkingDays: publish(entry.p90WorkingDays),
    })),
    // The waiting list is the waitlisted referrals: one figure, published once, suppressed alike.
    waitlistLength: publish(waitlisted),
    provisionHonouredPercent: publish(row.provisionHonouredPercent),
    conclusionsOverdueForReview: publish(row.conclusionsOverdueForReview),
  };
}

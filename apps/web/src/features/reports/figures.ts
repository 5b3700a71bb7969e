import type { Cell, RegionRow } from './api';

/**
 * The figures a region row carries, as the dashboard lists them: the ministry's five first, then what
 * only this system measures. `unit` says how a value reads; `of` picks the cell from a row.
 */
export interface Figure {
  key: string;
  unit: 'count' | 'percent';
  of: (row: RegionRow) => Cell;
}

export const FIGURES: readonly Figure[] = [
  { key: 'specialisedOrganizations', unit: 'count', of: (row) => row.organizations.total },
  { key: 'supportRooms', unit: 'count', of: (row) => row.supportRooms },
  { key: 'schoolsWithSenConditionsPercent', unit: 'percent', of: (row) => row.schoolsWithSenConditionsPercent },
  { key: 'childrenInInclusiveEducation', unit: 'count', of: (row) => row.childrenInInclusiveEducation },
  { key: 'childrenWithDisabilityUnderStateOrder', unit: 'count', of: (row) => row.childrenWithDisabilityUnderStateOrder },
  { key: 'childrenAssessedThisYear', unit: 'count', of: (row) => row.childrenAssessedThisYear },
  { key: 'waitlistLength', unit: 'count', of: (row) => row.waitlistLength },
  { key: 'provisionHonouredPercent', unit: 'percent', of: (row) => row.provisionHonouredPercent },
  { key: 'conclusionsOverdueForReview', unit: 'count', of: (row) => row.conclusionsOverdueForReview },
];

/** The ministry's own table: the headline tiles. */
export const HEADLINE = FIGURES.slice(0, 5);

/** A cell as people read it: a suppressed count is "<5", a missing one a dash, a share with one decimal. */
export function formatCell(cell: Cell, unit: Figure['unit'], locale: string): string {
  if (cell.suppressed) return '<5';
  if (cell.value === null) return '—';
  const number = new Intl.NumberFormat(locale === 'kk' ? 'kk-KZ' : locale === 'ru' ? 'ru-RU' : 'en-GB', {
    maximumFractionDigits: unit === 'percent' ? 1 : 0,
    minimumFractionDigits: unit === 'percent' ? 1 : 0,
  }).format(cell.value);
  return unit === 'percent' ? `${number} %` : number;
}

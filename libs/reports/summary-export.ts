import type { Locale } from '@qoldau/core';
import { stringify } from 'csv-stringify/sync';
import { loadExcel } from '@qoldau/core';
import type { Cell, SummaryView } from './dto/summary.dto';
import { DEFINITIONS, LABELS, STATUS_LABELS } from './report-labels';
import { SPECIALISED_TYPES } from './summary.repository';

export interface ExportFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/** Service type names for the headings, in the three languages. */
export type ServiceTypeNames = ReadonlyMap<string, Readonly<Record<Locale, string>>>;

/** A hidden figure in a file: the notes explain the mark. An empty cell: nothing to compute from. */
export const HIDDEN = '*';

const cell = (c: Cell): string | number => (c.suppressed ? HIDDEN : c.value === null ? '' : c.value);

/** The table as the files carry it: one heading row, one row per region, then the total row. */
export function table(view: SummaryView, locale: Locale, serviceTypes: ServiceTypeNames): (string | number)[][] {
  const first = view.rows[0];
  const heading = [
    LABELS.region[locale],
    LABELS.kato[locale],
    ...SPECIALISED_TYPES.map((type) => LABELS[type][locale]),
    LABELS.organizationsTotal[locale],
    LABELS.supportRooms[locale],
    LABELS.schoolsWithSenConditionsPercent[locale],
    LABELS.childrenInInclusiveEducation[locale],
    LABELS.childrenWithDisabilityUnderStateOrder[locale],
    LABELS.childrenAssessedThisYear[locale],
    ...(first?.referralsByStatus ?? []).map((entry) => `${LABELS.referrals[locale]}: ${STATUS_LABELS[entry.status]?.[locale] ?? entry.status}`),
    LABELS.waitlistLength[locale],
    LABELS.provisionHonouredPercent[locale],
    LABELS.conclusionsOverdueForReview[locale],
    ...(first?.waitingTimes ?? []).flatMap((entry) => {
      const service = serviceTypes.get(entry.serviceType)?.[locale] ?? entry.serviceType;
      return [`${service}: ${LABELS.started[locale]}`, `${service}: ${LABELS.median[locale]}`, `${service}: ${LABELS.p90[locale]}`];
    }),
  ];
  const body = view.rows.map((row) => [
    row.name,
    row.kato ?? '',
    ...SPECIALISED_TYPES.map((type) => cell(row.organizations[type])),
    cell(row.organizations.total),
    cell(row.supportRooms),
    cell(row.schoolsWithSenConditionsPercent),
    cell(row.childrenInInclusiveEducation),
    cell(row.childrenWithDisabilityUnderStateOrder),
    cell(row.childrenAssessedThisYear),
    ...row.referralsByStatus.map((entry) => cell(entry.count)),
    cell(row.waitlistLength),
    cell(row.provisionHonouredPercent),
    cell(row.conclusionsOverdueForReview),
    ...row.waitingTimes.flatMap((entry) => [cell(entry.started), cell(entry.medianWorkingDays), cell(entry.p90WorkingDays)]),
  ]);
  return [heading, ...body];
}

/** CSV: UTF-8 with a byte-order mark, so that Excel opens Kazakh and Russian text right. */
export function toCsv(view: SummaryView, locale: Locale, serviceTypes: ServiceTypeNames): ExportFile {
  const text = stringify(table(view, locale, serviceTypes));
  return { fileName: `summary-${view.asOf}.csv`, contentType: 'text/csv; charset=utf-8', content: Buffer.from(`\uFEFF${text}`, 'utf8') };
}

/** XLSX: the table on the first sheet, and a notes sheet with asOf, the suppression rule and the definitions. */
export async function toXlsx(view: SummaryView, locale: Locale, serviceTypes: ServiceTypeNames): Promise<ExportFile> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'Qoldau';
  const sheet = workbook.addWorksheet(LABELS.summary[locale]);
  for (const row of table(view, locale, serviceTypes)) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
  const notes = workbook.addWorksheet(LABELS.notes[locale]);
  notes.addRow([LABELS.asOf[locale], view.asOf]);
  notes.addRow([LABELS.refreshedAt[locale], view.refreshedAt]);
  notes.addRow([LABELS.suppression[locale], view.suppression.text]);
  notes.addRow(['', LABELS.hidden[locale]]);
  for (const definition of DEFINITIONS) notes.addRow([LABELS[definition.label][locale], definition.text[locale]]);
  notes.getColumn(1).width = 40;
  notes.getColumn(2).width = 120;
  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `summary-${view.asOf}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content };
}

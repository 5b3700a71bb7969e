import type { Locale } from '@qoldau/core';
import type { Cell } from './dto/summary.dto';

/** Counts of children from 1 to THRESHOLD - 1 are never published. */
export const THRESHOLD = 5;

/** A figure while suppression is decided: the published cell and the number it hides. */
export interface Figure extends Cell {
  raw: number | null;
}

/** A count of children: 1–4 suppressed (primary suppression); 0 and 5+ shown. */
export function childCount(n: number): Figure {
  const suppressed = n > 0 && n < THRESHOLD;
  return { value: suppressed ? null : n, suppressed, raw: n };
}

/** A count that is not about children (organisations, support rooms): never suppressed. */
export function plainCount(n: number): Figure {
  return { value: n, suppressed: false, raw: n };
}

/**
 * A share or a statistic computed from `children` children: suppressed when they are 1–4, null (not
 * suppressed) when there are none, else `value` rounded to one decimal.
 */
export function fromChildren(value: number | null, children: number): Figure {
  if (children === 0 || value === null) return { value: null, suppressed: false, raw: null };
  if (children < THRESHOLD) return { value: null, suppressed: true, raw: value };
  return { value: round1(value), suppressed: false, raw: value };
}

/** A share of organisations: never suppressed; null when there is nothing to divide by. */
export function plainPercent(part: number, whole: number): Figure {
  return whole === 0 ? { value: null, suppressed: false, raw: null } : { value: round1((100 * part) / whole), suppressed: false, raw: part / whole };
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

const hide = (figure: Figure): boolean => {
  figure.value = null;
  figure.suppressed = true;
  return true;
};

/**
 * A group of cells that add up: `cells`, and the published total they add up to, if any. Within a
 * row the referral statuses have no published total; down a column the regions add up to the total row.
 */
export interface Group {
  cells: readonly Figure[];
  total?: Figure;
}

/**
 * Secondary suppression within one group: when exactly one cell of the group (its total included) is
 * suppressed, the smallest other non-zero shown cell is suppressed too (the first of equals), or, when
 * every other cell is zero or hidden, the total — so that no hidden cell can be worked out by
 * subtraction. Returns whether it hid anything.
 */
export function protectGroup(group: Group): boolean {
  const members = group.total ? [...group.cells, group.total] : group.cells;
  if (members.filter((cell) => cell.suppressed).length !== 1) return false;
  let partner: Figure | undefined;
  for (const cell of group.cells) {
    if (cell.suppressed || cell.raw === null || cell.raw === 0) continue;
    if (!partner || cell.raw < (partner.raw as number)) partner = cell;
  }
  partner ??= group.total && !group.total.suppressed && group.total.raw ? group.total : undefined;
  return partner ? hide(partner) : false;
}

/**
 * Applies the group rule to every group until nothing changes: a cell hidden for one group may leave
 * another group with a single suppressed cell. Terminates: each round hides at least one more cell.
 */
export function protectAll(groups: readonly Group[]): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const group of groups) if (protectGroup(group)) changed = true;
  }
}

/** Strips the hidden number: what goes on the wire and into the files. */
export function publish(figure: Figure): Cell {
  return { value: figure.suppressed ? null : figure.value, suppressed: figure.suppressed };
}

/** The rule in words (docs/reports.md says the same). */
export const SUPPRESSION_TEXT: Readonly<Record<Locale, string>> = {
  kk:
    'Балалар саны 1-ден 4-ке дейін болса, көрсетілмейді ("<5"). Қосындысы көрсетілетін топта (бір өңірдегі жолдамалардың мәртебелері; жиынтық жолы көрсетілгенде бір бағандағы өңірлер) тек бір ұяшық жасырылса, сол топтағы нөлден үлкен ең кіші келесі ұяшық та жасырылады (басқа ұяшықтардың бәрі нөл болса — жиынтықтың өзі), және бұл өзгеріс болмайынша қайталанады. 5-тен аз балаға есептелген пайыздар мен медианалар жасырылады. Ұйымдар мен кабинеттер саны балаларға қатысты емес, ешқашан жасырылмайды.',
  ru:
    'Число детей от 1 до 4 не показывается («<5»). Если в группе ячеек, сумма которых видна или вычисляется (статусы направлений в одной строке; регионы в одном столбце, когда показана строка «Итого»), скрыта ровно одна ячейка, скрывается и наименьшая ненулевая из остальных ячеек группы (если все остальные нулевые — сам итог); правило применяется повторно, пока что-то меняется. Проценты и медианы, рассчитанные менее чем по 5 детям, скрываются. Число организаций и кабинетов не относится к детям и не скрывается.',
  en:
    'Counts of 1 to 4 children are not shown ("<5"). When exactly one cell is hidden in a group whose total is shown or can be worked out (the referral statuses of one row; the regions of one column when the total row is shown), the smallest other non-zero cell of that group is hidden too, repeatedly until nothing changes. Shares and medians computed from fewer than 5 children are hidden. Counts of organisations and rooms are not about children and are never hidden.',
};

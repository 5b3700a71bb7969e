import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { InvalidInputError } from '../errors/app-error';

/** `?limit=&cursor=` for every list. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional() @IsString() @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type CursorValue = string | number | boolean | null;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** Decodes a cursor made by encodeCursor; anything else is a 400 CURSOR_INVALID. */
export function decodeCursor(cursor: string, arity: number): CursorValue[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))
    ) {
      return values as CursorValue[];
    }
  } catch {
    // fall through to the error below
  }
  throw new InvalidInputError('CURSOR_INVALID', 'The cursor is not one this API issued', [
    { field: 'cursor', code: 'CURSOR_INVALID', message: 'cursor is invalid' },
  ]);
}

/**
 * Builds a page from `limit + 1` rows fetched in key order: the extra row only tells that more exist.
 * `keyOf` returns the sort key of a row, which becomes the next cursor.
 */
export function toPage<R, T = R>(rows: R[], limit: number, keyOf: (row: R) => CursorValue[], map?: (row: R) => T): Page<T> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const items = map ? pageRows.map(map) : (pageRows as unknown as T[]);
  return { items, nextCursor: hasMore ? encodeCursor(keyOf(pageRows[pageRows.length - 1])) : null };
}

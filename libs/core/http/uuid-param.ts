import { Injectable, PipeTransform } from '@nestjs/common';
import { InvalidInputError } from '../errors/app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path ids are UUIDs; anything else is a 400 naming the parameter (never a database error). */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: { data?: string }): string {
    if (typeof value === 'string' && UUID.test(value)) return value.toLowerCase();
    const field = metadata.data ?? 'id';
    throw new InvalidInputError('VALIDATION_FAILED', `${field} must be a UUID`, [{ field, code: 'INVALID_UUID', message: `${field} must be a UUID` }]);
  }
}

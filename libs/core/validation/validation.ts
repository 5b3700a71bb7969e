import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, InvalidInputError } from '../errors/app-error';

/** Where @nestjs/swagger keeps @ApiProperty options (its DECORATORS.API_MODEL_PROPERTIES). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';
type Constructor = abstract new (...args: never[]) => unknown;

interface PropertyDoc {
  nullable?: boolean;
  type?: unknown;
}

function propertyDoc(type: Constructor, key: string): PropertyDoc | undefined {
  return Reflect.getMetadata(API_MODEL_PROPERTIES, type.prototype as object, key) as PropertyDoc | undefined;
}

/** A DTO class (not a primitive constructor, nor a lazy `() => Class` arrow, which has no prototype). */
function dtoClassOf(type: unknown): Constructor | undefined {
  if (typeof type !== 'function' || !type.prototype) return undefined;
  if ([String, Number, Boolean, Object, Array, Date].includes(type as never)) return undefined;
  return type as Constructor;
}

/**
 * `null` is a value only where the DTO's OpenAPI says `nullable: true`: `@IsOptional()` lets null
 * through class-validator, and a null for a NOT NULL column (`supportRooms: null`) then reached
 * PostgreSQL as a 500. One rule, read from the one description clients see, for every body DTO and the
 * DTOs nested in it.
 */
export function nullsNotAllowed(type: Constructor, value: unknown, prefix = ''): FieldError[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const out: FieldError[] = [];
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const doc = propertyDoc(type, key);
    if (!doc) continue; // an unknown field: the whitelist reports it
    const field = prefix ? `${prefix}.${key}` : key;
    if (item === null) {
      if (!doc.nullable) out.push({ field, code: 'NULL_NOT_ALLOWED', message: `${field} must not be null` });
      continue;
    }
    const nested = dtoClassOf(doc.type);
    if (!nested) continue;
    if (Array.isArray(item)) {
      item.forEach((element, index) => {
        if (element === null) out.push({ field: `${field}.${index}`, code: 'NULL_NOT_ALLOWED', message: `${field}.${index} must not be null` });
        else out.push(...nullsNotAllowed(nested, element, `${field}.${index}`));
      });
    } else out.push(...nullsNotAllowed(nested, item, field));
  }
  return out;
}

/**
 * Field codes for class-validator's constraints, keyed by constraint name (its `IS_…`/`ARRAY_…` constant,
 * `isIso8601` for @IsISO8601). Our own decorators (IsIin, IsKato, …) carry their code in `context.code`;
 * anything else falls back to the constraint name in UPPER_SNAKE. Every code here is in the error-code
 * catalogue, and so is the code of every class-validator decorator a DTO uses (error-codes.spec.ts).
 */
export const CONSTRAINT_CODES: Readonly<Record<string, string>> = {
  whitelistValidation: 'UNKNOWN_FIELD',
  nestedValidation: 'NESTED_VALIDATION',
  isDefined: 'REQUIRED',
  isNotEmpty: 'REQUIRED',
  maxLength: 'TOO_LONG',
  minLength: 'TOO_SHORT',
  isEnum: 'NOT_ALLOWED_VALUE',
  isIn: 'NOT_ALLOWED_VALUE',
  isUuid: 'INVALID_UUID',
  isInt: 'NOT_AN_INTEGER',
  isBoolean: 'NOT_A_BOOLEAN',
  isString: 'NOT_A_STRING',
  isArray: 'NOT_AN_ARRAY',
  isObject: 'IS_OBJECT',
  arrayMinSize: 'ARRAY_MIN_SIZE',
  arrayMaxSize: 'ARRAY_MAX_SIZE',
  arrayUnique: 'ARRAY_UNIQUE',
  isIso8601: 'INVALID_DATE',
  min: 'TOO_SMALL',
  max: 'TOO_LARGE',
  matches: 'INVALID_FORMAT',
};

function toSnake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** The field code the pipe reports for a failed class-validator constraint without a code of its own. */
export function constraintCode(constraint: string): string {
  return CONSTRAINT_CODES[constraint] ?? toSnake(constraint);
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      const contextCode = (error.contexts?.[constraint] as { code?: string } | undefined)?.code;
      out.push({ field, code: contextCode ?? constraintCode(constraint), message });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

const INVALID_FIELDS = 'The request has invalid fields';

/** class-validator's checks, plus the nullability rule above for request bodies. */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.type === 'body' ? dtoClassOf(metadata.metatype) : undefined;
    const nulls = type ? nullsNotAllowed(type, value) : [];
    try {
      const result: unknown = await super.transform(value, metadata);
      if (nulls.length) throw new InvalidInputError('VALIDATION_FAILED', INVALID_FIELDS, nulls);
      return result;
    } catch (error) {
      if (nulls.length && error instanceof InvalidInputError && error.code === 'VALIDATION_FAILED') {
        // A null says more than "must be one of …" would: its field is reported as null only.
        const nullFields = new Set(nulls.map((e) => e.field));
        throw new InvalidInputError('VALIDATION_FAILED', INVALID_FIELDS, [...error.errors.filter((e) => !nullFields.has(e.field)), ...nulls]);
      }
      throw error;
    }
  }
}

/** The global pipe: unknown fields are errors, types are converted, every bad field is reported. */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new InvalidInputError('VALIDATION_FAILED', INVALID_FIELDS, flattenValidationErrors(errors)),
  });
}

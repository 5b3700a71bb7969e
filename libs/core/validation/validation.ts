import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, InvalidInputError } from '../errors/app-error';

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

/** The global pipe: unknown fields are errors, types are converted, every bad field is reported. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) =>
      new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', flattenValidationErrors(errors)),
  });
}

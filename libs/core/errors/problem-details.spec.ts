import { HttpException, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { BusinessRuleError, InvalidInputError, VersionConflictError } from './app-error';
import { ERROR_CODES } from './error-codes';
import { toProblem } from './problem-details';

const dbError = (code: string) => Object.assign(new QueryFailedError('SELECT 1', [], new Error('x')), { driverError: { code } });

describe('toProblem', () => {
  it.each([
    [new BusinessRuleError('CAPACITY_FULL', 'full'), 422, 'CAPACITY_FULL'],
    [new VersionConflictError(3), 412, 'VERSION_CONFLICT'],
    [new NotFoundException(), 404, 'ROUTE_NOT_FOUND'],
    [dbError('40P01'), 409, 'CONCURRENT_UPDATE'], // deadlock: two transactions crossed
    [dbError('40001'), 409, 'CONCURRENT_UPDATE'], // serialization failure
    [dbError('57014'), 503, 'DATABASE_BUSY'], // statement timeout
    [dbError('55P03'), 503, 'DATABASE_BUSY'], // lock not available
    [dbError('42P01'), 500, 'INTERNAL'], // a missing table is a bug, and says so
    [new Error('boom'), 500, 'INTERNAL'],
  ])('maps %p to %i %s', (error, status, code) => {
    expect(toProblem(error)).toMatchObject({ status, code, type: expect.stringContaining('/problems/') });
  });

  it('never leaks the internals of an unexpected error', () => {
    expect(toProblem(new Error('password=secret at db.ts:12')).detail).not.toContain('secret');
  });

  it('carries extensions such as the current version', () => {
    expect(toProblem(new VersionConflictError(7))).toMatchObject({ currentVersion: 7 });
  });

  it.each(['kk', 'ru', 'en'] as const)('titles the problem from the catalogue in %s, keeping detail and field errors as thrown', (locale) => {
    const error = new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', [{ field: 'kato', code: 'UNKNOWN_REGION', message: 'no such region' }]);
    expect(toProblem(error, locale)).toMatchObject({
      title: ERROR_CODES.VALIDATION_FAILED.title[locale],
      detail: 'The request has invalid fields',
      errors: [{ field: 'kato', code: 'UNKNOWN_REGION', message: 'no such region' }],
    });
  });

  it('titles in Kazakh by default', () => {
    expect(toProblem(new BusinessRuleError('CAPACITY_FULL', 'full')).title).toBe(ERROR_CODES.CAPACITY_FULL.title.kk);
    expect(toProblem(new Error('boom')).title).toBe(ERROR_CODES.INTERNAL.title.kk);
  });

  it('answers a framework status it has no code for with a catalogued one', () => {
    expect(toProblem(new HttpException('Request Timeout', 408), 'en')).toMatchObject({ status: 400, code: 'BAD_REQUEST', title: 'The request is malformed' });
    expect(toProblem(new HttpException('Handler timed out', 503))).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(toProblem(new HttpException('Handler timed out', 503)).detail).not.toContain('timed out');
  });

  it('gives a code missing from the catalogue a generic title rather than none', () => {
    expect(toProblem(new BusinessRuleError('NOT_CATALOGUED', 'x'), 'en').title).toBe(ERROR_CODES.BAD_REQUEST.title.en);
  });
});

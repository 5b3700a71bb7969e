import { NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { BusinessRuleError, VersionConflictError } from './app-error';
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
});

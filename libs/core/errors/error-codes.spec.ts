import { HttpException } from '@nestjs/common';
import * as classValidator from 'class-validator';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { CONSTRAINT_CODES, constraintCode } from '../validation/validation';
import { ERROR_CODES, ErrorCodeEntry, errorCodeList, errorTitle, isErrorCode } from './error-codes';
import { FRAMEWORK_CODES, toProblem, TRANSIENT_DATABASE_ERRORS } from './problem-details';

/**
 * The catalogue must name every code the API can answer with, with the status it is answered with.
 * This reads every source file under libs/ and apps/ (TypeScript's own parser, not regular
 * expressions) and collects:
 *
 * - problem codes: `new SomeError('CODE', …)` for every AppError subclass whose constructor takes the
 *   code first, `super('CODE', …)` inside an AppError subclass, a default `code = 'CODE'` parameter,
 *   object literals `{ status: 409, code: 'CODE' }`, and what toProblem gives the framework's errors;
 * - field codes: `{ code: 'CODE' }` object literals (FieldError), `withCode('CODE')` of custom
 *   validators, and the code the validation pipe reports for every class-validator decorator used.
 *
 * The status of a problem code is the one its class fixes (`readonly status = 422`, inherited).
 */

const ROOT = join(__dirname, '../../..');
const CATALOGUE = 'libs/core/errors/error-codes.ts';

/** `code` literals that are not error codes. */
const NOT_ERROR_CODES: Record<string, string> = {
  FORM_DIFFERS_FROM_CONCLUSION: 'a warning in the body of a successful placement response (libs/placements/form-warnings.ts)',
  CONDITION_NOT_PROVIDED: 'a warning in the body of a successful placement response (libs/placements/form-warnings.ts)',
  NO_SIGNED_CONCLUSION: 'a warning in the body of a successful placement response (libs/placements/form-warnings.ts)',
};

/**
 * Places that throw with a code held in a variable, which no scan can read, and the codes each can
 * produce. A new such place fails the test until it is listed here with its codes.
 */
const DYNAMIC_CODE_SITES: Record<string, { status: number; codes: string[] }> = {
  // One invalid field → its own code as the problem's code; several → VALIDATION_FAILED.
  'libs/placements/placing-organization.ts': { status: 400, codes: ['UNKNOWN_ORGANIZATION', 'UNKNOWN_FORM'] },
  // Only UNKNOWN_GOAL or UNKNOWN_ORGANIZATION errors → that code as the problem's; otherwise VALIDATION_FAILED.
  'libs/placements/support-plans.service.ts': { status: 400, codes: ['UNKNOWN_GOAL', 'UNKNOWN_ORGANIZATION', 'VALIDATION_FAILED'] },
};

/** class-validator decorators that never fail on their own, or whose code is checked elsewhere. */
const DECORATORS_WITHOUT_CODE = new Set(['IsOptional', 'ValidateIf', 'Allow']);
const DECORATOR_CONSTRAINTS: Record<string, string> = { ValidateNested: 'nestedValidation' };

interface ClassInfo {
  name: string;
  parent?: string;
  status?: number;
  /** Name of the constructor's first parameter; undefined when the class declares no constructor. */
  firstParam?: string | null;
}

interface Found {
  /** Where a problem with this code is thrown, with its status. */
  problem: { at: string; status: number }[];
  /** Where it is a field code, with the status of the problem that lexically carries it (if any). */
  field: { at: string; status?: number }[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !/\.(spec|e2e-spec|d)\.ts$/.test(entry.name) && path !== CATALOGUE ? [path] : [];
  });
}

const CODE = /^[A-Z][A-Z0-9_]*$/;
const stringOf = (node: ts.Node | undefined): string | undefined =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
const upperSnake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(join(ROOT, path), 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

function scan() {
  const files = [...sourceFiles('libs'), ...sourceFiles('apps')].map((path) => ({ path, source: parse(path) }));
  const at = (source: ts.SourceFile, node: ts.Node) => `${source.fileName}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;

  // 1. Every class, to know which are AppErrors, their status, and whether they take the code first.
  const classes = new Map<string, ClassInfo>();
  for (const { source } of files) {
    walk(source, (node) => {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const heritage = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
      const info: ClassInfo = { name: node.name.text, parent: heritage && ts.isIdentifier(heritage) ? heritage.text : undefined };
      for (const member of node.members) {
        if (ts.isPropertyDeclaration(member) && member.name.getText(source) === 'status' && member.initializer && ts.isNumericLiteral(member.initializer)) {
          info.status = Number(member.initializer.text);
        }
        if (ts.isConstructorDeclaration(member)) info.firstParam = member.parameters[0]?.name.getText(source) ?? null;
      }
      classes.set(info.name, info);
    });
  }
  const lineage = (name: string): ClassInfo[] => {
    const chain: ClassInfo[] = [];
    for (let c = classes.get(name); c; c = c.parent ? classes.get(c.parent) : undefined) chain.push(c);
    return chain;
  };
  const isAppError = (name: string) => name !== 'AppError' && lineage(name).some((c) => c.name === 'AppError');
  const statusOf = (name: string) => lineage(name).find((c) => c.status !== undefined)?.status;
  const takesCodeFirst = (name: string) => lineage(name).find((c) => c.firstParam !== undefined)?.firstParam === 'code';

  const found = new Map<string, Found>();
  const entry = (code: string) => found.get(code) ?? found.set(code, { problem: [], field: [] }).get(code)!;
  const dynamicSites: string[] = [];
  const problems: string[] = [];

  for (const { path, source } of files) {
    const validatorImports = new Set<string>();
    walk(source, (node) => {
      // import { IsIn, … } from 'class-validator'
      if (ts.isImportDeclaration(node) && stringOf(node.moduleSpecifier) === 'class-validator') {
        const bindings = node.importClause?.namedBindings;
        if (bindings && ts.isNamedImports(bindings)) bindings.elements.forEach((e) => validatorImports.add(e.name.text));
      }

      // new SomeError('CODE', …)
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && isAppError(node.expression.text) && takesCodeFirst(node.expression.text)) {
        const [first] = node.arguments ?? [];
        const code = stringOf(first);
        if (code !== undefined) entry(code).problem.push({ at: at(source, node), status: statusOf(node.expression.text)! });
        else if (first) dynamicSites.push(path);
      }

      // super('CODE', …) in an AppError subclass, and constructor(code = 'CODE')
      const owner = ts.findAncestor(node, ts.isClassDeclaration);
      if (owner?.name && isAppError(owner.name.text)) {
        if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) {
          const code = stringOf(node.arguments[0]);
          if (code !== undefined) entry(code).problem.push({ at: at(source, node), status: statusOf(owner.name.text)! });
        }
        if (ts.isParameter(node) && node.name.getText(source) === 'code' && ts.isConstructorDeclaration(node.parent)) {
          const code = stringOf(node.initializer);
          if (code !== undefined) entry(code).problem.push({ at: at(source, node), status: statusOf(owner.name.text)! });
        }
      }

      // { code: 'CODE' }: a field error — or, beside a status, a problem (the transient database table)
      if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'code') {
        const code = stringOf(node.initializer);
        if (code === undefined || !CODE.test(code) || code in NOT_ERROR_CODES) return;
        const status = ts.isObjectLiteralExpression(node.parent)
          ? node.parent.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(source) === 'status')
          : undefined;
        if (status && ts.isNumericLiteral(status.initializer)) {
          entry(code).problem.push({ at: at(source, node), status: Number(status.initializer.text) });
        } else {
          entry(code).field.push({ at: at(source, node), status: carrierStatus(node) });
        }
      }

      // withCode('CODE', options) in custom validators
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'withCode') {
        const code = stringOf(node.arguments[0]);
        if (code !== undefined) entry(code).field.push({ at: at(source, node), status: 400 });
      }

      // ValidateBy(…, options): the options must give the constraint its code
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'ValidateBy') {
        if (!givesCode(node.arguments[1], source)) problems.push(`${at(source, node)}: ValidateBy without withCode('…') or context: { code: '…' }`);
      }

      // @IsIn(…) and the other class-validator decorators: the pipe's code for their constraint
      if (ts.isDecorator(node) && ts.isCallExpression(node.expression) && ts.isIdentifier(node.expression.expression)) {
        const name = node.expression.expression.text;
        if (!validatorImports.has(name) || DECORATORS_WITHOUT_CODE.has(name)) return;
        const constraint = DECORATOR_CONSTRAINTS[name] ?? (classValidator as unknown as Record<string, unknown>)[upperSnake(name)];
        if (typeof constraint !== 'string') {
          problems.push(`${at(source, node)}: @${name} — unknown to this test; add its constraint to DECORATOR_CONSTRAINTS`);
          return;
        }
        entry(constraintCode(constraint)).field.push({ at: `${at(source, node)} (@${name})`, status: 400 });
      }
    });
  }

  /** The status of the `new SomeError(…, [ … ])` whose field list holds `node`, if it is written inline. */
  function carrierStatus(node: ts.Node): number | undefined {
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
      if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && isAppError(n.expression.text)) {
        const list = n.arguments?.[2];
        return list && node.pos >= list.pos && node.end <= list.end ? statusOf(n.expression.text) : undefined;
      }
      if (ts.isFunctionLike(n) && !ts.isArrowFunction(n)) return undefined;
    }
    return undefined;
  }

  // What toProblem answers for the framework's errors and the transient database errors.
  for (let status = 400; status < 600; status++) {
    const problem = toProblem(new HttpException('x', status));
    entry(problem.code).problem.push({ at: `toProblem(HttpException ${status})`, status: problem.status });
  }
  for (const [sqlState, transient] of Object.entries(TRANSIENT_DATABASE_ERRORS)) {
    entry(transient.code).problem.push({ at: `TRANSIENT_DATABASE_ERRORS ${sqlState}`, status: transient.status });
  }
  const internal = toProblem(new Error('x'));
  entry(internal.code).problem.push({ at: 'toProblem(Error)', status: internal.status });
  // Every field code the validation pipe maps a constraint to.
  for (const [constraint, code] of Object.entries(CONSTRAINT_CODES)) entry(code).field.push({ at: `CONSTRAINT_CODES.${constraint}`, status: 400 });
  // Codes held in variables.
  for (const [path, site] of Object.entries(DYNAMIC_CODE_SITES)) {
    for (const code of site.codes) entry(code).problem.push({ at: `${path} (variable)`, status: site.status });
  }

  return { found, dynamicSites: [...new Set(dynamicSites)].sort(), problems };
}

/** ValidateBy's options carry a code: withCode('X', …) or { …, context: { code: 'X' } }. */
function givesCode(options: ts.Expression | undefined, source: ts.SourceFile): boolean {
  if (!options) return false;
  if (ts.isCallExpression(options) && ts.isIdentifier(options.expression) && options.expression.text === 'withCode') {
    return stringOf(options.arguments[0]) !== undefined;
  }
  if (!ts.isObjectLiteralExpression(options)) return false;
  const context = options.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(source) === 'context');
  return (
    !!context &&
    ts.isObjectLiteralExpression(context.initializer) &&
    context.initializer.properties.some((p) => ts.isPropertyAssignment(p) && p.name.getText(source) === 'code' && stringOf(p.initializer) !== undefined)
  );
}

const CATALOGUE_ENTRIES = Object.entries(ERROR_CODES) as [string, ErrorCodeEntry][];

describe('the error-code catalogue', () => {
  const { found, dynamicSites, problems } = scan();
  const list = (lines: string[]) => (lines.length ? `\n  ${lines.join('\n  ')}\n` : '');

  it('reads the code base (sanity: the scan sees the codes it should)', () => {
    expect(found.get('VALIDATION_FAILED')?.problem.length).toBeGreaterThan(5);
    expect(found.get('CAPACITY_FULL')?.problem).toEqual([expect.objectContaining({ status: 422 })]);
    expect(found.get('REQUIRED')?.field.length).toBeGreaterThan(3);
    expect(found.get('ARRAY_MAX_SIZE')?.field.some((f) => f.at.includes('@ArrayMaxSize'))).toBe(true);
  });

  it('has every code the code base can answer with', () => {
    const missing = [...found.entries()]
      .filter(([code]) => !isErrorCode(code))
      .map(([code, where]) => `${code} — ${[...where.problem, ...where.field].map((w) => w.at).join(', ')}`);
    expect(list(missing)).toBe('');
  });

  it('gives every problem code the status its class (or table) answers with', () => {
    const wrong: string[] = [];
    for (const [code, where] of found) {
      const entry = ERROR_CODES[code as keyof typeof ERROR_CODES] as ErrorCodeEntry | undefined;
      if (!entry) continue;
      for (const site of where.problem) if (site.status !== entry.status) wrong.push(`${code}: ${site.status} at ${site.at}, catalogue says ${entry.status}`);
    }
    expect(list(wrong)).toBe('');
  });

  it('gives every field code the status of a problem that carries it', () => {
    const wrong: string[] = [];
    for (const [code, where] of found) {
      const entry = ERROR_CODES[code as keyof typeof ERROR_CODES] as ErrorCodeEntry | undefined;
      const carriers = new Set(where.field.map((f) => f.status).filter((s) => s !== undefined));
      if (entry && entry.where !== 'both' && carriers.size && !carriers.has(entry.status)) {
        wrong.push(`${code}: carried by ${[...carriers].join('/')}, catalogue says ${entry.status}`);
      }
    }
    expect(list(wrong)).toBe('');
  });

  it('says where each code appears: as the problem code, in errors[], or both', () => {
    const wrong: string[] = [];
    for (const [code, entry] of CATALOGUE_ENTRIES) {
      const where = found.get(code);
      if (!where) continue;
      const actual = where.problem.length && where.field.length ? 'both' : where.problem.length ? 'problem' : 'field';
      if (actual !== entry.where) wrong.push(`${code}: ${actual} (catalogue says ${entry.where})`);
    }
    expect(list(wrong)).toBe('');
  });

  it('has no code that nothing answers with any more', () => {
    expect(list(CATALOGUE_ENTRIES.map(([code]) => code).filter((code) => !found.has(code)))).toBe('');
  });

  it('can read every place that makes a code', () => {
    expect(list(problems)).toBe('');
    expect(dynamicSites).toEqual(Object.keys(DYNAMIC_CODE_SITES).sort());
  });

  it('leaves warnings out', () => {
    for (const code of Object.keys(NOT_ERROR_CODES)) expect(isErrorCode(code)).toBe(false);
  });
});

describe('the catalogue titles', () => {
  const CYRILLIC = /[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]/;

  it.each(CATALOGUE_ENTRIES)('%s has a Kazakh, a Russian and an English title', (code, entry) => {
    const { kk, ru, en } = entry.title;
    for (const title of [kk, ru, en]) {
      expect(title.trim()).toBe(title);
      expect(title.length).toBeGreaterThan(3);
      expect(title).not.toMatch(/\.$/);
    }
    expect(kk).not.toBe(en);
    expect(kk).not.toBe(ru);
    expect(ru).not.toBe(en);
    expect(kk).toMatch(CYRILLIC);
    expect(ru).toMatch(CYRILLIC);
    expect(en).not.toMatch(CYRILLIC);
    expect(code).toMatch(CODE);
  });

  it('are looked up by code and language, Kazakh by default', () => {
    expect(errorTitle('CONSENT_WITHDRAWN')).toBe('Заңды өкіл қызметтерге келісімін кері қайтарып алды');
    expect(errorTitle('CONSENT_WITHDRAWN', 'ru')).toBe('Законный представитель отозвал согласие на услуги');
    expect(errorTitle('CONSENT_WITHDRAWN', 'en')).toBe('The legal representative has withdrawn consent to services');
  });

  it('are listed for clients in catalogue order', () => {
    const listed = errorCodeList();
    expect(listed.map((e) => e.code)).toEqual(Object.keys(ERROR_CODES));
    expect(listed.find((e) => e.code === 'CAPACITY_FULL')).toEqual({
      code: 'CAPACITY_FULL',
      status: 422,
      where: 'problem',
      title: ERROR_CODES.CAPACITY_FULL.title,
    });
  });

  it('every framework code is in the catalogue with its status', () => {
    for (const [status, code] of Object.entries(FRAMEWORK_CODES)) expect(ERROR_CODES[code].status).toBe(Number(status));
  });
});

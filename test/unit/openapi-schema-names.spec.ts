import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// @nestjs/swagger names a schema after its class and keeps one class per name, silently: two DTOs
// called OrganizationRef (an assessment's PMPC, a referral's parties) made the OpenAPI document —
// and the web client generated from it — describe a referral's parties without their `type`, and the
// session a correction room logs as a login session. Every class the document describes must have a
// name of its own.
describe('OpenAPI schema names', () => {
  it('no two API classes share a name', () => {
    const root = join(__dirname, '../..');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? (e.name === 'node_modules' ? [] : files(join(dir, e.name))) : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [join(dir, e.name)] : [],
      );
    const owners = new Map<string, string[]>();
    for (const file of [...files(join(root, 'libs')), ...files(join(root, 'apps/api'))]) {
      const text = readFileSync(file, 'utf8');
      if (!text.includes('@ApiProperty')) continue;
      for (const [, name] of text.matchAll(/^(?:export )?class (\w+)/gm)) owners.set(name, [...(owners.get(name) ?? []), file.slice(root.length + 1)]);
    }
    expect(owners.size).toBeGreaterThan(50);
    expect([...owners].filter(([, where]) => where.length > 1)).toEqual([]);
  });
});

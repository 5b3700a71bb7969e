import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_NODE_FLAGS } from './node-flags';

const root = join(__dirname, '..', '..', '..');
const command = `node ${API_NODE_FLAGS.join(' ')} dist/apps/api/src/main.js`;

// The benchmark starts the api with API_NODE_FLAGS; production must run what was measured.
describe('api node flags', () => {
  it('npm start runs main.js with them', () => {
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
    expect(scripts.start).toContain(command);
  });

  it('docs/operations.md gives the same command', () => {
    expect(readFileSync(join(root, 'docs', 'operations.md'), 'utf8')).toContain(`npx ${command}`);
  });
});

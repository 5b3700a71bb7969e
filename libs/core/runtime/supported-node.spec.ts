import { unsupportedNodeMessage } from './supported-node';

describe('supported Node.js', () => {
  it.each([
    ['v20.20.2', true],
    ['v21.7.3', true],
    ['v22.12.0', false],
    ['v24.21.0', false],
    ['v26.0.0', false],
  ])('%s is refused: %s', (version, refused) => {
    const message = unsupportedNodeMessage(version);
    expect(message !== undefined).toBe(refused);
    if (message) {
      expect(message).toContain(version);
      expect(message).toContain('npm start');
      expect(message).not.toContain('\n');
    }
  });
});

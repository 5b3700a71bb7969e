import { loginTracker, refreshTracker } from './auth.guards';

describe('auth throttling trackers', () => {
  it('counts logins per client IP and normalised username', () => {
    expect(loginTracker({ ip: '10.0.0.1', body: { username: ' Aigerim.S ' } })).toBe('10.0.0.1|aigerim.s');
    expect(loginTracker({ ip: '10.0.0.1', body: { username: 'aigerim.s' } })).toBe(loginTracker({ ip: '10.0.0.1', body: { username: 'AIGERIM.S' } }));
    expect(loginTracker({ ip: '10.0.0.2', body: { username: 'aigerim.s' } })).not.toBe(loginTracker({ ip: '10.0.0.1', body: { username: 'aigerim.s' } }));
    expect(loginTracker({ ip: '10.0.0.1', body: 'not an object' })).toBe('10.0.0.1|');
    expect(loginTracker({ ip: '10.0.0.1' })).toBe('10.0.0.1|');
  });

  it('counts refreshes per client IP and token, without holding the token itself', () => {
    const token = 'kq3Xv0Jb8dUo2y5sQeZt7nLh1wRfA9cPmG4iT6uEjBx';
    const tracker = refreshTracker({ ip: '10.0.0.1', body: { refreshToken: token } });
    expect(tracker).toMatch(/^10\.0\.0\.1\|[\w-]{22}$/);
    expect(tracker).not.toContain(token);
    expect(refreshTracker({ ip: '10.0.0.1', body: { refreshToken: token + 'x' } })).not.toBe(tracker);
  });
});

import { actorFromClaims, claimsFor, UserIdentity } from './access-token';

const identity: UserIdentity = {
  userId: '4b68d43a-fcd5-4340-9943-4f8aedffb532',
  username: 'aigerim.s',
  orgId: '0f4a7d8e-2f86-4b7e-9f0a-1c2d3e4f5a6b',
  orgType: 'pmpc',
  sector: 'education',
  regionKato: '310000000',
  roles: ['pmpc_specialist', 'pmpc_head'],
};
const sessionId = '1125070f-7129-4d09-ae09-e693365b2024';

describe('access token claims', () => {
  it('carry the whole Actor, with iat/exp from the given time and a 15-minute lifetime', () => {
    const claims = claimsFor(identity, sessionId, new Date('2026-11-25T06:00:00.900Z'));
    expect(claims.iat).toBe(Date.UTC(2026, 10, 25, 6) / 1000);
    expect(claims.exp - claims.iat).toBe(900);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(actorFromClaims(claims)).toEqual({ ...identity, sessionId });
  });

  it('round-trip the national admin, who has no organisation', () => {
    const admin: UserIdentity = { ...identity, orgId: null, orgType: null, sector: null, regionKato: null, roles: ['admin'] };
    expect(actorFromClaims(claimsFor(admin, sessionId, new Date()))).toEqual({ ...admin, sessionId });
  });

  const good = claimsFor(identity, sessionId, new Date());
  it.each([
    ['no sub', { ...good, sub: undefined }],
    ['no sid', { ...good, sid: undefined }],
    ['sid not an id', { ...good, sid: 'x' }],
    ['no username', { ...good, username: undefined }],
    ['orgId missing rather than null', { ...good, orgId: undefined }],
    ['unknown sector', { ...good, sector: 'finance' }],
    ['roles not a list', { ...good, roles: 'admin' }],
    ['an unknown role', { ...good, roles: ['superuser'] }],
  ])('are refused with %s', (_name, claims) => {
    expect(actorFromClaims(claims as never)).toBeNull();
  });
});

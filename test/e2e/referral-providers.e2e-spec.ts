import { PAVLODAR, ZHAMBYL } from '../support/factories';
import { act, admin, consentingChild, sentReferral, serviceProvider, worker } from '../support/referrals';
import { newOrganization } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** The organisation picker of the refer screen: providers of one service, their free places and queue. */
describe('GET /referrals/providers', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-25T06:00:00Z' });
  });
  afterAll(() => t.close());

  interface Provider {
    id: string; type: string; nameKk: string; region: string | null; capacity: number | null; placesTaken: number; freePlaces: number | null; waitlistLength: number;
    defaultFunding: string;
  }
  const providers = async (as: { auth(): Promise<Record<string, string>> }, query: Record<string, string>, language = 'kk') => {
    const res = await t.http.get('/api/v1/referrals/providers').query({ limit: '100', ...query }).set(await as.auth()).set('Accept-Language', language).expect(200);
    return res.body.items as Provider[];
  };

  it('lists active providers of the service with free places and waiting list, never the caller itself', async () => {
    const pmpc = await worker(t, 'pmpc', ['pmpc_specialist']);
    const room = await serviceProvider(t, 'correction_room', ['correction_specialist'], { capacity: 2, stateOrderPlaces: 2 });
    const unlimited = await serviceProvider(t, 'correction_room', ['correction_specialist'], { capacity: null, kato: PAVLODAR });
    const school = await worker(t, 'school', ['school_coordinator']);
    const otherRoom = await serviceProvider(t, 'correction_room', ['correction_specialist'], { capacity: 5 });
    // One child in service, one accepted (a promised place), two waiting: the room is full.
    for (const steps of [['accept', 'start'], ['accept'], ['waitlist'], ['waitlist']]) {
      const child = await consentingChild(t, pmpc);
      const referral = await sentReferral(t, pmpc, child.id, room.orgId);
      for (const step of steps) await act(t, room, referral.id, step).expect(200);
    }

    const speech = await providers(pmpc, { serviceType: 'speech_therapy' });
    const ids = speech.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining([room.orgId, unlimited.orgId, otherRoom.orgId]));
    expect(ids).not.toContain(school.orgId); // a school does not provide speech therapy
    expect(speech.find((p) => p.id === room.orgId)).toMatchObject({ type: 'correction_room', capacity: 2, placesTaken: 2, freePlaces: 0, waitlistLength: 2, region: expect.any(String) });
    expect(speech.find((p) => p.id === unlimited.orgId)).toMatchObject({ capacity: null, freePlaces: null, waitlistLength: 0 });
    expect(speech.map((p) => p.nameKk)).toEqual([...speech.map((p) => p.nameKk)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    expect((await providers(room, { serviceType: 'speech_therapy' })).map((p) => p.id)).not.toContain(room.orgId);
    expect((await providers(pmpc, { serviceType: 'school_placement' })).map((p) => p.id)).toContain(school.orgId);
    const [pavlodar] = await providers(pmpc, { serviceType: 'speech_therapy', kato: PAVLODAR });
    expect(pavlodar.id).toBe(unlimited.orgId);
    expect((await providers(pmpc, { serviceType: 'speech_therapy', kato: PAVLODAR }, 'ru'))[0].region).not.toBe(pavlodar.region);
  });

  it('names the funding each provider gets for the service by default, as creating the referral would', async () => {
    const pmpc = await worker(t, 'pmpc', ['pmpc_specialist']);
    const office = await worker(t, 'social_protection_office', ['social_worker']);
    const room = await serviceProvider(t, 'correction_room', ['correction_specialist'], { capacity: 3, stateOrderPlaces: 3 });
    const social = (await providers(pmpc, { serviceType: 'social_support' })).find((p) => p.id === office.orgId);
    const speech = (await providers(pmpc, { serviceType: 'speech_therapy' })).find((p) => p.id === room.orgId);
    expect([social?.defaultFunding, speech?.defaultFunding]).toEqual(['other', 'state_order']);
    const child = await consentingChild(t, pmpc);
    const created = await t.http.post('/api/v1/referrals').set(await pmpc.auth())
      .send({ childId: child.id, toOrgId: office.orgId, serviceType: 'social_support', reason: 'Отбасына әлеуметтік көмек' }).expect(201);
    expect(created.body.funding).toBe(social?.defaultFunding);
  });

  it('finds by part of the name and pages in name order', async () => {
    const pmpc = await worker(t, 'pmpc', ['pmpc_specialist']);
    const named = await newOrganization(t, await admin(t), { type: 'autism_centre', kato: ZHAMBYL, nameKk: 'Аутизм орталығы Шұғыла', nameRu: 'Центр аутизма Шугыла' });
    expect((await providers(pmpc, { serviceType: 'autism_support', q: 'шұғыла' })).map((p) => p.id)).toEqual([named.id]);
    expect((await providers(pmpc, { serviceType: 'autism_support', q: 'Шугыла' })).map((p) => p.id)).toEqual([named.id]);

    const first = await t.http.get('/api/v1/referrals/providers').query({ serviceType: 'speech_therapy', limit: '1' }).set(await pmpc.auth()).expect(200);
    const second = await t.http.get('/api/v1/referrals/providers').query({ serviceType: 'speech_therapy', limit: '1', cursor: first.body.nextCursor }).set(await pmpc.auth()).expect(200);
    expect(second.body.items[0].nameKk >= first.body.items[0].nameKk).toBe(true);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
  });

  it('refuses who cannot refer and bad filters with a stable code', async () => {
    const analyst = await worker(t, 'education_department', ['analyst']);
    const pmpc = await worker(t, 'pmpc', ['pmpc_specialist']);
    const refused = await t.http.get('/api/v1/referrals/providers').query({ serviceType: 'speech_therapy' }).set(await analyst.auth()).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    const bad = await t.http.get('/api/v1/referrals/providers').query({ serviceType: 'massage', kato: '12' }).set(await pmpc.auth()).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kato', 'serviceType']);
  });
});

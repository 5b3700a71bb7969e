import { changesOf, createdWith } from './audit-changes';

describe('audit changes', () => {
  it('names personal fields without their values and keeps from/to for the rest', () => {
    const before = { lastName: 'Ахметова', iin: null, kato: '310000000', status: 'open', iinPending: true, version: 3 };
    const after = { lastName: 'Ахметова-Серікова', iin: '190514650017', kato: '550000000', status: 'open', iinPending: false, version: 4 };
    expect(changesOf(before, after)).toEqual({
      lastName: {},
      iin: {},
      kato: { from: '310000000', to: '550000000' },
      iinPending: { from: true, to: false },
      version: { from: 3, to: 4 },
    });
  });

  it.each(['iin', 'lastName', 'firstName', 'patronymic', 'fullName', 'birthDate', 'address', 'phone'])('never records a value of %s', (field) => {
    const changes = changesOf({ [field]: 'old value' }, { [field]: 'new value' });
    expect(JSON.stringify(changes)).not.toMatch(/value/);
    expect(changes).toEqual({ [field]: {} });
  });

  it('lists the fields of a new record, skipping empty ones', () => {
    expect(createdWith({ kind: 'data_sharing', sector: 'health', expiresAt: null, fullName: 'Ахметова Гүлнар' })).toEqual({
      kind: { from: null, to: 'data_sharing' },
      sector: { from: null, to: 'health' },
      fullName: {},
    });
  });
});

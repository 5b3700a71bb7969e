import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals and the services delivered on them (issue 9, DESIGN §3–§4): the service-type reference
 * list, referrals with their working-day SLA columns, the append-only history of every transition,
 * SLA pauses, service episodes and their sessions; idempotency keys for creating POSTs; and the
 * Labour Code's carried-over days off, so working-day deadlines are right out of the box.
 * Constraint names are the entities' own, so the drift check stays exact.
 */
export class Referrals1795580600000 implements MigrationInterface {
  name = 'Referrals1795580600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE service_types (
        code           text    NOT NULL,
        name_kk        text    NOT NULL,
        name_ru        text    NOT NULL,
        name_en        text    NOT NULL,
        provider_types text[]  NOT NULL,
        sort_order     integer NOT NULL,
        CONSTRAINT "PK_service_types" PRIMARY KEY (code)
      )`);
    // provider_types: the organisation types that deliver the service; a referral may go only to one of them.
    await q.query(`
      INSERT INTO service_types (sort_order, code, name_kk, name_ru, name_en, provider_types) VALUES
        (1,  'psychological_pedagogical_correction', 'Психологиялық-педагогикалық түзету', 'Психолого-педагогическая коррекция', 'Psychological-pedagogical correction',
             '{correction_room,autism_centre,rehab_centre,special_kindergarten,special_school}'),
        (2,  'speech_therapy', 'Логопедиялық көмек', 'Логопедическая помощь', 'Speech therapy',
             '{correction_room,rehab_centre,autism_centre,special_kindergarten,special_school,polyclinic}'),
        (3,  'defectology', 'Дефектологиялық көмек', 'Дефектологическая помощь', 'Defectology (special teaching)',
             '{correction_room,rehab_centre,autism_centre,special_kindergarten,special_school}'),
        (4,  'psychological_support', 'Психологиялық қолдау', 'Психологическая поддержка', 'Psychological support',
             '{correction_room,rehab_centre,autism_centre,special_kindergarten,special_school,school,kindergarten,polyclinic,social_protection_office}'),
        (5,  'rehabilitation', 'Оңалту', 'Реабилитация', 'Rehabilitation',
             '{rehab_centre,polyclinic}'),
        (6,  'autism_support', 'Аутизм спектрі бұзылыстары бар балаларды қолдау', 'Поддержка детей с расстройствами аутистического спектра', 'Autism support',
             '{autism_centre,rehab_centre,correction_room}'),
        (7,  'early_intervention', 'Ерте араласу', 'Ранняя помощь', 'Early intervention',
             '{correction_room,rehab_centre,autism_centre,special_kindergarten}'),
        (8,  'school_placement', 'Білім беру ұйымына орналастыру', 'Устройство в организацию образования', 'School or kindergarten placement',
             '{school,kindergarten,special_school,special_kindergarten}'),
        (9,  'social_support', 'Әлеуметтік қолдау', 'Социальная поддержка', 'Social support',
             '{social_protection_office}'),
        (10, 'medical_consultation', 'Дәрігерлік кеңес', 'Медицинская консультация', 'Medical consultation',
             '{polyclinic,rehab_centre}')`);

    await q.query(`
      CREATE TABLE referrals (
        id              uuid        NOT NULL DEFAULT gen_random_uuid(),
        child_id        uuid        NOT NULL,
        from_org_id     uuid        NOT NULL,
        to_org_id       uuid        NOT NULL,
        service_type    text        NOT NULL,
        reason          text        NOT NULL,
        priority        text        NOT NULL DEFAULT 'normal',
        status          text        NOT NULL,
        funding         text        NOT NULL DEFAULT 'state_order',
        assessment_id   uuid,
        created_by_user uuid        NOT NULL,
        sent_at         timestamptz,
        responded_at    timestamptz,
        decline_reason  text,
        withdraw_reason text,
        closed_at       timestamptz,
        sla_phase       text,
        sla_started_at  timestamptz,
        sla_due_at      timestamptz,
        sla_warned_due  timestamptz,
        overdue_at      timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        version         integer     NOT NULL DEFAULT 1,
        CONSTRAINT "PK_referrals" PRIMARY KEY (id),
        CONSTRAINT "CHK_referrals_status" CHECK (status IN ('draft', 'sent', 'accepted', 'declined', 'waitlisted', 'in_progress', 'completed', 'withdrawn')),
        CONSTRAINT "CHK_referrals_priority" CHECK (priority IN ('normal', 'urgent')),
        CONSTRAINT "CHK_referrals_funding" CHECK (funding IN ('state_order', 'paid', 'other')),
        CONSTRAINT "CHK_referrals_sla_phase" CHECK (sla_phase IS NULL OR sla_phase IN ('respond', 'start')),
        CONSTRAINT "CHK_referrals_parties" CHECK (from_org_id <> to_org_id),
        CONSTRAINT "FK_referrals_child" FOREIGN KEY (child_id) REFERENCES children(id),
        CONSTRAINT "FK_referrals_from_org" FOREIGN KEY (from_org_id) REFERENCES organizations(id),
        CONSTRAINT "FK_referrals_to_org" FOREIGN KEY (to_org_id) REFERENCES organizations(id),
        CONSTRAINT "FK_referrals_service_type" FOREIGN KEY (service_type) REFERENCES service_types(code)
      )`);
    await q.query(`CREATE INDEX "IDX_referrals_child" ON referrals (child_id)`);
    // Outgoing box, newest first.
    await q.query(`CREATE INDEX "IDX_referrals_from_org" ON referrals (from_org_id, created_at, id)`);
    // Incoming box, waiting list and capacity counts (accepted = places promised).
    await q.query(`CREATE INDEX "IDX_referrals_to_org" ON referrals (to_org_id, status, created_at, id)`);
    // The SLA job's scan of running deadlines.
    await q.query(`CREATE INDEX "IDX_referrals_sla_due" ON referrals (sla_due_at)`);

    await q.query(`
      CREATE TABLE referral_events (
        id            bigserial   NOT NULL,
        referral_id   uuid        NOT NULL,
        at            timestamptz NOT NULL,
        event         text        NOT NULL,
        from_status   text,
        to_status     text        NOT NULL,
        actor_user_id uuid,
        actor_org_id  uuid,
        reason        text,
        details       jsonb       NOT NULL DEFAULT '{}',
        CONSTRAINT "PK_referral_events" PRIMARY KEY (id),
        CONSTRAINT "FK_referral_events_referral" FOREIGN KEY (referral_id) REFERENCES referrals(id)
      )`);
    await q.query(`CREATE INDEX "IDX_referral_events_referral" ON referral_events (referral_id, id)`);

    await q.query(`
      CREATE TABLE referral_sla_pauses (
        id          uuid        NOT NULL DEFAULT gen_random_uuid(),
        referral_id uuid        NOT NULL,
        phase       text        NOT NULL,
        reason      text        NOT NULL,
        paused_at   timestamptz NOT NULL,
        paused_by   uuid        NOT NULL,
        resumed_at  timestamptz,
        resumed_by  uuid,
        CONSTRAINT "PK_referral_sla_pauses" PRIMARY KEY (id),
        CONSTRAINT "CHK_referral_sla_pauses_reason" CHECK (reason IN ('child_ill', 'family_away', 'guardian_unreachable')),
        CONSTRAINT "CHK_referral_sla_pauses_phase" CHECK (phase IN ('respond', 'start')),
        CONSTRAINT "CHK_referral_sla_pauses_period" CHECK (resumed_at IS NULL OR resumed_at >= paused_at),
        CONSTRAINT "FK_referral_sla_pauses_referral" FOREIGN KEY (referral_id) REFERENCES referrals(id)
      )`);
    await q.query(`CREATE INDEX "IDX_referral_sla_pauses_referral" ON referral_sla_pauses (referral_id, phase)`);
    // One clock, one pause at a time.
    await q.query(`CREATE UNIQUE INDEX "UQ_referral_sla_pauses_open" ON referral_sla_pauses (referral_id) WHERE resumed_at IS NULL`);

    await q.query(`
      CREATE TABLE service_episodes (
        id                uuid        NOT NULL DEFAULT gen_random_uuid(),
        referral_id       uuid        NOT NULL,
        child_id          uuid        NOT NULL,
        org_id            uuid        NOT NULL,
        funding           text        NOT NULL,
        started_on        date        NOT NULL,
        ended_on          date,
        sessions          integer     NOT NULL DEFAULT 0,
        attended_sessions integer     NOT NULL DEFAULT 0,
        outcome           text,
        outcome_summary   text,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        version           integer     NOT NULL DEFAULT 1,
        CONSTRAINT "PK_service_episodes" PRIMARY KEY (id),
        CONSTRAINT "CHK_service_episodes_funding" CHECK (funding IN ('state_order', 'paid', 'other')),
        CONSTRAINT "CHK_service_episodes_outcome" CHECK (outcome IS NULL OR outcome IN ('goals_met', 'goals_partly_met', 'goals_not_met', 'discontinued')),
        CONSTRAINT "CHK_service_episodes_period" CHECK (ended_on IS NULL OR ended_on >= started_on),
        CONSTRAINT "CHK_service_episodes_ended" CHECK ((ended_on IS NULL) = (outcome IS NULL)),
        CONSTRAINT "FK_service_episodes_referral" FOREIGN KEY (referral_id) REFERENCES referrals(id),
        CONSTRAINT "FK_service_episodes_child" FOREIGN KEY (child_id) REFERENCES children(id),
        CONSTRAINT "FK_service_episodes_org" FOREIGN KEY (org_id) REFERENCES organizations(id)
      )`);
    // Capacity and state-order counts: an organisation's active episodes by funding.
    await q.query(`CREATE INDEX "IDX_service_episodes_org_active" ON service_episodes (org_id, ended_on, funding)`);
    await q.query(`CREATE INDEX "IDX_service_episodes_child" ON service_episodes (child_id)`);
    await q.query(`CREATE UNIQUE INDEX "UQ_service_episodes_referral" ON service_episodes (referral_id)`);

    await q.query(`
      CREATE TABLE service_sessions (
        id               uuid        NOT NULL DEFAULT gen_random_uuid(),
        episode_id       uuid        NOT NULL,
        date             date        NOT NULL,
        duration_minutes integer     NOT NULL,
        attended         boolean     NOT NULL,
        recorded_by_user uuid        NOT NULL,
        recorded_at      timestamptz NOT NULL,
        CONSTRAINT "PK_service_sessions" PRIMARY KEY (id),
        CONSTRAINT "CHK_service_sessions_duration" CHECK (duration_minutes BETWEEN 1 AND 480),
        CONSTRAINT "FK_service_sessions_episode" FOREIGN KEY (episode_id) REFERENCES service_episodes(id)
      )`);
    await q.query(`CREATE INDEX "IDX_service_sessions_episode" ON service_sessions (episode_id, date, id)`);

    // Idempotency-Key for creating POSTs (libs/core/idempotency): the key, what it was sent with, and
    // the first response. The primary key is what stops two concurrent duplicates from both creating.
    await q.query(`
      CREATE TABLE idempotency_keys (
        owner        text        NOT NULL,
        key          text        NOT NULL,
        request_hash text        NOT NULL,
        status_code  integer,
        response     jsonb,
        created_at   timestamptz NOT NULL,
        CONSTRAINT "PK_idempotency_keys" PRIMARY KEY (owner, key)
      )`);
    await q.query(`CREATE INDEX "IDX_idempotency_keys_created_at" ON idempotency_keys (created_at)`);

    // Labour Code of the Republic of Kazakhstan, art. 85: when a public holiday falls on a Saturday or
    // Sunday, the day off moves to the next working day after the holiday — except for religious
    // holidays (Orthodox Christmas on 7 January, Kurban Ait). Worked out for 2025–2030 from the fixed
    // holidays the Foundation migration seeds (consecutive holidays give consecutive days off: Nauryz
    // 2026 falls on Saturday 21 and Sunday 22 March, so 24 and 25 March are off). Government decrees
    // that move days for long weekends, and Kurban Ait, change every year: admins add them.
    await q.query(`
      INSERT INTO holidays (date, kind, name_kk, name_ru, name_en)
      SELECT v.date::date, 'day_off', h.name_kk || ' (ауыстырылған демалыс)', h.name_ru || ' (перенесённый выходной)', h.name_en || ' (day off carried over)'
        FROM (VALUES
          ('2025-03-10', '2025-03-08'),
          ('2025-03-24', '2025-03-22'), ('2025-03-25', '2025-03-23'),
          ('2025-07-07', '2025-07-06'),
          ('2025-09-01', '2025-08-30'),
          ('2025-10-27', '2025-10-25'),
          ('2026-03-09', '2026-03-08'),
          ('2026-03-24', '2026-03-21'), ('2026-03-25', '2026-03-22'),
          ('2026-05-11', '2026-05-09'),
          ('2026-08-31', '2026-08-30'),
          ('2026-10-26', '2026-10-25'),
          ('2027-01-04', '2027-01-02'),
          ('2027-03-24', '2027-03-21'),
          ('2027-05-03', '2027-05-01'),
          ('2027-05-10', '2027-05-09'),
          ('2028-01-03', '2028-01-01'), ('2028-01-04', '2028-01-02'),
          ('2028-05-08', '2028-05-07'),
          ('2028-12-18', '2028-12-16'),
          ('2029-12-17', '2029-12-16'),
          ('2030-03-25', '2030-03-23'),
          ('2030-07-08', '2030-07-06')
        ) AS v(date, holiday)
        JOIN holidays h ON h.date = v.holiday::date
      ON CONFLICT (date) DO NOTHING`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}

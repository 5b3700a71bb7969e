import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foundation: extensions, users (for the bootstrap admin), and the reference data of DESIGN §1 with
 * kk/ru/en labels. Constraint names are TypeORM's, so the entity/migration drift check stays exact.
 */
export class Foundation1795580000000 implements MigrationInterface {
  name = 'Foundation1795580000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await q.query(`
      CREATE TABLE users (
        id            uuid        NOT NULL DEFAULT gen_random_uuid(),
        username      text        NOT NULL,
        password_hash text        NOT NULL,
        full_name     text        NOT NULL,
        org_id        uuid,
        roles         text array  NOT NULL DEFAULT '{}',
        locale        text        NOT NULL DEFAULT 'kk',
        locked_until  timestamptz,
        failed_logins integer     NOT NULL DEFAULT '0',
        active        boolean     NOT NULL DEFAULT true,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        version       integer     NOT NULL DEFAULT 1,
        CONSTRAINT "UQ_fe0bb3f6520ee0469504521e710" UNIQUE (username),
        CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY (id)
      )`);

    await q.query(`
      CREATE TABLE regions (
        name_kk text NOT NULL, name_ru text NOT NULL, name_en text NOT NULL,
        kato    text NOT NULL,
        CONSTRAINT "PK_71a54646e9e7bba99421d24e3b0" PRIMARY KEY (kato)
      )`);
    await q.query(`
      INSERT INTO regions (kato, name_kk, name_ru, name_en) VALUES
        ('710000000', 'Астана', 'Астана', 'Astana'),
        ('750000000', 'Алматы', 'Алматы', 'Almaty'),
        ('790000000', 'Шымкент', 'Шымкент', 'Shymkent'),
        ('100000000', 'Абай облысы', 'Абайская область', 'Abai Region'),
        ('110000000', 'Ақмола облысы', 'Акмолинская область', 'Akmola Region'),
        ('150000000', 'Ақтөбе облысы', 'Актюбинская область', 'Aktobe Region'),
        ('190000000', 'Алматы облысы', 'Алматинская область', 'Almaty Region'),
        ('230000000', 'Атырау облысы', 'Атырауская область', 'Atyrau Region'),
        ('270000000', 'Батыс Қазақстан облысы', 'Западно-Казахстанская область', 'West Kazakhstan Region'),
        ('310000000', 'Жамбыл облысы', 'Жамбылская область', 'Zhambyl Region'),
        ('330000000', 'Жетісу облысы', 'Область Жетісу', 'Zhetysu Region'),
        ('350000000', 'Қарағанды облысы', 'Карагандинская область', 'Karaganda Region'),
        ('390000000', 'Қостанай облысы', 'Костанайская область', 'Kostanay Region'),
        ('430000000', 'Қызылорда облысы', 'Кызылординская область', 'Kyzylorda Region'),
        ('470000000', 'Маңғыстау облысы', 'Мангистауская область', 'Mangystau Region'),
        ('550000000', 'Павлодар облысы', 'Павлодарская область', 'Pavlodar Region'),
        ('590000000', 'Солтүстік Қазақстан облысы', 'Северо-Казахстанская область', 'North Kazakhstan Region'),
        ('610000000', 'Түркістан облысы', 'Туркестанская область', 'Turkistan Region'),
        ('620000000', 'Ұлытау облысы', 'Область Ұлытау', 'Ulytau Region'),
        ('630000000', 'Шығыс Қазақстан облысы', 'Восточно-Казахстанская область', 'East Kazakhstan Region')`);

    // The six specialised types (counted in the national 537) all belong to the education system.
    await q.query(`
      CREATE TABLE organization_types (
        name_kk text NOT NULL, name_ru text NOT NULL, name_en text NOT NULL,
        code        text    NOT NULL,
        sector      text    NOT NULL,
        specialised boolean NOT NULL,
        sort_order  integer NOT NULL,
        CONSTRAINT "PK_446d66525e6d78513402b6a4f8a" PRIMARY KEY (code)
      )`);
    await q.query(`
      INSERT INTO organization_types (sort_order, code, sector, specialised, name_kk, name_ru, name_en) VALUES
        (1,  'special_kindergarten', 'education', true,  'Арнаулы балабақша', 'Специальный детский сад', 'Special kindergarten'),
        (2,  'special_school',       'education', true,  'Арнаулы мектеп', 'Специальная школа', 'Special school'),
        (3,  'pmpc',                 'education', true,  'Психологиялық-медициналық-педагогикалық консультация (ПМПК)', 'Психолого-медико-педагогическая консультация (ПМПК)', 'Psychological-medical-pedagogical consultation (PMPC)'),
        (4,  'correction_room',      'education', true,  'Психологиялық-педагогикалық түзету кабинеті', 'Кабинет психолого-педагогической коррекции', 'Psychological-pedagogical correction room'),
        (5,  'autism_centre',        'education', true,  'Аутизм орталығы', 'Центр аутизма', 'Autism centre'),
        (6,  'rehab_centre',         'education', true,  'Оңалту орталығы', 'Реабилитационный центр', 'Rehabilitation centre'),
        (7,  'school',               'education', false, 'Жалпы білім беретін мектеп', 'Общеобразовательная школа', 'School'),
        (8,  'kindergarten',         'education', false, 'Балабақша', 'Детский сад', 'Kindergarten'),
        (9,  'polyclinic',           'health',    false, 'Емхана', 'Поликлиника', 'Polyclinic'),
        (10, 'social_protection_office', 'social', false, 'Халықты әлеуметтік қорғау бөлімі', 'Отдел социальной защиты населения', 'Social protection office'),
        (11, 'education_department', 'education', false, 'Білім басқармасы', 'Управление образования', 'Education department')`);

    await q.query(`
      CREATE TABLE sen_categories (
        name_kk text NOT NULL, name_ru text NOT NULL, name_en text NOT NULL,
        code       text    NOT NULL,
        group_code text    NOT NULL,
        sort_order integer NOT NULL,
        CONSTRAINT "PK_1868d16972bb62d2e246d33bdee" PRIMARY KEY (code)
      )`);
    await q.query(`
      INSERT INTO sen_categories (sort_order, code, group_code, name_kk, name_ru, name_en) VALUES
        (1,  'hearing', 'hearing', 'Есту қабілетінің бұзылуы', 'Нарушение слуха', 'Hearing impairment'),
        (2,  'vision', 'vision', 'Көру қабілетінің бұзылуы', 'Нарушение зрения', 'Visual impairment'),
        (3,  'speech', 'speech', 'Сөйлеу тілінің бұзылуы', 'Нарушение речи', 'Speech and language disorder'),
        (4,  'musculoskeletal', 'musculoskeletal', 'Тірек-қимыл аппаратының бұзылуы', 'Нарушение опорно-двигательного аппарата', 'Musculoskeletal disorder'),
        (5,  'intellectual_mild', 'intellectual', 'Зияткерлік бұзылу (жеңіл дәрежесі)', 'Нарушение интеллекта (лёгкая степень)', 'Intellectual disability (mild)'),
        (6,  'intellectual_moderate', 'intellectual', 'Зияткерлік бұзылу (орташа дәрежесі)', 'Нарушение интеллекта (умеренная степень)', 'Intellectual disability (moderate)'),
        (7,  'intellectual_severe', 'intellectual', 'Зияткерлік бұзылу (ауыр дәрежесі)', 'Нарушение интеллекта (тяжёлая степень)', 'Intellectual disability (severe)'),
        (8,  'delayed_development', 'delayed_development', 'Психикалық дамудың тежелуі', 'Задержка психического развития', 'Delayed mental development'),
        (9,  'autism_spectrum', 'autism_spectrum', 'Аутистік спектр бұзылыстары', 'Расстройства аутистического спектра', 'Autism spectrum disorder'),
        (10, 'emotional_behavioural', 'emotional_behavioural', 'Эмоционалдық-ерік саласының және мінез-құлықтың бұзылуы', 'Нарушения эмоционально-волевой сферы и поведения', 'Emotional and behavioural disorder'),
        (11, 'multiple', 'multiple', 'Күрделі (көптеген) бұзылыстар', 'Сложные (множественные) нарушения', 'Multiple disabilities'),
        (12, 'learning_difficulties', 'learning_difficulties', 'Оқудағы қиындықтар', 'Трудности в обучении', 'Learning difficulties')`);

    await q.query(`
      CREATE TABLE education_forms (
        name_kk text NOT NULL, name_ru text NOT NULL, name_en text NOT NULL,
        code       text    NOT NULL,
        level      text    NOT NULL,
        sort_order integer NOT NULL,
        CONSTRAINT "PK_cd92972ce18acf8af41ea958106" PRIMARY KEY (code)
      )`);
    await q.query(`
      INSERT INTO education_forms (sort_order, code, level, name_kk, name_ru, name_en) VALUES
        (1, 'inclusive_class', 'school', 'Инклюзивті сынып', 'Инклюзивный класс', 'Inclusive class'),
        (2, 'special_class', 'school', 'Арнаулы сынып', 'Специальный класс', 'Special class'),
        (3, 'special_school', 'school', 'Арнаулы мектеп', 'Специальная школа', 'Special school'),
        (4, 'home_schooling', 'school', 'Үйде оқыту', 'Обучение на дому', 'Home schooling'),
        (5, 'special_group', 'kindergarten', 'Арнаулы топ', 'Специальная группа', 'Special group'),
        (6, 'inclusive_group', 'kindergarten', 'Инклюзивті топ', 'Инклюзивная группа', 'Inclusive group'),
        (7, 'early_intervention', 'early', 'Ерте араласу', 'Ранняя помощь', 'Early intervention')`);

    await q.query(`
      CREATE TABLE special_conditions (
        name_kk text NOT NULL, name_ru text NOT NULL, name_en text NOT NULL,
        code       text    NOT NULL,
        sort_order integer NOT NULL,
        CONSTRAINT "PK_cb8b217dbc5b3e11eca216b4d18" PRIMARY KEY (code)
      )`);
    await q.query(`
      INSERT INTO special_conditions (sort_order, code, name_kk, name_ru, name_en) VALUES
        (1,  'tutor', 'Тьютор', 'Тьютор', 'Tutor'),
        (2,  'assistant', 'Ассистент', 'Ассистент', 'Assistant'),
        (3,  'sign_interpreter', 'Ымдау тілінің аудармашысы', 'Сурдопереводчик', 'Sign language interpreter'),
        (4,  'braille', 'Брайль жүйесі', 'Шрифт Брайля', 'Braille'),
        (5,  'accessible_environment', 'Кедергісіз орта', 'Доступная среда', 'Accessible environment'),
        (6,  'speech_therapist', 'Логопед', 'Логопед', 'Speech therapist'),
        (7,  'special_teacher', 'Арнайы педагог (дефектолог)', 'Специальный педагог (дефектолог)', 'Special teacher (defectologist)'),
        (8,  'psychologist', 'Психолог', 'Психолог', 'Psychologist'),
        (9,  'adapted_assessment', 'Бейімделген бағалау', 'Адаптированное оценивание', 'Adapted assessment'),
        (10, 'reduced_class', 'Толымдылығы азайтылған сынып', 'Класс уменьшенной наполняемости', 'Reduced class size')`);

    await q.query(`
      CREATE TABLE holidays (
        name_kk text NOT NULL, name_ru text NOT NULL, name_en text NOT NULL,
        date date NOT NULL,
        kind text NOT NULL,
        CONSTRAINT "PK_40dfddee0c0d7125c767d8962b1" PRIMARY KEY (date)
      )`);
    // Fixed public holidays (Law "On holidays in the Republic of Kazakhstan"), 2025–2030.
    // Kurban Ait (lunar) and decree-moved days change every year: admins add them.
    await q.query(`
      WITH fixed(month_day, name_kk, name_ru, name_en) AS (VALUES
        ('01-01', 'Жаңа жыл', 'Новый год', 'New Year'),
        ('01-02', 'Жаңа жыл', 'Новый год', 'New Year'),
        ('01-07', 'Православиелік Рождество', 'Православное Рождество', 'Orthodox Christmas'),
        ('03-08', 'Халықаралық әйелдер күні', 'Международный женский день', 'International Women''s Day'),
        ('03-21', 'Наурыз мейрамы', 'Наурыз мейрамы', 'Nauryz'),
        ('03-22', 'Наурыз мейрамы', 'Наурыз мейрамы', 'Nauryz'),
        ('03-23', 'Наурыз мейрамы', 'Наурыз мейрамы', 'Nauryz'),
        ('05-01', 'Қазақстан халқының бірлігі мерекесі', 'Праздник единства народа Казахстана', 'Unity Day of the People of Kazakhstan'),
        ('05-07', 'Отан қорғаушы күні', 'День защитника Отечества', 'Defender of the Fatherland Day'),
        ('05-09', 'Жеңіс күні', 'День Победы', 'Victory Day'),
        ('07-06', 'Астана күні', 'День столицы', 'Capital Day'),
        ('08-30', 'Қазақстан Республикасының Конституциясы күні', 'День Конституции Республики Казахстан', 'Constitution Day'),
        ('10-25', 'Республика күні', 'День Республики', 'Republic Day'),
        ('12-16', 'Тәуелсіздік күні', 'День Независимости', 'Independence Day')
      )
      INSERT INTO holidays (date, kind, name_kk, name_ru, name_en)
      SELECT make_date(y, split_part(month_day, '-', 1)::int, split_part(month_day, '-', 2)::int), 'holiday', name_kk, name_ru, name_en
      FROM fixed CROSS JOIN generate_series(2025, 2030) AS y`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}

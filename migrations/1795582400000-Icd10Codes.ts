import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ICD-10 codes health workers and PMPC specialists pick from when recording a diagnosis (issue 19:
 * "diagnoses (ICD-10 with code search)"), labelled in kk, ru and en. Not the whole classification: the
 * categories and subcategories that bring a child to a PMPC — intellectual disability, disorders of
 * speech, learning and development, autism, behaviour, cerebral palsy and other neurological
 * conditions, sight and hearing, and the congenital anomalies behind them. A diagnosis is still
 * validated by the ICD-10 pattern (`@IsIcd10`), not by this list: a code not listed here can be
 * recorded; the list only helps find one.
 */
const CODES: [code: string, kk: string, ru: string, en: string][] = [
  ['E70.0', 'Классикалық фенилкетонурия', 'Классическая фенилкетонурия', 'Classical phenylketonuria'],
  ['E84', 'Кистозды фиброз', 'Кистозный фиброз', 'Cystic fibrosis'],
  ['F70', 'Жеңіл ақыл-ой кемістігі', 'Лёгкая умственная отсталость', 'Mild mental retardation'],
  ['F71', 'Орташа ақыл-ой кемістігі', 'Умеренная умственная отсталость', 'Moderate mental retardation'],
  ['F72', 'Ауыр ақыл-ой кемістігі', 'Тяжёлая умственная отсталость', 'Severe mental retardation'],
  ['F73', 'Терең ақыл-ой кемістігі', 'Глубокая умственная отсталость', 'Profound mental retardation'],
  ['F78', 'Ақыл-ой кемістігінің басқа түрлері', 'Другие формы умственной отсталости', 'Other mental retardation'],
  ['F79', 'Анықталмаған ақыл-ой кемістігі', 'Умственная отсталость неуточнённая', 'Unspecified mental retardation'],
  ['F80.0', 'Сөйлеу артикуляциясының өзіндік бұзылуы', 'Специфическое расстройство артикуляции речи', 'Specific speech articulation disorder'],
  ['F80.1', 'Экспрессивті сөйлеудің бұзылуы', 'Расстройство экспрессивной речи', 'Expressive language disorder'],
  ['F80.2', 'Рецептивті сөйлеудің бұзылуы', 'Расстройство рецептивной речи', 'Receptive language disorder'],
  ['F80.3', 'Эпилепсиямен жүре пайда болған афазия (Ландау–Клеффнер синдромы)', 'Приобретённая афазия с эпилепсией (синдром Ландау–Клеффнера)', 'Acquired aphasia with epilepsy (Landau–Kleffner)'],
  ['F80.9', 'Сөйлеу мен тіл дамуының анықталмаған бұзылуы', 'Расстройство развития речи и языка неуточнённое', 'Developmental disorder of speech and language, unspecified'],
  ['F81.0', 'Оқудың өзіндік бұзылуы', 'Специфическое расстройство чтения', 'Specific reading disorder'],
  ['F81.1', 'Жазудың (емленің) өзіндік бұзылуы', 'Специфическое расстройство спеллингования', 'Specific spelling disorder'],
  ['F81.2', 'Арифметикалық дағдылардың өзіндік бұзылуы', 'Специфическое расстройство арифметических навыков', 'Specific disorder of arithmetical skills'],
  ['F81.3', 'Мектеп дағдыларының аралас бұзылуы', 'Смешанное расстройство школьных навыков', 'Mixed disorder of scholastic skills'],
  ['F82', 'Қозғалыс функциясы дамуының өзіндік бұзылуы', 'Специфическое расстройство развития моторной функции', 'Specific developmental disorder of motor function'],
  ['F83', 'Психологиялық дамудың аралас өзіндік бұзылулары', 'Смешанные специфические расстройства психологического развития', 'Mixed specific developmental disorders'],
  ['F84.0', 'Балалар аутизмі', 'Детский аутизм', 'Childhood autism'],
  ['F84.1', 'Атиптік аутизм', 'Атипичный аутизм', 'Atypical autism'],
  ['F84.2', 'Ретт синдромы', 'Синдром Ретта', "Rett's syndrome"],
  ['F84.3', 'Балалық шақтың басқа дезинтеграциялық бұзылуы', 'Другое дезинтегративное расстройство детского возраста', 'Other childhood disintegrative disorder'],
  ['F84.5', 'Аспергер синдромы', 'Синдром Аспергера', "Asperger's syndrome"],
  ['F84.8', 'Дамудың басқа жалпы бұзылулары', 'Другие общие расстройства развития', 'Other pervasive developmental disorders'],
  ['F84.9', 'Дамудың анықталмаған жалпы бұзылуы', 'Общее расстройство развития неуточнённое', 'Pervasive developmental disorder, unspecified'],
  ['F88', 'Психологиялық дамудың басқа бұзылулары', 'Другие расстройства психологического развития', 'Other disorders of psychological development'],
  ['F89', 'Психологиялық дамудың анықталмаған бұзылуы', 'Расстройство психологического развития неуточнённое', 'Unspecified disorder of psychological development'],
  ['F90.0', 'Белсенділік пен зейіннің бұзылуы', 'Нарушение активности и внимания', 'Disturbance of activity and attention'],
  ['F90.1', 'Мінез-құлықтың гиперкинетикалық бұзылуы', 'Гиперкинетическое расстройство поведения', 'Hyperkinetic conduct disorder'],
  ['F91', 'Мінез-құлықтың бұзылулары', 'Расстройства поведения', 'Conduct disorders'],
  ['F93', 'Балалық шаққа тән эмоциялық бұзылулар', 'Эмоциональные расстройства, специфические для детского возраста', 'Emotional disorders with onset specific to childhood'],
  ['F94.0', 'Элективті мутизм', 'Элективный мутизм', 'Elective mutism'],
  ['F95', 'Тиктер', 'Тики', 'Tic disorders'],
  ['F98.0', 'Бейорганикалық энурез', 'Энурез неорганической природы', 'Nonorganic enuresis'],
  ['F98.5', 'Тұтығу', 'Заикание', 'Stuttering [stammering]'],
  ['G40', 'Эпилепсия', 'Эпилепсия', 'Epilepsy'],
  ['G71.0', 'Бұлшықет дистрофиясы', 'Мышечная дистрофия', 'Muscular dystrophy'],
  ['G80.0', 'Спастикалық церебральды сал', 'Спастический церебральный паралич', 'Spastic cerebral palsy'],
  ['G80.1', 'Спастикалық диплегия', 'Спастическая диплегия', 'Spastic diplegia'],
  ['G80.2', 'Балалар гемиплегиясы', 'Детская гемиплегия', 'Infantile hemiplegia'],
  ['G80.3', 'Дискинетикалық церебральды сал', 'Дискинетический церебральный паралич', 'Dyskinetic cerebral palsy'],
  ['G80.4', 'Атаксиялық церебральды сал', 'Атаксический церебральный паралич', 'Ataxic cerebral palsy'],
  ['G80.9', 'Балалар церебральды салы, анықталмаған', 'Детский церебральный паралич неуточнённый', 'Infantile cerebral palsy, unspecified'],
  ['G91', 'Гидроцефалия', 'Гидроцефалия', 'Hydrocephalus'],
  ['H54.0', 'Екі көздің соқырлығы', 'Слепота обоих глаз', 'Blindness, binocular'],
  ['H54.2', 'Екі көздің нашар көруі', 'Пониженное зрение обоих глаз', 'Low vision, binocular'],
  ['H90.3', 'Екі жақты нейросенсорлық есту қабілетінің жоғалуы', 'Нейросенсорная потеря слуха двусторонняя', 'Sensorineural hearing loss, bilateral'],
  ['H90.5', 'Анықталмаған нейросенсорлық есту қабілетінің жоғалуы', 'Нейросенсорная потеря слуха неуточнённая', 'Sensorineural hearing loss, unspecified'],
  ['H91.3', 'Басқа айдарларда жіктелмеген саңырау-мылқаулық', 'Глухонемота, не классифицированная в других рубриках', 'Deaf mutism, not elsewhere classified'],
  ['M41', 'Сколиоз', 'Сколиоз', 'Scoliosis'],
  ['Q02', 'Микроцефалия', 'Микроцефалия', 'Microcephaly'],
  ['Q05', 'Spina bifida (омыртқа арнасының толық бітпеуі)', 'Spina bifida (неполное закрытие позвоночного канала)', 'Spina bifida'],
  ['Q35', 'Таңдайдың жырығы', 'Расщелина нёба', 'Cleft palate'],
  ['Q37', 'Таңдай мен еріннің жырығы', 'Расщелина нёба и губы', 'Cleft palate with cleft lip'],
  ['Q90', 'Даун синдромы', 'Синдром Дауна', "Down's syndrome"],
  ['Q96', 'Тернер синдромы', 'Синдром Тернера', "Turner's syndrome"],
  ['Q99.2', 'Сынғыш X-хромосома', 'Ломкая X-хромосома', 'Fragile X chromosome'],
  ['R62.0', 'Даму кезеңдерінің кешігуі', 'Задержка этапов развития', 'Delayed milestone'],
];

export class Icd10Codes1795582400000 implements MigrationInterface {
  name = 'Icd10Codes1795582400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE icd10_codes (
        code     text NOT NULL,
        name_kk  text NOT NULL,
        name_ru  text NOT NULL,
        name_en  text NOT NULL,
        CONSTRAINT "PK_f455ed8ffc710ef8cf5513bf82a" PRIMARY KEY (code)
      )`);
    const values = CODES.map((_, i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`).join(', ');
    await q.query(`INSERT INTO icd10_codes (code, name_kk, name_ru, name_en) VALUES ${values}`, CODES.flat());
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}

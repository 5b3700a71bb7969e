export const IMPORT_KINDS = ['organizations', 'children', 'placements', 'service-episodes', 'assessments'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** A PMPC conclusion's columns: the assessments file's, and a children file's with `sen_categories` (import-rows.ts conclusionInput). */
const CONCLUSION_COLUMNS: Record<string, string[]> = {
  assessed_on: ['қорытынды_күні', 'тексерілген_күні', 'дата_заключения', 'дата_обследования'],
  no_sen: ['ебқ_жоқ', 'нет_ооп'],
  sen_categories: ['ебқ_санаттары', 'категории_ооп'],
  programme: ['бағдарлама', 'программа'],
  education_form: ['ұсынылған_оқыту_нысаны', 'рекомендуемая_форма_обучения'],
  special_conditions: ['арнайы_жағдайлар', 'специальные_условия'],
  review_on: ['қайта_қарау_күні', 'дата_пересмотра'],
};

/** The columns of each kind (DESIGN §6): the English key, then the Kazakh and Russian headers accepted for it. */
export const IMPORT_COLUMNS: Record<ImportKind, Record<string, string[]>> = {
  organizations: {
    external_id: ['сыртқы_id', 'внешний_id'],
    type: ['түрі', 'тип'],
    name_kk: ['атауы_kk', 'атауы (қазақша)', 'название_kk'],
    name_ru: ['атауы_ru', 'атауы (орысша)', 'название_ru', 'название'],
    kato: ['като'],
    parent_external_id: ['жоғары_ұйым', 'вышестоящая_организация'],
    capacity: ['сыйымдылығы', 'вместимость'],
    state_order_places: ['мемлекеттік_тапсырыс', 'госзаказ'],
    support_rooms: ['қолдау_кабинеттері', 'кабинеты_поддержки'],
    sen_conditions: ['ерекше_жағдайлар', 'условия_оop', 'условия_ооп'],
    sen_conditions_since: ['жағдайлар_қашаннан', 'условия_с'],
  },
  children: {
    iin: ['жсн', 'иин'],
    last_name: ['тегі', 'фамилия'],
    first_name: ['аты', 'имя'],
    patronymic: ['әкесінің_аты', 'отчество'],
    birth_date: ['туған_күні', 'дата_рождения'],
    sex: ['жынысы', 'пол'],
    kato: ['като'],
    guardian_iin: ['заңды_өкілдің_жсн', 'иин_представителя'],
    guardian_name: ['заңды_өкіл', 'представитель'],
    guardian_relation: ['туыстығы', 'родство'],
    guardian_phone: ['телефон'],
    confirm_new: ['жаңа_екені_расталды', 'подтверждено_новый'],
    consent_data_sharing: ['деректермен_бөлісуге_келісім', 'согласие_на_обмен_данными'],
    consent_services: ['қызметтерге_келісім', 'согласие_на_услуги'],
    disability_status: ['мүгедектік', 'инвалидность'],
    disability_established_on: ['мүгедектік_белгіленген_күні', 'инвалидность_установлена'],
    consent_assessment: ['тексеруге_келісім', 'согласие_на_обследование'],
    ...CONCLUSION_COLUMNS,
  },
  placements: {
    child_iin: ['баланың_жсн', 'иин_ребёнка', 'иин_ребенка'],
    org_external_id: ['ұйымның_сыртқы_id', 'внешний_id_организации'],
    form: ['оқыту_нысаны', 'форма_обучения'],
    class_label: ['сынып', 'топ', 'класс', 'группа'],
    started_on: ['басталған_күні', 'дата_начала'],
    ended_on: ['аяқталған_күні', 'дата_окончания'],
    uses_support_room: ['қолдау_кабинеті', 'кабинет_поддержки'],
  },
  'service-episodes': {
    child_iin: ['баланың_жсн', 'иин_ребёнка', 'иин_ребенка'],
    org_external_id: ['ұйымның_сыртқы_id', 'внешний_id_организации'],
    service_type: ['қызмет_түрі', 'вид_услуги'],
    funding: ['қаржыландыру', 'финансирование'],
    started_on: ['басталған_күні', 'дата_начала'],
    ended_on: ['аяқталған_күні', 'дата_окончания'],
    sessions: ['сабақтар_саны', 'количество_занятий'],
    outcome: ['нәтиже', 'результат'],
    referred_on: ['жолдама_күні', 'жолдама_жіберілген_күні', 'дата_направления'],
  },
  assessments: {
    child_iin: ['баланың_жсн', 'иин_ребёнка', 'иин_ребенка'],
    ...CONCLUSION_COLUMNS,
    education_form: [...CONCLUSION_COLUMNS.education_form, 'оқыту_нысаны', 'форма_обучения'],
  },
};

/**
 * What each row of a kind is applied as, besides `create Import`: the uploader must hold these
 * permissions of the policy (libs/access/policy.ts) — organisations by admins, children by the roles
 * that register them, placements by the placing school (it proposes and activates its own), service
 * episodes by the organisation that referred the child (it records a referral to the provider), PMPC
 * conclusions by the PMPC head (who opens, completes and signs them).
 * Each row then passes the use case's own check on its child or organisation.
 */
export const IMPORT_REQUIRES: Record<ImportKind, readonly { action: 'create' | 'update' | 'sign'; subject: 'Organization' | 'Child' | 'Placement' | 'Referral' | 'Assessment' }[]> = {
  organizations: [{ action: 'create', subject: 'Organization' }],
  children: [{ action: 'create', subject: 'Child' }],
  placements: [{ action: 'create', subject: 'Placement' }, { action: 'update', subject: 'Placement' }],
  'service-episodes': [{ action: 'create', subject: 'Referral' }],
  assessments: [{ action: 'create', subject: 'Assessment' }, { action: 'update', subject: 'Assessment' }, { action: 'sign', subject: 'Assessment' }],
};

/** What a children row's conclusion columns (`sen_categories` …) need besides: the same as an assessments file. */
export const CHILD_CONCLUSION_REQUIRES = IMPORT_REQUIRES.assessments;

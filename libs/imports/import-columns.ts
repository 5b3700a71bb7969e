export const IMPORT_KINDS = ['organizations', 'children'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

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
  },
};

import type { Locale } from '@qoldau/core';

type Words = Readonly<Record<Locale, string>>;

/** Column headings and notes of the exported table, in the language of the request. */
export const LABELS = {
  region: { kk: 'Өңір', ru: 'Регион', en: 'Region' },
  kato: { kk: 'ҚАТО', ru: 'КАТО', en: 'KATO' },
  total: { kk: 'Барлығы', ru: 'Итого', en: 'Total' },
  special_kindergarten: { kk: 'Арнайы балабақшалар', ru: 'Специальные детские сады', en: 'Special kindergartens' },
  special_school: { kk: 'Арнайы мектептер', ru: 'Специальные школы', en: 'Special schools' },
  pmpc: { kk: 'ПМПК', ru: 'ПМПК', en: 'PMPC' },
  correction_room: { kk: 'ППТК', ru: 'КППК', en: 'Correction rooms' },
  autism_centre: { kk: 'Аутизм орталықтары', ru: 'Центры аутизма', en: 'Autism centres' },
  rehab_centre: { kk: 'Оңалту орталықтары', ru: 'Реабилитационные центры', en: 'Rehabilitation centres' },
  organizationsTotal: { kk: 'Арнайы ұйымдар барлығы', ru: 'Специальных организаций всего', en: 'Specialised organisations, total' },
  supportRooms: { kk: 'Қолдау кабинеттері', ru: 'Кабинеты поддержки инклюзии', en: 'Support rooms' },
  schoolsWithSenConditionsPercent: {
    kk: 'ЕБҚ балаларға жағдай жасаған мектептер, %',
    ru: 'Школы, создавшие условия для детей с ООП, %',
    en: 'Schools with conditions for SEN children, %',
  },
  childrenInInclusiveEducation: { kk: 'Инклюзивті ортада оқитын балалар', ru: 'Дети в инклюзивной среде', en: 'Children in inclusive education' },
  childrenWithDisabilityUnderStateOrder: {
    kk: 'Мемлекеттік тапсырыс бойынша қолдау алатын мүгедектігі бар балалар',
    ru: 'Дети с инвалидностью, получающие поддержку по госзаказу',
    en: 'Children with disabilities supported under the state order',
  },
  childrenAssessedThisYear: { kk: 'Биыл тексерілген балалар', ru: 'Обследовано детей в этом году', en: 'Children assessed this year' },
  referrals: { kk: 'Жолдамалар', ru: 'Направления', en: 'Referrals' },
  waitlistLength: { kk: 'Күту тізімі', ru: 'Лист ожидания', en: 'Waiting list' },
  provisionHonouredPercent: {
    kk: 'Ұсынымы орындалған балалар, %',
    ru: 'Дети, чьи рекомендации выполнены, %',
    en: 'Children whose recommended provision is delivered, %',
  },
  conclusionsOverdueForReview: { kk: 'Қайта қарау мерзімі өткен қорытындылар', ru: 'Заключения с просроченным пересмотром', en: 'Conclusions overdue for review' },
  started: { kk: 'басталды', ru: 'начато', en: 'started' },
  median: { kk: 'медиана, жұмыс күні', ru: 'медиана, рабочих дней', en: 'median, working days' },
  p90: { kk: '90-перцентиль, жұмыс күні', ru: '90-й перцентиль, рабочих дней', en: '90th percentile, working days' },
  notes: { kk: 'Түсініктеме', ru: 'Пояснения', en: 'Notes' },
  summary: { kk: 'Жиынтық', ru: 'Сводка', en: 'Summary' },
  asOf: { kk: 'Күні', ru: 'По состоянию на', en: 'As of' },
  refreshedAt: { kk: 'Есептелген уақыты', ru: 'Рассчитано', en: 'Computed at' },
  suppression: { kk: 'Жасыру ережесі', ru: 'Правило скрытия', en: 'Suppression rule' },
  hidden: {
    kk: '* — жасырылған сан (жасыру ережесін қараңыз); бос ұяшық — есептейтін дерек жоқ',
    ru: '* — скрытое значение (см. правило скрытия); пустая ячейка — не из чего считать',
    en: '* — a hidden figure (see the suppression rule); an empty cell — nothing to compute from',
  },
} satisfies Record<string, Words>;

export const STATUS_LABELS: Readonly<Record<string, Words>> = {
  sent: { kk: 'жіберілді', ru: 'отправлено', en: 'sent' },
  accepted: { kk: 'қабылданды', ru: 'принято', en: 'accepted' },
  waitlisted: { kk: 'күту тізімінде', ru: 'в листе ожидания', en: 'waitlisted' },
  in_progress: { kk: 'орындалуда', ru: 'в работе', en: 'in progress' },
  completed: { kk: 'аяқталды', ru: 'завершено', en: 'completed' },
  declined: { kk: 'бас тартылды', ru: 'отклонено', en: 'declined' },
  withdrawn: { kk: 'кері қайтарылды', ru: 'отозвано', en: 'withdrawn' },
};

/** The definitions on the notes sheet (docs/reports.md says the same at length). */
export const DEFINITIONS: readonly { label: keyof typeof LABELS; text: Words }[] = [
  {
    label: 'organizationsTotal',
    text: {
      kk: 'Күнге белсенді (сол күнге дейін тіркелген және өшірілмеген) алты түрдегі арнайы ұйымдар, ұйымның ҚАТО-сы бойынша өңірде.',
      ru: 'Активные на дату (зарегистрированные до конца даты и не деактивированные) организации шести специальных типов, регион по КАТО организации.',
      en: 'Organisations of the six specialised types active on the date (registered by its end and not deactivated), in the region of their KATO.',
    },
  },
  {
    label: 'supportRooms',
    text: { kk: 'Күнге белсенді жалпы білім беретін мектептердің қолдау кабинеттерінің қосындысы.', ru: 'Сумма кабинетов поддержки активных на дату общеобразовательных школ.', en: 'Support rooms summed over mainstream schools active on the date.' },
  },
  {
    label: 'schoolsWithSenConditionsPercent',
    text: {
      kk: 'Күнге дейін ЕБҚ жағдайлары жасалған мектептер ÷ барлық белсенді мектептер, %, бір ондық белгі.',
      ru: 'Школы с условиями для детей с ООП (с даты не позже отчётной) ÷ все активные школы, %, один знак.',
      en: 'Schools with SEN conditions since on or before the date ÷ all active schools, %, one decimal.',
    },
  },
  {
    label: 'childrenInInclusiveEducation',
    text: {
      kk: 'Күні белсенді inclusive_class не inclusive_group орналастыруы бар балалар (басталған ≤ күн ≤ аяқталған).',
      ru: 'Дети с активным на дату зачислением в инклюзивный класс или группу (начало ≤ дата ≤ окончание).',
      en: 'Distinct children with an inclusive_class or inclusive_group placement active on the date (start ≤ date ≤ end).',
    },
  },
  {
    label: 'childrenWithDisabilityUnderStateOrder',
    text: {
      kk: 'Күнге соңғы мүгедектік жазбасы «белгіленген» және күні белсенді мемлекеттік тапсырыс бойынша қызметі бар балалар.',
      ru: 'Дети, у которых последняя на дату запись об инвалидности — «установлена», и есть активный на дату эпизод услуг по госзаказу.',
      en: 'Distinct children whose latest disability record by the date is established, with a state-order service episode active on the date.',
    },
  },
  {
    label: 'childrenAssessedThisYear',
    text: { kk: 'Күннің жылында, 1 қаңтардан күнге дейін қорытындысына қол қойылған балалар.', ru: 'Дети с заключением, подписанным с 1 января года даты по дату.', en: 'Distinct children with a conclusion signed from 1 January of the date’s year up to the date.' },
  },
  {
    label: 'referrals',
    text: { kk: 'Жолдамалардың қазіргі мәртебесі (жобалардан басқа), баланың өңірі бойынша.', ru: 'Текущие статусы направлений (без черновиков), по региону ребёнка.', en: 'Referrals by their current status (drafts excluded), in the child’s region.' },
  },
  {
    label: 'median',
    text: {
      kk: 'Күнге дейінгі 12 айда басталған қызметтер: жіберілген күннен қызмет басталғанға дейінгі жұмыс күндері (демалыс және мереке күндерінсіз).',
      ru: 'Услуги, начатые за 12 месяцев до даты: рабочие дни от отправки направления до начала услуги (без выходных и праздников).',
      en: 'Services started in the 12 months to the date: working days from sending the referral to the start of the service (weekends and holidays excluded).',
    },
  },
  {
    label: 'provisionHonouredPercent',
    text: {
      kk: 'Күні ағымдағы қорытындысы және белсенді орналастыруы бар балалардың ішінен орналастыруы ұсынылған нысанды және барлық арнайы жағдайды қамтамасыз ететіндер, %.',
      ru: 'Из детей с действующим на дату заключением и активным зачислением — доля тех, чьё зачисление обеспечивает рекомендованную форму и все специальные условия, %.',
      en: 'Of the children with a current conclusion and an active placement on the date, the share whose placement provides the recommended form and every special condition, %.',
    },
  },
  {
    label: 'conclusionsOverdueForReview',
    text: { kk: 'Күні ағымдағы, қайта қарау күні күннен бұрын болған қорытындылар.', ru: 'Действующие на дату заключения с датой пересмотра раньше даты.', en: 'Conclusions current on the date whose review date is before it.' },
  },
];

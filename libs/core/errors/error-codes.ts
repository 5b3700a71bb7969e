import type { Locale } from '../http/locale';

/**
 * Every stable `code` the API can return in a problem+json body, defined once: the problem's own
 * `code` and the per-field codes in `errors[].code`. The ProblemDetailsFilter takes each problem's
 * `title` from here in the request's language; `GET /api/v1/reference/error-codes` hands the table to
 * clients; docs/errors.md is generated from it (`npm run docs:errors`). error-codes.spec.ts scans the
 * code base and fails on a code thrown anywhere that is missing here, or thrown with another status.
 *
 * - `status`: the HTTP status of a problem with this code. For a field code, the status of the problem
 *   that usually carries it (VALIDATION_FAILED is 400; a business rule naming the field is 422).
 * - `where`: `problem` — the problem's `code`; `field` — only inside `errors[]`; `both`.
 * - `title`: what a PMPC specialist or a school coordinator reads, in Kazakh, Russian and English.
 */
export interface ErrorCodeEntry {
  readonly status: number;
  readonly where: 'problem' | 'field' | 'both';
  readonly title: Readonly<Record<Locale, string>>;
}

export const ERROR_CODES = {
  // ── Requests and the framework ────────────────────────────────────────────────────────────────
  BAD_REQUEST: {
    status: 400,
    where: 'problem',
    title: { kk: 'Сұрау дұрыс құрылмаған', ru: 'Запрос составлен неверно', en: 'The request is malformed' },
  },
  MALFORMED_JSON: {
    status: 400,
    where: 'problem',
    title: {
      kk: 'Жіберілген деректерді оқу мүмкін болмады (JSON қатесі)',
      ru: 'Отправленные данные не удалось прочитать (ошибка JSON)',
      en: 'The data sent could not be read (invalid JSON)',
    },
  },
  JSON_TOO_DEEP: {
    status: 400,
    where: 'problem',
    title: {
      kk: 'Жіберілген деректердің ұя салуы тым терең',
      ru: 'Отправленные данные вложены слишком глубоко',
      en: 'The data sent is nested too deeply',
    },
  },
  INVALID_TEXT: {
    status: 400,
    where: 'problem',
    title: {
      kk: 'Жіберілген мәтінде рұқсат етілмеген байттар бар (NUL немесе қате UTF-8)',
      ru: 'В отправленном тексте недопустимые байты (NUL или неверный UTF-8)',
      en: 'The text sent holds bytes that are not text (NUL or invalid UTF-8)',
    },
  },
  URI_TOO_LONG: {
    status: 414,
    where: 'problem',
    title: { kk: 'Сұралған мекенжай тым ұзын', ru: 'Запрошенный адрес слишком длинный', en: 'The requested address is too long' },
  },
  VALIDATION_FAILED: {
    status: 400,
    where: 'problem',
    title: { kk: 'Кейбір өрістер қате толтырылған', ru: 'Некоторые поля заполнены неверно', en: 'Some fields are filled in incorrectly' },
  },
  ROUTE_NOT_FOUND: {
    status: 404,
    where: 'problem',
    title: { kk: 'Сұралған мекенжай жоқ', ru: 'Запрошенного адреса не существует', en: 'The requested address does not exist' },
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    where: 'problem',
    title: {
      kk: 'Бұл мекенжайда мұндай әрекет орындалмайды',
      ru: 'Это действие не поддерживается по этому адресу',
      en: 'This action is not supported at this address',
    },
  },
  NOT_ACCEPTABLE: {
    status: 406,
    where: 'problem',
    title: {
      kk: 'Жауапты сұралған пішімде беру мүмкін емес',
      ru: 'Ответ в запрошенном формате невозможен',
      en: 'The answer cannot be given in the requested format',
    },
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    where: 'problem',
    title: { kk: 'Жіберілген деректер тым үлкен', ru: 'Отправленные данные слишком велики', en: 'The data sent is too large' },
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    where: 'problem',
    title: { kk: 'Деректердің бұл пішімі қолданылмайды', ru: 'Этот формат данных не поддерживается', en: 'This data format is not supported' },
  },
  RATE_LIMITED: {
    status: 429,
    where: 'problem',
    title: {
      kk: 'Тым көп әрекет жасалды; біраздан соң қайталаңыз',
      ru: 'Слишком много попыток; повторите чуть позже',
      en: 'Too many attempts; try again a little later',
    },
  },
  INTERNAL: {
    status: 500,
    where: 'problem',
    title: {
      kk: 'Күтпеген қате орын алды; ол тіркелді',
      ru: 'Произошла непредвиденная ошибка; она зарегистрирована',
      en: 'An unexpected error occurred; it has been logged',
    },
  },
  DATABASE_BUSY: {
    status: 503,
    where: 'problem',
    title: {
      kk: 'Жүйе қазір бос емес; ештеңе өзгертілмеді, біраздан соң қайталаңыз',
      ru: 'Система сейчас занята; ничего не изменено, повторите чуть позже',
      en: 'The system is busy; nothing was changed, try again shortly',
    },
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    where: 'problem',
    title: {
      kk: 'Дерекқор қазір қолжетімсіз; ештеңе өзгертілмеді, біраздан соң қайталаңыз',
      ru: 'База данных сейчас недоступна; ничего не изменено, повторите чуть позже',
      en: 'The database is unavailable right now; nothing was changed, try again shortly',
    },
  },
  AUDIT_UNAVAILABLE: {
    status: 503,
    where: 'problem',
    title: {
      kk: 'Әрекеттер журналына жазу мүмкін емес; ештеңе өзгертілмеді, біраздан соң қайталаңыз',
      ru: 'Журнал действий недоступен для записи; ничего не изменено, повторите чуть позже',
      en: 'The audit trail cannot be written; nothing was changed, try again shortly',
    },
  },

  // ── Versions, paging, repeated requests ───────────────────────────────────────────────────────
  VERSION_CONFLICT: {
    status: 412,
    where: 'problem',
    title: {
      kk: 'Жазбаны сізден бұрын басқа біреу өзгертті; жаңартып, өзгерістерді қайта енгізіңіз',
      ru: 'Запись уже изменил кто-то другой; обновите её и внесите изменения заново',
      en: 'Someone else has changed the record; reload it and make your changes again',
    },
  },
  IF_MATCH_REQUIRED: {
    status: 428,
    where: 'problem',
    title: {
      kk: 'Жазбаның қай нұсқасы өзгертілетіні көрсетілмеген',
      ru: 'Не указано, какая версия записи изменяется',
      en: 'It is not stated which version of the record is being changed',
    },
  },
  IF_MATCH_INVALID: {
    status: 400,
    where: 'both',
    title: { kk: 'Жазбаның нұсқасы қате көрсетілген', ru: 'Версия записи указана неверно', en: 'The record version is given incorrectly' },
  },
  CONCURRENT_UPDATE: {
    status: 409,
    where: 'problem',
    title: {
      kk: 'Бұл жазбаны дәл осы сәтте басқа біреу өзгертті; ештеңе сақталмады, қайталап көріңіз',
      ru: 'Эту запись в тот же момент изменил кто-то другой; ничего не сохранено, повторите попытку',
      en: 'Someone else changed the same record at the same moment; nothing was saved, try again',
    },
  },
  CURSOR_INVALID: {
    status: 400,
    where: 'both',
    title: {
      kk: 'Тізімнің келесі бетіне сілтеме жарамсыз; тізімді басынан ашыңыз',
      ru: 'Ссылка на следующую страницу списка недействительна; откройте список сначала',
      en: 'The link to the next page of the list is not valid; open the list from the start',
    },
  },
  IDEMPOTENCY_KEY_INVALID: {
    status: 400,
    where: 'field',
    title: { kk: 'Сұрау кілті қате', ru: 'Неверный ключ запроса', en: 'The request key is not valid' },
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    where: 'problem',
    title: {
      kk: 'Бұл сұрау кілті басқа сұрауда қолданылған',
      ru: 'Этот ключ запроса уже использован для другого запроса',
      en: 'This request key was already used for a different request',
    },
  },
  IDEMPOTENCY_REQUEST_IN_PROGRESS: {
    status: 409,
    where: 'problem',
    title: {
      kk: 'Бұл сұрау әлі өңделуде; біраздан соң қайталаңыз',
      ru: 'Этот запрос ещё обрабатывается; повторите чуть позже',
      en: 'This request is still being processed; try again shortly',
    },
  },

  // ── Signing in and sessions ───────────────────────────────────────────────────────────────────
  UNAUTHENTICATED: {
    status: 401,
    where: 'problem',
    title: { kk: 'Жүйеге кіру қажет', ru: 'Необходимо войти в систему', en: 'You need to sign in' },
  },
  INVALID_CREDENTIALS: {
    status: 401,
    where: 'problem',
    title: { kk: 'Пайдаланушы аты немесе құпиясөз қате', ru: 'Неверное имя пользователя или пароль', en: 'Wrong username or password' },
  },
  ACCOUNT_LOCKED: {
    status: 401,
    where: 'problem',
    title: {
      kk: 'Сәтсіз кіру әрекеттері тым көп: есептік жазба уақытша бұғатталды',
      ru: 'Слишком много неудачных попыток входа: учётная запись временно заблокирована',
      en: 'Too many failed sign-in attempts: the account is locked for a while',
    },
  },
  TOKEN_INVALID: {
    status: 401,
    where: 'problem',
    title: { kk: 'Кіру деректері жарамсыз; қайта кіріңіз', ru: 'Данные входа недействительны; войдите снова', en: 'The sign-in is not valid; sign in again' },
  },
  TOKEN_EXPIRED: {
    status: 401,
    where: 'problem',
    title: { kk: 'Кіру мерзімі өтті; сеансты жаңарту қажет', ru: 'Срок входа истёк; сеанс нужно продлить', en: 'The sign-in has expired; the session needs renewing' },
  },
  SESSION_REVOKED: {
    status: 401,
    where: 'problem',
    title: { kk: 'Сеанс аяқталды; қайта кіріңіз', ru: 'Сеанс завершён; войдите снова', en: 'The session has ended; sign in again' },
  },
  REFRESH_TOKEN_INVALID: {
    status: 401,
    where: 'problem',
    title: { kk: 'Сеансты ұзарту мүмкін емес; қайта кіріңіз', ru: 'Сеанс не удаётся продлить; войдите снова', en: 'The session cannot be renewed; sign in again' },
  },
  REFRESH_TOKEN_EXPIRED: {
    status: 401,
    where: 'problem',
    title: { kk: 'Сеанс мерзімі өтті; қайта кіріңіз', ru: 'Срок сеанса истёк; войдите снова', en: 'The session has expired; sign in again' },
  },
  REFRESH_TOKEN_REUSED: {
    status: 401,
    where: 'problem',
    title: {
      kk: 'Қауіпсіздік үшін сеанс аяқталды; қайта кіріңіз',
      ru: 'Сеанс завершён в целях безопасности; войдите снова',
      en: 'The session was ended for safety; sign in again',
    },
  },

  // ── Access ────────────────────────────────────────────────────────────────────────────────────
  FORBIDDEN: {
    status: 403,
    where: 'problem',
    title: { kk: 'Бұл әрекетке рұқсатыңыз жоқ', ru: 'У вас нет прав на это действие', en: 'You are not allowed to do this' },
  },
  OUTSIDE_REGION: {
    status: 403,
    where: 'problem',
    title: {
      kk: 'Бұл әрекетке тек өз өңіріңізде рұқсат етілген',
      ru: 'Это действие разрешено только в вашем регионе',
      en: 'This is allowed only within your own region',
    },
  },
  NOT_YOUR_SIDE: {
    status: 403,
    where: 'problem',
    title: {
      kk: 'Бұл қадамды жолдаманың екінші тарапы орындайды',
      ru: 'Этот шаг выполняет другая сторона направления',
      en: 'This step is for the other party to the referral',
    },
  },
  NOT_FOUND: {
    status: 404,
    where: 'problem',
    title: {
      kk: 'Жазба табылмады немесе сізге қолжетімсіз',
      ru: 'Запись не найдена или недоступна вам',
      en: 'The record was not found or is not available to you',
    },
  },
  CHILD_MERGED: {
    status: 404,
    where: 'problem',
    title: {
      kk: 'Бала туралы бұл жазба басқа жазбаға біріктірілген',
      ru: 'Эта запись о ребёнке объединена с другой',
      en: "This child's record has been merged into another one",
    },
  },

  // ── Organisations and users ───────────────────────────────────────────────────────────────────
  DUPLICATE_EXTERNAL_ID: {
    status: 409,
    where: 'problem',
    title: {
      kk: 'Осы сыртқы идентификаторы бар ұйым бұрыннан бар',
      ru: 'Организация с этим внешним идентификатором уже есть',
      en: 'An organisation with this external identifier already exists',
    },
  },
  USERNAME_TAKEN: {
    status: 409,
    where: 'problem',
    title: { kk: 'Бұл пайдаланушы аты бос емес', ru: 'Это имя пользователя уже занято', en: 'This username is already taken' },
  },
  CANNOT_DEACTIVATE_SELF: {
    status: 422,
    where: 'problem',
    title: {
      kk: 'Өз есептік жазбаңызды өшіре алмайсыз',
      ru: 'Нельзя отключить собственную учётную запись',
      en: 'You cannot deactivate your own account',
    },
  },
  ROLE_NOT_ALLOWED_FOR_ORGANIZATION: {
    status: 422,
    where: 'both',
    title: {
      kk: 'Бұл рөл осы түрдегі ұйымға сәйкес келмейді',
      ru: 'Эта роль не соответствует типу организации',
      en: 'This role does not fit the type of organisation',
    },
  },
  SEN_CONDITIONS_SINCE_WITHOUT_CONDITIONS: {
    status: 422,
    where: 'problem',
    title: {
      kk: 'Арнайы жағдайлар жасалған күн тек арнайы жағдайлар болғанда көрсетіледі',
      ru: 'Дата создания специальных условий указывается, только если условия созданы',
      en: 'The date special conditions began is given only when there are special conditions',
    },
  },
  NOT_APPLICABLE_TO_TYPE: {
    status: 422,
    where: 'both',
    title: {
      kk: 'Бұл мәліметтер тек жалпы білім беретін мектептер мен балабақшаларға қатысты',
      ru: 'Эти сведения относятся только к общеобразовательным школам и детским садам',
      en: 'These details apply only to mainstream schools and kindergartens',
    },
  },

  // ── The child's case ──────────────────────────────────────────────────────────────────────────
  DUPLICATE_CHILD: {
    status: 409,
    where: 'both',
    title: {
      kk: 'Бұл ЖСН-мен бала бұрыннан тіркелген',
      ru: 'Ребёнок с этим ИИН уже зарегистрирован',
      en: 'A child with this IIN is already registered',
    },
  },
  POSSIBLE_DUPLICATE: {
    status: 409,
    where: 'problem',
    title: {
      kk: 'Аты-жөні ұқсас, туған күні бірдей балалар тіркелген; алдымен оларды тексеріңіз',
      ru: 'Уже зарегистрированы дети с похожим ФИО и той же датой рождения; сначала проверьте их',
      en: 'Children with a similar name and the same birth date are already registered; check them first',
    },
  },
  IIN_MISMATCH: {
    status: 422,
    where: 'both',
    title: {
      kk: 'Туған күні немесе жынысы ЖСН-ге сәйкес келмейді',
      ru: 'Дата рождения или пол не совпадают с ИИН',
      en: 'The birth date or sex does not match the IIN',
    },
  },
  CASE_CLOSED: {
    status: 422,
    where: 'problem',
    title: {
      kk: 'Баланың ісі жабық; алдымен оны қайта ашыңыз',
      ru: 'Дело ребёнка закрыто; сначала откройте его заново',
      en: "The child's case is closed; reopen it first",
    },
  },
  TRANSITION_NOT_ALLOWED: {
    status: 422,
    where: 'problem',
    title: {
      kk: 'Ағымдағы күйде бұл әрекетті орындау мүмкін емес',
      ru: 'В текущем состоянии это действие невозможно',
      en: 'This action is not possible in the current state',
    },
  },
  GUARDIAN_IS_CHILD: {
    status: 422,
    where: 'both',
    title: {
      kk: 'Заңды өкілдің ЖСН-і баланың ЖСН-імен бірдей',
      ru: 'ИИН законного представителя совпадает с ИИН ребёнка',
      en: "The legal representative has the child's IIN",
    },
  },
  GUARDIAN_ENDED: {
    status: 422,
    where: 'problem',
    title: {
      kk: 'Бұл заңды өкілдің өкілеттігі тоқтатылған; жаңасын қосыңыз',
      ru: 'Полномочия этого законного представителя прекращены; добавьте нового',
      en: 'This legal representative has been ended; add a new one',
    },
  },
  CONSENT_REQUIRED: {
    status: 422,
    where: 'both',
    title: {
      kk: 'Заңды өкілдің келісімі қажет',
      ru: 'Требуется согласие законного представителя',
      en: 'The consent of a legal representative is required',
    },
  },
  CONSENT_WITHDRAWN: {
    status: 422,
    where: 'problem',
    title: {
      kk: 'Заңды өкіл қызметтерге келісімін кері қайтарып алды',
      ru: 'Законный представитель отозвал согласие на услуги',
      en: 'The legal representative has withdrawn consent to services',
    },
  },
  CONSENT_GATES_NOTHING: {
    status: 422,
    where: 'both',
    title: {
      kk: 'Бұл сала деректерді келісімсіз де көреді; мұндай келісім қажет емес',
      ru: 'Эта сфера видит данные и без согласия; такое согласие не нужно',
      en: 'This sector sees the data without consent; such a consent is not needed',
    },
  },
  MERGE_IIN_CONFLICT: {
    status: 422,
    where: 'both',
    title: {
      kk: 'Жазбалардағы ЖСН әртүрлі: бұлар екі түрлі бала',
      ru: 'В записях разные ИИН: это два разных ребёнка',
      en: 'The records have different IINs: these are two different children',
    },
  },
  MERGE_SAME_CHILD: {
    status: 400,
    where: 'field',
    title: { kk: 'Жазбаны өзімен біріктіруге болмайды', ru: 'Запись нельзя объединить с самой собой', en: 'A record cannot be merged with itself' },
  },
  MERGE_ASSESSMENT_CONFLICT: {
    status: 422,
    where: 'both',
    title: {
      kk: 'Екі жазбада да тексерудің жобасы бар; біріктірмес бұрын біреуіне қол қойыңыз',
      ru: 'В обеих записях есть черновик обследования; подпишите один до объединения',
      en: 'Both records have a draft assessment; sign one before merging',
    },
  },
  MERGE_PLACEMENT_CONFLICT: {
    status: 422,
    where: 'both',
    title: {
      kk: 'Екі жазбада да белсенді орналастыру бар; біріктірмес бұрын біреуін аяқтаңыз',
      ru: 'В обеих записях есть действующее зачисление; завершите одно до объединения',
      en: 'Both records have an active placement; end one before merging',
    },
  },

  // ── PMPC assessments and conclusions ──────────────────────────────────────────────────────────
  ASSESSMENT_DRAFT_EXISTS: {
    status: 409,
    where: 'problem',
    title: {
      kk: 'ПМПК-да бұл баланы тексерудің жобасы бар; соны жалғастырыңыз',
      ru: 'У вашей ПМПК уже есть черновик обследования этого ребёнка; продолжите его',
      en: 'Your PMPC already has a draft assessment of this child; continue that one',
    },
  },
  ASSESSMENT_SIGNED: {
    status: 422,
    where: 'problem',
    title: {
      kk: 'Қол қойылған қорытындыны өзгертуге болмайды; жаңа тексеру ашыңыз',
      ru: 'Подписанное заключение нельзя изменить; откройте новое обследование',
      en: 'A signed conclusion cannot be changed; open a new assessment',
    },
  },
  ASSESSMENT_INCOMPLETE: {
    status: 422,
    where: 'problem',
    title: {
      kk: 'Қорытынды қол қоюға жеткілікті толтырылмаған',
      ru: 'Заключение заполнено недостаточно для подписания',
      en: 'The conclusion is not complete enough to sign',
    },
  },
  CONFIRMATIONS_MISSING: {
    status: 422,
    where: 'problem',
    title: {
      kk: 'Комиссияның барлық мамандары өз қорытындыларын растаған жоқ',
      ru: 'Не все специалисты комиссии подтвердили свои выводы',
      en: 'Not every specialist of the commission has confirmed their findings',
    },
  },
  CONFIRMATION_MISSING: {
    status: 422,
    where: 'field',
    title: {
      kk: 'Маман өз қорытындысын растаған жоқ',
      ru: 'Специалист не подтвердил свои выводы',
      en: 'The specialist has not confirmed their findings',
    },
  },
  NOT_IN_COMMISSION: {
    status: 422,
    where: 'both',
    title: {
      kk: 'Сіз бұл тексеру комиссиясының құрамында жоқсыз',
      ru: 'Вы не входите в состав комиссии этого обследования',
      en: "You are not a member of this assessment's commission",
    },
  },
  NOT_A_PMPC_MEMBER: {
    status: 400,
    where: 'field',
    title: {
      kk: 'Бұл пайдаланушы осы ПМПК-ның белсенді қызметкері емес',
      ru: 'Этот пользователь не является действующим сотрудником этой ПМПК',
      en: 'This user is not an active member of this PMPC',
    },
  },
  UNKNOWN_SEN_CATEGORY: {
    status: 400,
    where: 'field',
    title: { kk: 'Мұндай ЕБҚ санаты жоқ', ru: 'Такой категории ООП нет', en: 'There is no such SEN category' },
  },
  CONFLICTING_SEN_CATEGORIES: {
    status: 400,
    where: 'field',
    title: {
      kk: 'Бір топтан ЕБҚ-ның тек бір дәрежесін көрсетуге болады',
      ru: 'Из одной группы ООП можно указать только одну степень',
      en: 'Only one degree of an SEN group may be named',
    },
  },
  NOT_ALLOWED_WITH_NO_SEN: {
    status: 400,
    where: 'field',
    title: {
      kk: '«ЕБҚ жоқ» деген қорытындыда ЕБҚ санаттары көрсетілмейді',
      ru: 'В заключении «ООП нет» категории ООП не указываются',
      en: 'A "no SEN" conclusion names no SEN categories',
    },
  },
  UNKNOWN_FORM_OF_EDUCATION: {
    status: 400,
    where: 'field',
    title: { kk: 'Мұндай оқыту нысаны жоқ', ru: 'Такой формы обучения нет', en: 'There is no such form of education' },
  },
  UNKNOWN_SPECIAL_CONDITION: {
    status: 400,
    where: 'field',
    title: { kk: 'Мұндай арнайы жағдай жоқ', ru: 'Такого специального условия нет', en: 'There is no such special condition' },
  },
  REVIEW_DATE_OUT_OF_RANGE: {
    status: 400,
    where: 'field',
    title: {
      kk: 'Қайта қарау күні бүгіннен кейін және 3 жыл ішінде болуы керек',
      ru: 'Дата пересмотра должна быть позже сегодняшней и в пределах 3 лет',
      en: 'The review date must be after today and within 3 years',
    },
  },

  // ── Placements ────────────────────────────────────────────────────────────────────────────────
  ACTIVE_PLACEMENT_EXISTS: {
    status: 409,
    where: 'problem',
    title: {
      kk: 'Баланың белсенді орналастыруы бар; алдымен оны аяқтаңыз',
      ru: 'У ребёнка уже есть действующее зачисление; сначала завершите его',
      en: 'The child already has an active placement; end it first',
    },
  },
  PLACEMENT_ORGANIZATION_NOT_ELIGIBLE: {
    status: 422,
    where: 'both',
    title: {
      kk: 'Баланы тек мектепке немесе балабақшаға орналастыруға болады',
      ru: 'Зачислить ребёнка можно только в школу или детский сад',
      en: 'A child can be placed only in a school or kindergarten',
    },
  },
  ENDED_BEFORE_START: {
    status: 422,
    where: 'both',
    title: {
      kk: 'Орналастыру басталмай тұрып аяқтала алмайды',
      ru: 'Зачисление не может закончиться раньше, чем началось',
      en: 'The placement cannot end before it started',
    },
  },
  TRANSFER_TO_SAME_ORGANIZATION: {
    status: 422,
    where: 'both',
    title: {
      kk: 'Бала осы ұйымда орналастырылған; ауыстыру басқа мектепке ғана жасалады',
      ru: 'Ребёнок уже зачислен в эту организацию; перевод возможен только в другую школу',
      en: 'The child is already placed in this organisation; a transfer goes to another school',
    },
  },
  REFERRAL_NOT_FOR_PLACEMENT: {
    status: 422,
    where: 'both',
    title: {
      kk: 'Жолдама осы баланы осы ұйымға орналастыруға берілген қабылданған жолдама емес',
      ru: 'Направление не является принятым направлением на зачисление этого ребёнка в эту организацию',
      en: 'The referral is not an accepted school placement referral of this child to this organisation',
    },
  },
  UNKNOWN_FORM: {
    status: 400,
    where: 'both',
    title: { kk: 'Мұндай оқыту нысаны жоқ', ru: 'Такой формы обучения нет', en: 'There is no such form of education' },
  },
  PLAN_REVIEW_DATE_OUT_OF_RANGE: {
    status: 400,
    where: 'field',
    title: {
      kk: 'Жоспарды қайта қарау күні бүгіннен кейін және 12 ай ішінде болуы керек',
      ru: 'Дата пересмотра плана должна быть позже сегодняшней и в пределах 12 месяцев',
      en: 'The plan review date must be after today and within 12 months',
    },
  },
  UNKNOWN_GOAL: {
    status: 400,
    where: 'both',
    title: { kk: 'Жоспарда мұндай мақсат жоқ', ru: 'В плане нет такой цели', en: 'The plan has no such goal' },
  },
  FORM_NOT_OFFERED: {
    status: 422,
    where: 'both',
    title: {
      kk: 'Бұл ұйым түрі мұндай оқыту нысанын ұсынбайды',
      ru: 'Организации этого типа не предлагают такую форму обучения',
      en: 'Organisations of this type do not offer this form of education',
    },
  },

  // ── Referrals and services ────────────────────────────────────────────────────────────────────
  REFERRAL_TO_OWN_ORGANIZATION: {
    status: 422,
    where: 'both',
    title: {
      kk: 'Жолдама өз ұйымыңызға емес, басқа ұйымға жіберіледі',
      ru: 'Направление отправляется в другую организацию, а не в свою',
      en: 'A referral goes to another organisation, not your own',
    },
  },
  SERVICE_NOT_PROVIDED: {
    status: 422,
    where: 'both',
    title: { kk: 'Бұл ұйым мұндай қызмет көрсетпейді', ru: 'Эта организация не оказывает такую услугу', en: 'This organisation does not provide this service' },
  },
  ORGANIZATION_INACTIVE: {
    status: 422,
    where: 'problem',
    title: {
      kk: 'Қабылдаушы ұйым бұдан былай жолдама қабылдамайды',
      ru: 'Принимающая организация больше не принимает направления',
      en: 'The receiving organisation no longer takes referrals',
    },
  },
  UNKNOWN_CONCLUSION: {
    status: 400,
    where: 'field',
    title: {
      kk: 'Бұл баланың мұндай қол қойылған қорытындысы жоқ',
      ru: 'У этого ребёнка нет такого подписанного заключения',
      en: 'This child has no such signed conclusion',
    },
  },
  CAPACITY_FULL: {
    status: 422,
    where: 'problem',
    title: {
      kk: 'Барлық орын толы; жолдаманы күту тізіміне қойыңыз',
      ru: 'Все места заняты; поставьте направление в лист ожидания',
      en: 'All places are taken; put the referral on the waiting list',
    },
  },
  STATE_ORDER_QUOTA_FULL: {
    status: 422,
    where: 'both',
    title: {
      kk: 'Мемлекеттік тапсырыс бойынша бос орын жоқ',
      ru: 'Свободных мест по государственному заказу нет',
      en: 'No state-order place is free',
    },
  },
  START_BEFORE_ACCEPTANCE: {
    status: 422,
    where: 'both',
    title: {
      kk: 'Қызмет жолдама қабылданғанға дейін басталмайды',
      ru: 'Услуга не может начаться до принятия направления',
      en: 'The service cannot start before the referral was accepted',
    },
  },
  END_BEFORE_START: {
    status: 422,
    where: 'both',
    title: {
      kk: 'Қызмет басталмай тұрып аяқтала алмайды',
      ru: 'Услуга не может закончиться раньше, чем началась',
      en: 'The service cannot end before it started',
    },
  },
  NO_SESSIONS_LOGGED: {
    status: 422,
    where: 'both',
    title: {
      kk: 'Бірде-бір сабақ тіркелмеген: алдымен сабақтарды тіркеңіз немесе қызметті себебін көрсетіп тоқтатылды деп аяқтаңыз',
      ru: 'Не записано ни одного занятия: сначала внесите занятия или завершите услугу как прекращённую, указав причину',
      en: 'No session was logged: log the sessions first, or complete the service as discontinued, saying why',
    },
  },
  EPISODE_ENDED: {
    status: 422,
    where: 'problem',
    title: {
      kk: 'Қызмет көрсету аяқталған; жаңа сабақтарды енгізуге болмайды',
      ru: 'Оказание услуги завершено; новые занятия вносить нельзя',
      en: 'The service has ended; no more sessions can be logged',
    },
  },
  SESSION_BEFORE_START: {
    status: 422,
    where: 'both',
    title: {
      kk: 'Сабақ күні қызмет басталған күннен ерте',
      ru: 'Дата занятия раньше начала услуги',
      en: 'The session date is before the service started',
    },
  },
  SLA_ALREADY_PAUSED: {
    status: 422,
    where: 'problem',
    title: {
      kk: 'Бұл жолдама бойынша мерзім санағы тоқтатылып қойған',
      ru: 'Отсчёт срока по этому направлению уже приостановлен',
      en: 'The deadline clock of this referral is already paused',
    },
  },
  SLA_NOT_PAUSED: {
    status: 422,
    where: 'problem',
    title: {
      kk: 'Бұл жолдама бойынша мерзім санағы тоқтатылмаған',
      ru: 'Отсчёт срока по этому направлению не приостановлен',
      en: 'The deadline clock of this referral is not paused',
    },
  },
  SLA_ALREADY_BREACHED: {
    status: 422,
    where: 'problem',
    title: {
      kk: 'Мерзім өтіп кеткен; оны тоқтатуға болмайды',
      ru: 'Срок уже истёк; приостановить его нельзя',
      en: 'The deadline has already passed; it cannot be paused',
    },
  },

  // ── Break-glass ───────────────────────────────────────────────────────────────────────────────
  ALREADY_REVIEWED: {
    status: 409,
    where: 'problem',
    title: {
      kk: 'Шұғыл қолжетімділіктің бұл жағдайы қаралып қойған',
      ru: 'Этот случай экстренного доступа уже рассмотрен',
      en: 'This use of emergency access has already been reviewed',
    },
  },
  CANNOT_REVIEW_OWN: {
    status: 422,
    where: 'problem',
    title: {
      kk: 'Өз шұғыл қолжетімділігіңізді өзіңіз қарай алмайсыз',
      ru: 'Нельзя рассматривать собственный экстренный доступ',
      en: 'You cannot review your own use of emergency access',
    },
  },

  // ── Field codes (errors[].code) ───────────────────────────────────────────────────────────────
  REQUIRED: {
    status: 400,
    where: 'field',
    title: { kk: 'Толтыру міндетті', ru: 'Обязательно для заполнения', en: 'This is required' },
  },
  NULL_NOT_ALLOWED: {
    status: 400,
    where: 'field',
    title: { kk: 'Бұл өріс бос (null) бола алмайды', ru: 'Это поле не может быть пустым (null)', en: 'This field cannot be null' },
  },
  UNKNOWN_FIELD: {
    status: 400,
    where: 'field',
    title: { kk: 'Мұндай өріс жоқ', ru: 'Такого поля нет', en: 'There is no such field' },
  },
  NOT_ALLOWED_HERE: {
    status: 400,
    where: 'field',
    title: { kk: 'Бұл жағдайда өрісті толтыруға болмайды', ru: 'В этом случае поле заполнять нельзя', en: 'This field must be left out here' },
  },
  NOT_ALLOWED_VALUE: {
    status: 400,
    where: 'field',
    title: { kk: 'Бұл мәнге рұқсат етілмеген', ru: 'Недопустимое значение', en: 'This value is not allowed' },
  },
  DUPLICATE_VALUE: {
    status: 400,
    where: 'field',
    title: { kk: 'Мән екі рет көрсетілген', ru: 'Значение указано дважды', en: 'The value is listed twice' },
  },
  TOO_LONG: {
    status: 400,
    where: 'field',
    title: { kk: 'Мәні тым ұзын', ru: 'Значение слишком длинное', en: 'The value is too long' },
  },
  TOO_SHORT: {
    status: 400,
    where: 'field',
    title: { kk: 'Мәні тым қысқа', ru: 'Значение слишком короткое', en: 'The value is too short' },
  },
  TOO_SMALL: {
    status: 400,
    where: 'field',
    title: { kk: 'Мәні тым кіші', ru: 'Значение слишком мало', en: 'The value is too small' },
  },
  TOO_LARGE: {
    status: 400,
    where: 'field',
    title: { kk: 'Мәні тым үлкен', ru: 'Значение слишком велико', en: 'The value is too large' },
  },
  INVALID_FORMAT: {
    status: 400,
    where: 'field',
    title: { kk: 'Пішімі қате', ru: 'Неверный формат', en: 'The format is wrong' },
  },
  INVALID_UUID: {
    status: 400,
    where: 'field',
    title: { kk: 'Идентификатор қате', ru: 'Неверный идентификатор', en: 'Not a valid identifier' },
  },
  INVALID_DATE: {
    status: 400,
    where: 'field',
    title: { kk: 'Күні қате көрсетілген', ru: 'Неверная дата', en: 'Not a valid date' },
  },
  NOT_AN_INTEGER: {
    status: 400,
    where: 'field',
    title: { kk: 'Бүтін сан болуы керек', ru: 'Должно быть целым числом', en: 'Must be a whole number' },
  },
  NOT_A_BOOLEAN: {
    status: 400,
    where: 'field',
    title: { kk: '«Иә» немесе «жоқ» болуы керек', ru: 'Должно быть «да» или «нет»', en: 'Must be yes or no' },
  },
  NOT_A_STRING: {
    status: 400,
    where: 'field',
    title: { kk: 'Мәтін болуы керек', ru: 'Должно быть текстом', en: 'Must be text' },
  },
  NOT_AN_ARRAY: {
    status: 400,
    where: 'field',
    title: { kk: 'Тізім болуы керек', ru: 'Должно быть списком', en: 'Must be a list' },
  },
  ARRAY_MIN_SIZE: {
    status: 400,
    where: 'field',
    title: { kk: 'Тізімде элементтер тым аз', ru: 'В списке слишком мало элементов', en: 'The list has too few items' },
  },
  ARRAY_MAX_SIZE: {
    status: 400,
    where: 'field',
    title: { kk: 'Тізімде элементтер тым көп', ru: 'В списке слишком много элементов', en: 'The list has too many items' },
  },
  ARRAY_UNIQUE: {
    status: 400,
    where: 'field',
    title: { kk: 'Тізімдегі мәндер қайталанбауы керек', ru: 'Значения в списке не должны повторяться', en: 'The list must not repeat a value' },
  },
  IS_OBJECT: {
    status: 400,
    where: 'field',
    title: { kk: 'Өрістер тобы болуы керек', ru: 'Должно быть группой полей', en: 'Must be a group of fields' },
  },
  NESTED_VALIDATION: {
    status: 400,
    where: 'field',
    title: { kk: 'Өрістер тобы немесе тізім болуы керек', ru: 'Должно быть группой полей или списком', en: 'Must be a group of fields or a list' },
  },
  TEXT_INVALID: {
    status: 400,
    where: 'field',
    title: {
      kk: 'Мәтін бос немесе рұқсат етілмеген таңбалар бар',
      ru: 'Текст пустой или содержит недопустимые символы',
      en: 'The text is empty or contains characters that are not allowed',
    },
  },
  NAME_INVALID: {
    status: 400,
    where: 'field',
    title: { kk: 'Есім қате жазылған', ru: 'Имя написано неверно', en: 'The name is not written correctly' },
  },
  IIN_INVALID: {
    status: 400,
    where: 'field',
    title: { kk: 'ЖСН қате', ru: 'Неверный ИИН', en: 'Not a valid IIN' },
  },
  KATO_INVALID: {
    status: 400,
    where: 'field',
    title: { kk: 'ҚАТО коды қате: 9 цифр болуы керек', ru: 'Неверный код КАТО: нужно 9 цифр', en: 'Not a valid KATO code: it must be 9 digits' },
  },
  ICD10_INVALID: {
    status: 400,
    where: 'field',
    title: { kk: 'АХЖ-10 коды қате', ru: 'Неверный код МКБ-10', en: 'Not a valid ICD-10 code' },
  },
  PHONE_INVALID: {
    status: 400,
    where: 'field',
    title: {
      kk: 'Телефон нөмірі қате: +7 және 10 цифр (Қазақстан нөмірі)',
      ru: 'Неверный номер телефона: +7 и 10 цифр (номер Казахстана)',
      en: 'Not a valid phone number: +7 and 10 digits (a Kazakhstan number)',
    },
  },
  PASSWORD_TOO_WEAK: {
    status: 400,
    where: 'field',
    title: { kk: 'Құпиясөз талаптарға сай емес', ru: 'Пароль не соответствует требованиям', en: 'The password does not meet the requirements' },
  },
  CURRENT_PASSWORD_WRONG: {
    status: 400,
    where: 'field',
    title: { kk: 'Қазіргі құпиясөз қате', ru: 'Текущий пароль указан неверно', en: 'The current password is wrong' },
  },
  DATE_IN_FUTURE: {
    status: 400,
    where: 'field',
    title: { kk: 'Күн болашақта болмауы керек', ru: 'Дата не может быть в будущем', en: 'The date must not be in the future' },
  },
  DATE_NOT_IN_FUTURE: {
    status: 400,
    where: 'field',
    title: { kk: 'Күн болашақта болуы керек', ru: 'Дата должна быть в будущем', en: 'The date must be in the future' },
  },
  DATE_BEFORE_BIRTH: {
    status: 400,
    where: 'field',
    title: { kk: 'Күн туған күннен ерте', ru: 'Дата раньше даты рождения', en: 'The date is before the birth date' },
  },
  DATE_BEFORE_ESTABLISHED: {
    status: 400,
    where: 'field',
    title: {
      kk: 'Қайта қарау күні белгіленген күннен ерте болмауы керек',
      ru: 'Дата переосвидетельствования не может быть раньше даты установления',
      en: 'The review date must not be before the date it was established',
    },
  },
  NAME_QUERY_EMPTY: {
    status: 400,
    where: 'field',
    title: { kk: 'Іздеу үшін аты-жөнінде әріп жоқ', ru: 'В имени для поиска нет ни одной буквы', en: 'There are no letters to search the name by' },
  },
  UNKNOWN_REGION: {
    status: 400,
    where: 'field',
    title: { kk: 'Мұндай өңір жоқ', ru: 'Такого региона нет', en: 'There is no such region' },
  },
  NATIONAL_HAS_NO_REGION: {
    status: 400,
    where: 'field',
    title: {
      kk: 'Министрлік бүкіл ел бойынша жұмыс істейді, оның өңірі жоқ',
      ru: 'Министерство работает по всей стране, у него нет региона',
      en: 'The ministry works nationwide and has no region',
    },
  },
  UNKNOWN_ORGANIZATION: {
    status: 400,
    where: 'both',
    title: {
      kk: 'Мұндай ұйым жоқ немесе ол сізге қолжетімсіз',
      ru: 'Такой организации нет или она вам недоступна',
      en: 'There is no such organisation, or it is not available to you',
    },
  },
  UNKNOWN_TYPE: {
    status: 400,
    where: 'field',
    title: { kk: 'Ұйымның мұндай түрі жоқ', ru: 'Такого типа организации нет', en: 'There is no such type of organisation' },
  },
  UNKNOWN_PARENT: {
    status: 400,
    where: 'field',
    title: { kk: 'Мұндай жоғары тұрған ұйым жоқ', ru: 'Такой вышестоящей организации нет', en: 'There is no such parent organisation' },
  },
  PARENT_LOOP: {
    status: 400,
    where: 'field',
    title: {
      kk: 'Ұйым өзіне өзі жоғары тұрған ұйым бола алмайды',
      ru: 'Организация не может быть вышестоящей для самой себя',
      en: 'An organisation cannot be placed above itself',
    },
  },
  UNKNOWN_GUARDIAN: {
    status: 400,
    where: 'field',
    title: {
      kk: 'Бұл адам баланың қазіргі заңды өкілі емес',
      ru: 'Это не действующий законный представитель ребёнка',
      en: 'This is not a current legal representative of the child',
    },
  },
  // ── Imports (issue 18) ────────────────────────────────────────────────────────────────────────
  IMPORT_UNREADABLE: {
    status: 400,
    where: 'problem',
    title: {
      kk: 'Файлды оқу мүмкін болмады: CSV немесе XLSX, бірінші жолда баған атаулары болуы керек',
      ru: 'Файл не удалось прочитать: нужен CSV или XLSX с названиями столбцов в первой строке',
      en: 'The file could not be read: it must be CSV or XLSX with the column names in the first row',
    },
  },
  IMPORT_TOO_LARGE: {
    status: 413,
    where: 'problem',
    title: {
      kk: 'Файл тым үлкен немесе жолдары тым көп; оны бірнеше файлға бөліңіз',
      ru: 'Файл слишком велик или в нём слишком много строк; разделите его на несколько файлов',
      en: 'The file is too large or has too many rows; split it into several files',
    },
  },
  // Imports of placements and service episodes (issue 18): the row's child and organisation.
  UNKNOWN_CHILD: {
    status: 400,
    where: 'field',
    title: {
      kk: 'Бұл ЖСН бойынша сіздің ұйымыңыз жұмыс істейтін бала жоқ; алдымен баланы тіркеңіз',
      ru: 'Ребёнка с этим ИИН, с которым работает ваша организация, нет; сначала зарегистрируйте ребёнка',
      en: 'No child with this IIN that your organisation works with; register the child first',
    },
  },
  REFERRED_AFTER_START: {
    status: 422,
    where: 'both',
    title: {
      kk: 'Жолдама қызмет басталғаннан кейін жіберілмейді: жіберілген күні басталған күннен кеш болмауы керек',
      ru: 'Направление не может быть отправлено после начала услуги: дата направления не позже даты начала',
      en: 'The referral cannot have been sent after the service started: the referral date is on or before the start',
    },
  },
  // Imports of PMPC conclusions (issue 18): a conclusion of an earlier day cannot become current over a later one.
  NEWER_CONCLUSION_EXISTS: {
    status: 422,
    where: 'problem',
    title: {
      kk: 'Балада бұдан кейін қол қойылған қорытынды бар; ол күшінде қалады',
      ru: 'У ребёнка есть заключение, подписанное позже; оно остаётся действующим',
      en: 'The child has a conclusion signed later than this one; it stays current',
    },
  },
  NOT_OWN_ORGANIZATION: {
    status: 422,
    where: 'both',
    title: {
      kk: 'Файл тек өз ұйымыңыздың жазбаларын қамти алады',
      ru: 'Файл может содержать только записи вашей организации',
      en: 'A file may only hold your own organisation\'s records',
    },
  },
} as const satisfies Record<string, ErrorCodeEntry>;

export type ErrorCode = keyof typeof ERROR_CODES;

const CODES = new Set<string>(Object.keys(ERROR_CODES));

export function isErrorCode(code: string): code is ErrorCode {
  return CODES.has(code);
}

/** The catalogue's title of `code` in `locale` (Kazakh first: the default). */
export function errorTitle(code: ErrorCode, locale: Locale = 'kk'): string {
  return ERROR_CODES[code].title[locale];
}

/** The catalogue as a list, in its order: what `GET /reference/error-codes` returns. */
export function errorCodeList(): { code: ErrorCode; status: number; where: ErrorCodeEntry['where']; title: Record<Locale, string> }[] {
  return (Object.entries(ERROR_CODES) as [ErrorCode, ErrorCodeEntry][]).map(([code, entry]) => ({
    code,
    status: entry.status,
    where: entry.where,
    title: { ...entry.title },
  }));
}

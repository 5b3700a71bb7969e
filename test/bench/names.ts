/**
 * Names for the synthetic national dataset: Kazakh and Russian spellings as PMPCs and polyclinics write
 * them. A child's family is Kazakh or Russian-speaking (about 70/30, as in the country); its surname
 * takes the male or female form, the patronymic is built from the father's first name. Search queries
 * in the benchmark use the same lists in Cyrillic and in passport Latin.
 */

export interface NameSet {
  /** Surname stems; male form = stem + male ending, female = stem + female ending. */
  surnames: readonly string[];
  male: readonly string[];
  female: readonly string[];
  surnameMale: string;
  surnameFemale: string;
  /** Patronymic of a son and a daughter of `father`. */
  patronymic(father: string, sex: 'male' | 'female'): string;
}

export const KAZAKH: NameSet = {
  surnames: [
    'Нұрлан', 'Ахмет', 'Сейіт', 'Жұмабай', 'Қасым', 'Әбдірахман', 'Есен', 'Тоқтар', 'Серік', 'Бекмұхамбет',
    'Оспан', 'Мұхаметжан', 'Қайрат', 'Төлеген', 'Әлімжан', 'Жақсылық', 'Ермек', 'Байжан', 'Құрман', 'Сағындық',
    'Шәріп', 'Ғабит', 'Дәулет', 'Ибрагим', 'Мақсұт', 'Нұртаза', 'Өмірзақ', 'Рахым', 'Сәрсен', 'Тілеу',
    'Үмбет', 'Хасен', 'Шынтас', 'Ілияс', 'Жанұзақ', 'Қуаныш', 'Бауыржан', 'Ерлан', 'Асқар', 'Мейрам',
  ],
  male: [
    'Нұрсұлтан', 'Әлихан', 'Ерлан', 'Ахмет', 'Дәулет', 'Санжар', 'Арман', 'Ислам', 'Алдияр', 'Нұрислам',
    'Ерасыл', 'Бекзат', 'Мирас', 'Айбек', 'Тимур', 'Қуаныш', 'Шыңғыс', 'Ержан', 'Абылай', 'Өмірзақ',
  ],
  female: [
    'Айгерім', 'Аружан', 'Жансая', 'Әйгерім', 'Дана', 'Аяулым', 'Інжу', 'Мөлдір', 'Томирис', 'Ақбота',
    'Шынар', 'Гүлназ', 'Зарина', 'Сабина', 'Ақерке', 'Дильназ', 'Балнұр', 'Нұрай', 'Айша', 'Ұлжан',
  ],
  surnameMale: 'ов',
  surnameFemale: 'ова',
  patronymic: (father, sex) => `${father}${sex === 'male' ? 'ұлы' : 'қызы'}`,
};

export const RUSSIAN: NameSet = {
  surnames: [
    'Иван', 'Смирн', 'Кузнецо', 'Попо', 'Соколо', 'Лебеде', 'Козло', 'Новико', 'Морозо', 'Петро',
    'Волко', 'Соловьё', 'Васильё', 'Зайце', 'Павло', 'Семёно', 'Голубе', 'Виноградо', 'Богдано', 'Воробьё',
    'Фёдоро', 'Михайло', 'Беляе', 'Тарасо', 'Белоусо', 'Щербако', 'Жуко', 'Яковле', 'Чернышё', 'Цветко',
  ],
  male: [
    'Александр', 'Дмитрий', 'Максим', 'Сергей', 'Андрей', 'Алексей', 'Артём', 'Илья', 'Кирилл', 'Михаил',
    'Никита', 'Матвей', 'Роман', 'Егор', 'Арсений', 'Иван', 'Денис', 'Евгений', 'Тимофей', 'Владислав',
  ],
  female: [
    'Анастасия', 'Мария', 'Анна', 'Виктория', 'Екатерина', 'Наталья', 'Марина', 'Полина', 'София', 'Дарья',
    'Алиса', 'Ксения', 'Александра', 'Елизавета', 'Юлия', 'Вероника', 'Варвара', 'Ульяна', 'Василиса', 'Ева',
  ],
  surnameMale: 'в',
  surnameFemale: 'ва',
  patronymic: (father, sex) => {
    const stem = father.replace(/(ий|й)$/, '');
    const soft = /(ий|й)$/.test(father);
    return sex === 'male' ? `${stem}${soft ? 'евич' : 'ович'}` : `${stem}${soft ? 'евна' : 'овна'}`;
  },
};

/** A surname in the form of `sex`: Нұрланов / Нұрланова, Смирнов / Смирнова. */
export function surname(set: NameSet, stem: string, sex: 'male' | 'female'): string {
  return stem + (sex === 'male' ? set.surnameMale : set.surnameFemale);
}

/** Passport-style Latin of some Cyrillic names, as a person with a passport at hand would type them. */
export const LATIN_QUERIES = ['Nursultan', 'Aigerim Nurlanova', 'Smirnova Anastasia', 'Kuanysh', 'Zhansaya', 'Yerlan Serikov'];
/** Queries in Kazakh and Russian Cyrillic. */
export const KAZAKH_QUERIES = ['Нұрланова Айгерім', 'Әлихан', 'Сейітов', 'Жансая Қасымова', 'Шыңғыс'];
export const RUSSIAN_QUERIES = ['Смирнов Александр', 'Анастасия', 'Кузнецова Мария', 'Щербаков', 'Фёдоров'];

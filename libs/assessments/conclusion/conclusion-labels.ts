import type { Programme, RecommendationSector, Specialty } from '../assessment.vocabulary';

export type ConclusionLanguage = 'kk' | 'ru';

/** The fixed wording of the printed conclusion; reference labels come from the reference tables. */
export interface ConclusionWording {
  title: string;
  number: string;
  date: string;
  child: string;
  fullName: string;
  iin: string;
  birthDate: string;
  senCategories: string;
  noSen: string;
  programme: string;
  formOfEducation: string;
  specialConditions: string;
  recommendations: string;
  reviewDate: string;
  commission: string;
  confirmed: string;
  notConfirmed: string;
  head: string;
  signed: string;
  signature: string;
  draft: string;
  superseded: string;
  none: string;
  programmes: Record<Programme, string>;
  specialties: Record<Specialty, string>;
  sectors: Record<RecommendationSector, string>;
}

export const CONCLUSION_WORDING: Record<ConclusionLanguage, ConclusionWording> = {
  kk: {
    title: 'Психологиялық-медициналық-педагогикалық консультацияның қорытындысы',
    number: 'Қорытынды №',
    date: 'Күні',
    child: 'Бала туралы мәліметтер',
    fullName: 'Тегі, аты, әкесінің аты',
    iin: 'ЖСН',
    birthDate: 'Туған күні',
    senCategories: 'Ерекше білім беру қажеттіліктерінің санаты',
    noSen: 'Ерекше білім беру қажеттіліктері анықталған жоқ',
    programme: 'Ұсынылған оқу бағдарламасы',
    formOfEducation: 'Оқыту нысаны',
    specialConditions: 'Арнайы жағдайлар',
    recommendations: 'Ұсынымдар',
    reviewDate: 'Қайта тексеру күні',
    commission: 'Комиссия мүшелері',
    confirmed: 'расталды',
    notConfirmed: 'расталмаған',
    head: 'ПМПК меңгерушісі',
    signed: 'Қол қойылды',
    signature: 'қолы',
    draft: 'ЖОБА — қол қойылмаған, күші жоқ',
    superseded: 'Күшін жойған: жаңа қорытындымен ауыстырылды',
    none: '—',
    programmes: {
      general: 'Жалпы білім беретін оқу бағдарламасы',
      adapted: 'Бейімделген оқу бағдарламасы',
      special: 'Арнайы оқу бағдарламасы',
      individual: 'Жеке оқу бағдарламасы',
    },
    specialties: {
      psychologist: 'Психолог',
      speech_therapist: 'Логопед',
      special_teacher: 'Арнайы педагог (дефектолог)',
      doctor: 'Дәрігер',
      social_pedagogue: 'Әлеуметтік педагог',
    },
    sectors: { education: 'Білім беру', health: 'Денсаулық сақтау', social: 'Әлеуметтік қорғау' },
  },
  ru: {
    title: 'Заключение психолого-медико-педагогической консультации',
    number: 'Заключение №',
    date: 'Дата',
    child: 'Сведения о ребёнке',
    fullName: 'Фамилия, имя, отчество',
    iin: 'ИИН',
    birthDate: 'Дата рождения',
    senCategories: 'Категория особых образовательных потребностей',
    noSen: 'Особые образовательные потребности не выявлены',
    programme: 'Рекомендуемая учебная программа',
    formOfEducation: 'Форма обучения',
    specialConditions: 'Специальные условия',
    recommendations: 'Рекомендации',
    reviewDate: 'Дата повторного обследования',
    commission: 'Члены комиссии',
    confirmed: 'подтверждено',
    notConfirmed: 'не подтверждено',
    head: 'Руководитель ПМПК',
    signed: 'Подписано',
    signature: 'подпись',
    draft: 'ПРОЕКТ — не подписано, силы не имеет',
    superseded: 'Утратило силу: заменено новым заключением',
    none: '—',
    programmes: {
      general: 'Общеобразовательная учебная программа',
      adapted: 'Адаптированная учебная программа',
      special: 'Специальная учебная программа',
      individual: 'Индивидуальная учебная программа',
    },
    specialties: {
      psychologist: 'Психолог',
      speech_therapist: 'Логопед',
      special_teacher: 'Специальный педагог (дефектолог)',
      doctor: 'Врач',
      social_pedagogue: 'Социальный педагог',
    },
    sectors: { education: 'Образование', health: 'Здравоохранение', social: 'Социальная защита' },
  },
};

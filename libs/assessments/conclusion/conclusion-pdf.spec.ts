import { pdfText } from '../../../test/support/assessments';
import { ConclusionDocument, renderConclusion } from './conclusion-pdf';

/** Lines wrap where the page ends; compare words. */
const textOf = async (pdf: Buffer) => (await pdfText(pdf)).replace(/\s+/g, ' ');

const DOCUMENT: ConclusionDocument = {
  language: 'kk',
  id: '0b7f8c7e-1111-4222-8333-444455556666',
  status: 'signed',
  organizationName: 'Тараз қаласының №1 ПМПК',
  child: { fullName: 'Ахметова Әлия Серікқызы', iin: '190514650017', birthDate: '2019-05-14' },
  noSen: false,
  senCategories: ['Сөйлеу тілінің бұзылуы', 'Зияткерлік бұзылу (жеңіл дәрежесі)'],
  programme: 'adapted',
  formOfEducation: 'Инклюзивті сынып',
  specialConditions: ['Тьютор', 'Логопед'],
  recommendations: { education: 'Логопедпен аптасына екі рет сабақ', health: null, social: null },
  reviewDate: '2027-11-25',
  commission: [{ fullName: 'Нұрлан Ғалымұлы', specialty: 'speech_therapist', confirmedAt: new Date('2026-11-24T05:00:00Z') }],
  signedBy: 'Гүлмира Өтепова',
  signedAt: new Date('2026-11-25T05:00:00Z'),
  openedAt: new Date('2026-11-20T05:00:00Z'),
};

describe('the printed conclusion', () => {
  it('carries Kazakh text with every Kazakh letter in its text layer', async () => {
    const text = await textOf(await renderConclusion(DOCUMENT));
    for (const expected of [
      'Ахметова Әлия Серікқызы', 'Сөйлеу тілінің бұзылуы', 'Зияткерлік бұзылу (жеңіл дәрежесі)', 'Инклюзивті сынып', 'Бейімделген оқу бағдарламасы',
      'Тьютор', 'Логопедпен аптасына екі рет сабақ', '25.11.2027', 'Нұрлан Ғалымұлы', 'Гүлмира Өтепова', 'Тараз қаласының №1 ПМПК',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints Russian wording and marks a draft', async () => {
    const text = await textOf(await renderConclusion({ ...DOCUMENT, language: 'ru', status: 'draft', signedAt: null, signedBy: null }));
    expect(text).toContain('Заключение психолого-медико-педагогической консультации');
    expect(text).toContain('Адаптированная учебная программа');
    expect(text).toContain('ПРОЕКТ');
  });

  it('states a "no SEN" outcome', async () => {
    const text = await textOf(await renderConclusion({ ...DOCUMENT, noSen: true, senCategories: [], programme: null, formOfEducation: null }));
    expect(text).toContain('Ерекше білім беру қажеттіліктері анықталған жоқ');
  });
});

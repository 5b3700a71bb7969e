import { readFileSync } from 'node:fs';
import type PDFKit from 'pdfkit';
import { almatyDate } from '@qoldau/core';
import { RECOMMENDATION_SECTORS, type Programme, type Recommendations, type Specialty } from '../assessment.vocabulary';
import { CONCLUSION_WORDING, type ConclusionLanguage } from './conclusion-labels';

/** Everything printed on a conclusion, with reference codes already turned into labels. */
export interface ConclusionDocument {
  language: ConclusionLanguage;
  id: string;
  status: string;
  organizationName: string;
  child: { fullName: string; iin: string | null; birthDate: string };
  noSen: boolean;
  senCategories: string[];
  programme: string | null;
  formOfEducation: string | null;
  specialConditions: string[];
  recommendations: Recommendations;
  reviewDate: string | null;
  commission: { fullName: string; specialty: string; confirmedAt: Date | null }[];
  signedBy: string | null;
  signedAt: Date | null;
  openedAt: Date;
}

// DejaVu Sans covers the whole Kazakh Cyrillic alphabet (ә ғ қ ң ө ұ ү һ і); pdfkit embeds a subset.
let fonts: { regular: Buffer; bold: Buffer } | null = null;
function loadFonts(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return fonts;
}

/** YYYY-MM-DD → DD.MM.YYYY, as documents in Kazakhstan write dates. */
function printed(date: string | null): string | null {
  if (!date) return null;
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}

/** Renders the printable PMPC conclusion (A4) in Kazakh or Russian. */
export async function renderConclusion(doc: ConclusionDocument): Promise<Buffer> {
  // Loaded on first use: pdfkit adds ~15 MB to every api process that never prints a conclusion.
  const PDFDocument: typeof PDFKit = (await import('pdfkit')).default;
  const w = CONCLUSION_WORDING[doc.language];
  const { regular, bold } = loadFonts();
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 62, right: 56 },
    info: { Title: w.title, Author: doc.organizationName, CreationDate: doc.signedAt ?? doc.openedAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.registerFont('regular', regular);
  pdf.registerFont('bold', bold);

  const heading = (text: string) => pdf.moveDown(0.6).font('bold').fontSize(11).text(text).font('regular').fontSize(10);
  const field = (label: string, value: string | null) =>
    pdf.font('bold').fontSize(10).text(`${label}: `, { continued: true }).font('regular').text(value ?? w.none);

  pdf.font('bold').fontSize(12).text(doc.organizationName, { align: 'center' });
  pdf.moveDown(0.4).fontSize(14).text(w.title, { align: 'center' });
  pdf.moveDown(0.3).font('regular').fontSize(10)
    .text(`${w.number} ${doc.id.slice(0, 8).toUpperCase()}    ${w.date}: ${printed(almatyDate(doc.signedAt ?? doc.openedAt))}`, { align: 'center' });
  if (doc.status !== 'signed') {
    pdf.moveDown(0.4).font('bold').fillColor('#b00020').text(doc.status === 'draft' ? w.draft : w.superseded, { align: 'center' }).fillColor('black');
  }

  heading(w.child);
  field(w.fullName, doc.child.fullName);
  field(w.iin, doc.child.iin);
  field(w.birthDate, printed(doc.child.birthDate));

  heading(w.senCategories);
  pdf.text(doc.noSen ? w.noSen : doc.senCategories.length ? doc.senCategories.map((c) => `• ${c}`).join('\n') : w.none);
  pdf.moveDown(0.4);
  field(w.programme, doc.programme ? w.programmes[doc.programme as Programme] ?? doc.programme : null);
  field(w.formOfEducation, doc.formOfEducation);

  heading(w.specialConditions);
  pdf.text(doc.specialConditions.length ? doc.specialConditions.map((c) => `• ${c}`).join('\n') : w.none);

  heading(w.recommendations);
  for (const sector of RECOMMENDATION_SECTORS) {
    const text = doc.recommendations[sector];
    if (text) field(w.sectors[sector], text);
  }
  if (RECOMMENDATION_SECTORS.every((s) => !doc.recommendations[s])) pdf.text(w.none);

  pdf.moveDown(0.4);
  field(w.reviewDate, printed(doc.reviewDate));

  heading(w.commission);
  for (const member of doc.commission) {
    const state = member.confirmedAt ? `${w.confirmed} ${printed(almatyDate(member.confirmedAt))}` : w.notConfirmed;
    pdf.text(`${w.specialties[member.specialty as Specialty] ?? member.specialty}: ${member.fullName} — ${state}    ____________ (${w.signature})`);
  }
  if (doc.commission.length === 0) pdf.text(w.none);

  pdf.moveDown(1);
  field(w.head, doc.signedBy);
  field(w.signed, doc.signedAt ? printed(almatyDate(doc.signedAt)) : null);
  pdf.text(`____________ (${w.signature})`);

  pdf.end();
  return done;
}

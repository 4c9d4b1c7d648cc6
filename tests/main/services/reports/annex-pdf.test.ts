import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../../core/fields';
import type { ReportTable } from '../../../../core/reports/model';
import { annexFonts, annexPdf } from '../../../../main/services/reports/annex-pdf';
import type { AnnexInput } from '../../../../main/services/reports/export-types';
import { pdfInfo, pdfPages } from './pdf-text';
import { admissionsBySex, hoursToDefender, result, vulnerabilitiesByFacility } from './report-fixtures';

/**
 * Issue #16 §3–§4: the periodic statistical annex, read back: the PDF's metadata (title, exporter,
 * period, language), its text in az/en/ru as a reader's copy-and-paste would give it (the fonts carry
 * ə, ğ, ı, ş and Cyrillic), suppressed figures only, wide and long tables continued, and the watermark
 * and page number on every page.
 */

const exporter = 'Aysel Məmmədova (aysel)';

/** Admissions by month over fourteen months: wider than a landscape page. */
const byMonth: ReportTable = {
  ...admissionsBySex,
  id: 'admissions.byMonth',
  titleKey: 'reportExport.report.removals',
  columns: Array.from({ length: 14 }, (_, j) => ({ key: `m${j}`, label: { kind: 'period', value: `${2025 + Math.floor(j / 12)}-${String((j % 12) + 1).padStart(2, '0')}` } })),
  cells: admissionsBySex.cells.map((row) => Array.from({ length: 14 }, (_, j) => row[j % 3]! * (j + 1))),
};

/** Sixty facilities: longer than a page. */
const manyRows: ReportTable = {
  ...admissionsBySex,
  id: 'occupancy.long',
  titleKey: 'reportExport.report.occupancy',
  rows: Array.from({ length: 60 }, (_, i) => ({ key: `f${i}`, label: { kind: 'facility', name: `Mərkəz ${i + 1}` } })),
  cells: Array.from({ length: 60 }, (_, i) => [10 + i, i % 4, 25]),
};

function input(language: Locale, over: Partial<AnnexInput> = {}): AnnexInput {
  return {
    results: [result([admissionsBySex, vulnerabilitiesByFacility, hoursToDefender]), { ...result([byMonth, manyRows]), reportId: 'removals' }],
    from: '2026-01-01',
    to: '2026-03-31',
    language,
    threshold: 5,
    exportedBy: exporter,
    exportedAt: '2026-04-02T10:15:00.000Z',
    facilityName: null,
    timeZone: 'Asia/Baku',
    ...over,
  };
}

describe('the statistical annex', () => {
  it('finds its fonts from any working directory', () => {
    const cwd = process.cwd();
    try {
      process.chdir('/');
      const fonts = annexFonts();
      expect(fonts.regular).toMatch(/dejavu-fonts-ttf\/ttf\/DejaVuSans\.ttf$/);
      expect(fonts.bold).toMatch(/DejaVuSans-Bold\.ttf$/);
    } finally {
      process.chdir(cwd);
    }
  });

  it.each([
    ['az', 'Statistik əlavə: immiqrasiya saxlanması', '1 yanvar 2026 – 31 mart 2026', 'Ölkə üzrə göstəricilər'],
    ['en', 'Statistical annex: immigration detention', 'January 1, 2026 – March 31, 2026', 'National figures'],
    ['ru', 'Статистическое приложение: иммиграционное содержание под стражей', '1 января 2026 г. – 31 марта 2026 г.', 'Общенациональные показатели'],
  ] as const)('in %s, is a PDF whose metadata names the annex, the exporter, the period and the language', async (language, title, period, subject) => {
    const pdf = await annexPdf(input(language));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const info = pdfInfo(pdf);
    expect(info.Title).toBe(`${title} — ${period}`);
    expect(info.Author).toBe(exporter);
    expect(info.Subject).toBe(`${subject}, ${period}`);
    expect(info.Keywords!.split(', ')).toContain(language);
    expect(info.CreationDate).toBe('D:20260402101500Z');
    // Long titles wrap: the page's lines read together.
    expect(pdfPages(pdf)[0]!.join(' ').replace(/\s+/g, ' ')).toContain(title);
  });

  it.each([
    ['az', ['Qəbul və çıxış', 'Vətəndaşlıq', 'Kişi', 'Qadın', 'Gürcüstan', 'Əfqanıstan', 'Vətəndaşlığı olmayan', 'Cəmi', 'Bütün müəssisələr']],
    ['en', ['Admissions and exits', 'Nationality', 'Male', 'Female', 'Georgia', 'Afghanistan', 'Stateless', 'Total', 'All facilities']],
    ['ru', ['Поступление и выбытие', 'Гражданство', 'Мужской', 'Женский', 'Грузия', 'Афганистан', 'без гражданства', 'Итого', 'Все учреждения']],
  ] as const)('in %s, writes headings, rows and columns in that language', async (language, words) => {
    const text = pdfPages(await annexPdf(input(language)))
      .flat()
      .join('\n');
    for (const w of words) expect(text).toContain(w);
    expect(text).not.toContain('\uFFFD');
  });

  it('prints only published figures: no count from 1 to 4, hidden ones as "<5", a dash where nothing was measured', async () => {
    const pages = pdfPages(await annexPdf(input('en')));
    const lines = pages[0]!;
    // The admissions table as printed: the row after "Afghanistan" holds its figures and total.
    const at = lines.indexOf('Afghanistan');
    expect(lines.slice(at, at + 5)).toEqual(['Afghanistan', '8', '<5', '0', '<5']);
    const figures = pages.flat().filter((l) => /^[\d,.]+$/.test(l));
    expect(figures.length).toBeGreaterThan(100);
    const counts = figures.filter((l) => /^[\d,]+$/.test(l)).map((l) => Number(l.replace(/,/g, '')));
    // Hours are measures (3 hours over 12 people is published); every other small figure is hidden.
    expect(counts.filter((n) => n >= 1 && n <= 4)).toEqual([3]);
    expect(pages.flat()).toContain('–');
    // The hours table: a median resting on 3 people is hidden as such, not as "<5" hours.
    const all = pages.flat();
    const hours = all.indexOf('Şəki mərkəzi');
    expect(all.slice(hours - 3, hours + 3)).toEqual(['Bakı mərkəzi', '5.5', 'n<5', 'Şəki mərkəzi', '3', '–']);
  });

  it('with a threshold of 10, prints "<10" and no count from 1 to 9', async () => {
    const pages = pdfPages(await annexPdf(input('en', { threshold: 10, results: [result([admissionsBySex, vulnerabilitiesByFacility])] })));
    const lines = pages.flat();
    expect(lines).toContain('<10');
    expect(lines.filter((l) => /^\d+$/.test(l) && Number(l) >= 1 && Number(l) <= 9)).toEqual([]);
  });

  it('continues a wide table in column groups and a long one on the next page, and footers every page', async () => {
    const pages = pdfPages(await annexPdf(input('en')));
    expect(pages.length).toBeGreaterThan(2);
    const text = pages.flat();
    // The second column group repeats the row names and carries the last months (a narrow heading wraps).
    const continued = text.indexOf('Removals and returns (continued)');
    expect(continued).toBeGreaterThan(0);
    expect(text.slice(continued, continued + 20)).toEqual(expect.arrayContaining(['Nationality', 'February', 'Total', 'Azerbaijan']));
    expect(text).toContain('Mərkəz 60');
    // The long table's header row is repeated on the page it continues on.
    const last = pages.findIndex((p) => p.includes('Mərkəz 60'));
    expect(pages.findIndex((p) => p.includes('Mərkəz 1'))).toBeLessThan(last);
    expect(pages[last]).toContain('Nationality');
    pages.forEach((lines, i) => {
      expect(lines).toContain('Exported by Aysel Məmmədova (aysel) at April 2, 2026, 14:15 (Asia/Baku) — counts below 5 suppressed');
      expect(lines).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });

  it('says which people the figures are narrowed to, and only the filters set', async () => {
    const narrowed = result([admissionsBySex], { sex: 'female', nationality: 'AFG' });
    const first = pdfPages(await annexPdf(input('en', { results: [narrowed], facilityName: 'Şəki mərkəzi' })))[0]!;
    expect(first).toEqual(expect.arrayContaining(['Scope: Şəki mərkəzi', 'Nationality: Afghanistan', 'Sex: Female']));
    expect(first.filter((line) => /^(Age band|Regime):/.test(line))).toEqual([]);
    const everyone = pdfPages(await annexPdf(input('en')))[0]!;
    expect(everyone).toContain('Scope: All facilities');
    expect(everyone.filter((line) => /^(Nationality|Sex|Age band|Regime):/.test(line))).toEqual([]);
  });

  it('says so when no report has figures for the period', async () => {
    const pages = pdfPages(await annexPdf(input('ru', { results: [] })));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('Ни в одном отчёте нет показателей за этот период.');
    expect(pages[0]).toContain('Страница 1 из 1');
  });
});

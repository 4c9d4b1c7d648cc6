import { inflateSync } from 'node:zlib';

/**
 * Reads back what the annex says, enough for tests: the document information (Title, Author, ...) and
 * the text of each page, decoded through each font's ToUnicode map as a PDF reader would (pdfkit embeds
 * DejaVu as a subset and writes glyph ids). Written for pdfkit's output, not for any PDF.
 */

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  for (const m of text.matchAll(/(?:^|\n)(\d+) 0 obj\n/g)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('\nendobj', start);
    const body = text.slice(start, end);
    const streamAt = body.indexOf('\nstream\n');
    if (streamAt < 0) {
      out.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    const from = start + streamAt + '\nstream\n'.length;
    const raw = pdf.subarray(from, from + length);
    out.set(Number(m[1]), { dict, stream: dict.includes('/FlateDecode') ? inflateSync(raw) : raw });
  }
  return out;
}

const ref = (dict: string, key: string): number | null => {
  const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : null;
};

/** A PDF literal string's bytes from `(` on, escapes undone; returns the text and where it ended. */
function literal(text: string, open: number): { bytes: number[]; end: number } {
  const bytes: number[] = [];
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    const c = text[i]!;
    if (c === '\\') {
      const next = text[i + 1]!;
      const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
      if (next in escapes) bytes.push(escapes[next]!);
      else if (/[0-7]/.test(next)) {
        const oct = /^[0-7]{1,3}/.exec(text.slice(i + 1))![0];
        bytes.push(parseInt(oct, 8));
        i += oct.length - 1;
      }
      i += 1;
      continue;
    }
    if (c === '(') {
      depth += 1;
      if (depth === 1) continue;
    }
    if (c === ')') {
      depth -= 1;
      if (depth === 0) return { bytes, end: i };
    }
    bytes.push(c.charCodeAt(0));
  }
  throw new Error('unterminated string');
}

function decodeString(bytes: number[]): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.slice(2)).swap16().toString('utf16le');
  return Buffer.from(bytes).toString('latin1');
}

/** The document information dictionary: Title, Author, Subject, Keywords, Creator, ... */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const text = pdf.toString('latin1');
  const trailer = text.slice(text.lastIndexOf('trailer'));
  const infoId = ref(trailer, 'Info');
  if (infoId === null) return {};
  const objs = objects(pdf);
  const info: Record<string, string> = {};
  // pdfkit writes each value as an object of its own: /Title 27 0 R, and 27 0 obj holds (the title).
  for (const m of objs.get(infoId)!.dict.matchAll(/\/(\w+) (\d+) 0 R/g)) {
    const value = objs.get(Number(m[2]))!.dict;
    const open = value.indexOf('(');
    if (open >= 0) info[m[1]!] = decodeString(literal(value, open).bytes);
  }
  return info;
}

/** A font's glyph id → text, from its ToUnicode CMap (bfrange arrays and bfchar, as pdfkit writes them). */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string): string =>
    hex
      .trim()
      .split(/\s+/)
      .map((h) => String.fromCharCode(parseInt(h, 16)))
      .join('');
  for (const m of cmap.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*\[([^\]]*)\]/gi)) {
    const first = parseInt(m[1]!, 16);
    [...m[3]!.matchAll(/<([^>]*)>/g)].forEach((u, k) => map.set(first + k, utf16(u[1]!)));
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-f]+)>\s*<([^>]*)>/gi)) map.set(parseInt(m[1]!, 16), utf16(m[2]!));
  }
  return map;
}

/** The text of each page, in page order: one line per text run pdfkit wrote (a wrapped line is a run of its own). */
export function pdfPages(pdf: Buffer): string[][] {
  const objs = objects(pdf);
  const pagesRoot = [...objs.values()].find((o) => /\/Type \/Pages\b/.test(o.dict))!;
  const kids = [.../\/Kids \[([^\]]*)\]/.exec(pagesRoot.dict)![1]!.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  const cmaps = new Map<number, Map<number, string>>();
  return kids.map((pageId) => {
    const page = objs.get(pageId)!.dict;
    const resources = objs.get(ref(page, 'Resources')!)!.dict;
    const fontDict = /\/Font <<([^>]*)>>/.exec(resources)?.[1] ?? '';
    const fonts = new Map<string, Map<number, string>>();
    for (const m of fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)) {
      const fontId = Number(m[2]);
      if (!cmaps.has(fontId)) {
        const cmapId = ref(objs.get(fontId)!.dict, 'ToUnicode');
        cmaps.set(fontId, cmapId === null ? new Map() : toUnicode(objs.get(cmapId)!.stream!.toString('latin1')));
      }
      fonts.set(m[1]!, cmaps.get(fontId)!);
    }
    const content = objs.get(ref(page, 'Contents')!)!.stream!.toString('latin1');
    const lines: string[] = [];
    let font = new Map<number, string>();
    for (const m of content.matchAll(/\/(\w+) [\d.]+ Tf|\[((?:<[0-9a-f]*>|[-\d.\s])*)\] TJ/gi)) {
      if (m[1]) {
        font = fonts.get(m[1]) ?? new Map();
        continue;
      }
      let line = '';
      for (const h of m[2]!.matchAll(/<([0-9a-f]*)>/gi)) {
        for (let i = 0; i + 4 <= h[1]!.length; i += 4) line += font.get(parseInt(h[1]!.slice(i, i + 4), 16)) ?? '\uFFFD';
      }
      // A wrapped line keeps the space it broke at; a reader's copy would not show it.
      lines.push(line.trimEnd());
    }
    return lines;
  });
}

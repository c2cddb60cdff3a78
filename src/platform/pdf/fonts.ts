import fs from 'node:fs';
import path from 'node:path';

/**
 * Noto Sans (regular and bold), for every PDF the service makes, embedded with only the glyphs used:
 * PDF's built-in Helvetica has no Ł, ś, ŵ or ș, and the people who sign agreements in England have
 * names that need them. The two files ship with the code, under the SIL Open Font License (fonts/OFL.txt).
 */
const FONT_DIRECTORY = path.join(import.meta.dirname, 'fonts');

export type PdfFonts = { regular: Buffer; bold: Buffer };

let fonts: PdfFonts | undefined;

export function pdfFonts(): PdfFonts {
  fonts ??= {
    regular: fs.readFileSync(path.join(FONT_DIRECTORY, 'NotoSans-Regular.ttf')),
    bold: fs.readFileSync(path.join(FONT_DIRECTORY, 'NotoSans-Bold.ttf')),
  };
  return fonts;
}

/**
 * RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote or line break.
 *
 * Text that a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return) is
 * neutralised with a leading single quote: names and codes in these files come from people's input (an admin
 * names hospitals and units), and a cell like =HYPERLINK(...) or -2-1 must open as text, not run. Numbers are
 * written as numbers: a negative figure is data, not a formula.
 */

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

const cell = (v: CsvCell): string => {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** A header row and data rows as one CSV text. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

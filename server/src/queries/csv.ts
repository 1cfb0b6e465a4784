/** RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote or line break. */

export type CsvCell = string | number | boolean | null | undefined;

const cell = (v: CsvCell): string => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** A header row and data rows as one CSV text. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

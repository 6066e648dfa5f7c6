// Populations per kecamatan for the generator, as CSV text with a header line:
//   code,population,source
// An empty population is a known gap (null in the profile). The source is the rest of the
// line after the second comma, so it may itself contain commas.
export interface PopulationRow {
  population: number | null;
  source: string;
}

export function parsePopulationsCsv(text: string): Map<string, PopulationRow> {
  const rows = new Map<string, PopulationRow>();
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (index === 0 || line.trim() === '' || line.startsWith('#')) return;
    const first = line.indexOf(',');
    const second = line.indexOf(',', first + 1);
    const code = line.slice(0, first).trim();
    const count = line.slice(first + 1, second === -1 ? undefined : second).trim().replace(/[_\s]/g, '');
    const source = second === -1 ? '' : line.slice(second + 1).trim();
    const where = `populations line ${index + 1}`;
    if (first === -1 || !/^\d{2}\.\d{2}\.\d{2}$/.test(code)) throw new Error(`${where}: expected a kecamatan code such as 32.73.01, got "${line}"`);
    if (count !== '' && !/^[1-9]\d*$/.test(count)) throw new Error(`${where}: population must be a positive whole number or empty, got "${count}"`);
    if (source === '') throw new Error(`${where}: every row needs a source`);
    if (rows.has(code)) throw new Error(`${where}: ${code} appears twice`);
    rows.set(code, { population: count === '' ? null : Number(count), source });
  });
  return rows;
}

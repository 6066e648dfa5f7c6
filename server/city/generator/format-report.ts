// The generator's report as plain text lines, for a person checking a new city's folder.
import type { BuiltCity } from './build-city.ts';
import type { MatchReport } from './match-features.ts';

export function formatReport(city: BuiltCity): string[] {
  const lines = [`${city.profile.name} (${city.profile.bpsCode}), id ${city.profile.id}`];
  lines.push(...formatMatches('kecamatan', city.report.kecamatan));
  if (city.report.kelurahan !== null) lines.push(...formatMatches('kelurahan', city.report.kelurahan));
  else lines.push('kelurahan: no boundaries given (kelurahan listed from idn-area-data only)');
  for (const code of city.report.unknownPopulationCodes) lines.push(`populations: ${code} is not a kecamatan of this city (ignored)`);
  const placeholders = city.profile.kecamatan.filter((k) => k.population === null).length;
  lines.push(`populations: ${city.profile.kecamatan.length - placeholders} known, ${placeholders} placeholders`);
  lines.push(city.complete ? 'result: complete' : 'result: INCOMPLETE, the folder would not load (see above)');
  return lines;
}

function formatMatches(layer: string, report: MatchReport): string[] {
  const byName = report.matched.filter((m) => m.by === 'name').length;
  const lines = [
    `${layer}: ${report.matched.length} matched (${report.matched.length - byName} by code, ${byName} by name), ` +
      `${report.unmatchedFeatures.length} features unmatched, ${report.missingAreas.length} codes without a feature, ` +
      `${report.duplicates.length} codes with several features`,
  ];
  for (const m of report.matched) {
    if (m.sourceName !== null) lines.push(`  ${m.area.code} ${m.area.name}: the source calls it "${m.sourceName}"`);
  }
  for (const f of report.unmatchedFeatures) {
    lines.push(`  unmatched feature #${f.featureIndex} (code ${f.code ?? '-'}, name ${f.name ?? '-'}): ${f.reason}`);
  }
  for (const area of report.missingAreas) lines.push(`  no feature for ${area.code} ${area.name}`);
  for (const d of report.duplicates) lines.push(`  ${d.code} has several features: #${d.featureIndexes.join(', #')}`);
  return lines;
}

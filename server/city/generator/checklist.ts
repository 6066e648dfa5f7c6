// CHECKLIST.md of a generated profile: what the generator could not know and a Diskominfo team
// fills in before its wall goes live, with what is still a placeholder counted from the profile
// itself, so the list says how much is left rather than repeating a template.
import type { CityProfileFile } from '../../../shared/contract/city.ts';
import { PLACEHOLDER_POPULATION_SOURCE } from './build-city.ts';

export interface ChecklistFacts {
  /** How many example apps the generator wrote into apps.json, or null when it kept the folder's own. */
  exampleApps: number | null;
  /** The folder as the user named it (`--out`), for the command that tries it. */
  folder: string;
}

export function checklist(p: CityProfileFile, facts: ChecklistFacts): string {
  const placeholders = p.kecamatan.filter((k) => k.population === null || k.populationSource === PLACEHOLDER_POPULATION_SOURCE);
  const box = (done: boolean): string => (done ? '[x]' : '[ ]');
  const lines = [
    `# ${p.name}: before the wall goes live`,
    '',
    `Generated for ${p.name} (BPS ${p.bpsCode}, ${p.kecamatan.length} kecamatan). Tick what is done; docs/replicate.md explains each step.`,
    '',
    `- ${box(placeholders.length === 0)} **Populations** (\`profile.json\` → \`kecamatan[].population\`, \`populationSource\`): ` +
      (placeholders.length === 0
        ? 'every kecamatan has one.'
        : `${placeholders.length} of ${p.kecamatan.length} are placeholders (${placeholders.slice(0, 5).map((k) => k.name).join(', ')}${placeholders.length > 5 ? ', …' : ''}). ` +
          'Take them from BPS "Kecamatan Dalam Angka" or the Dukcapil figures, with the source, in a `populations.csv` (`code,population,source`) and run the generator again with `--populations` and `--force`. Until then the map offers no "per 10,000 residents" colouring.'),
    `- ${box(facts.exampleApps === null)} **Apps** (\`apps.json\`): ` +
      (facts.exampleApps === null
        ? 'the folder\'s own catalog was kept.'
        : `${facts.exampleApps} examples ("Contoh: …", \`real: false\`) of services every Pemkot runs, so the wall is not empty. Replace them with the city's apps: \`id\` as the app gateway sends it in \`app.activity\`, \`name\`, \`agency\`, \`category\`, \`superApp\`, \`publicFacing\`, \`real: true\`, \`targets.errorRateMax\`.`),
    `- [ ] **Phone queues** (\`queues\`): map the PBX's queue names to lines 112 and 119 (now: ${Object.entries(p.queues).map(([q, l]) => `${q} → ${l}`).join(', ')}).`,
    `- [ ] **Targets** (\`targets\`, \`waits\`, \`alerts\`): the ones marked ASSUMPTION in \`notes\` are ours; set the city's own (SL15 ${p.targets.sl15}, SL20 ${p.targets.sl20}, ASA ${p.targets.asaSeconds} s, abandonment ${p.targets.abandonmentRate}, on scene ${p.targets.responseMinutes} min).`,
    `- [ ] **Agencies** (\`agencies\`): the names the city uses (${p.agencies.map((a) => a.name).join(', ')}).`,
    `- [ ] **Time zone**: ${p.timezone} (${p.timezoneLabel}), from the province; check it.`,
    `- ${box(p.map.tileUrl !== undefined)} **Base map** (\`map.tileUrl\`, \`map.tileAttribution\`): ${p.map.tileUrl === undefined ? 'none, so the wall draws the boundaries on a plain background (works offline). Add the city\'s own tile server if it has one.' : p.map.tileUrl}`,
    '- [ ] **Sources** (`ATTRIBUTION.md`): add the source of every figure you fill in.',
    '- [ ] **Credentials**: `PANTAU_INGEST_KEYS` for the PBX, CAD and app gateway; `PANTAU_OPERATOR_TOKEN`, `PANTAU_EXECUTIVE_TOKEN`, `PANTAU_DISPLAY_TOKEN`; `PANTAU_PRESENTER_TOKEN` for whoever shows the demo to visitors.',
    `- [ ] **Try it**: \`PANTAU_CITY=${facts.folder} bash scripts/demo.sh\`, then open http://localhost:8080/wall.`,
    '',
  ];
  return lines.join('\n');
}

// Words the map shows. The caller passes translations (i18n lives in client/app); Indonesian
// is the default so the map is complete on its own.

export const DEFAULT_MAP_LABELS = {
  'map.aria': 'Peta kejadian dan batas kecamatan',
  'choropleth.title': 'Warna kecamatan',
  'choropleth.off': 'Tanpa warna',
  'choropleth.count': 'Jumlah',
  'choropleth.per10k': 'Per 10.000 penduduk',
  'legend.priority': 'Prioritas',
  'legend.count': 'Kejadian terbuka per kecamatan',
  'legend.per10k': 'Kejadian terbuka per 10.000 penduduk',
  'legend.noData': 'tidak ada data',
  'legend.open': 'kejadian terbuka',
  'legend.unplaced': 'tanpa lokasi',
  'popup.code': 'Kode',
  'popup.open': 'Kejadian terbuka',
  'popup.per10k': 'Per 10.000 penduduk',
  'popup.population': 'Penduduk',
  'popup.priority': 'Prioritas',
  'popup.kecamatan': 'Kecamatan',
  'popup.approx': 'lokasi perkiraan: titik tengah kecamatan',
  'popup.outside': 'di luar batas kota',
  'popup.minutes': 'menit',
  'cluster.incidents': 'kejadian',
  'cluster.more': 'dan {n} lainnya',
  'timeline.reported': 'dilaporkan',
  'timeline.dispatched': 'dikirim',
  'timeline.on_scene': 'tiba di lokasi',
  'timeline.closed': 'selesai',
  'status.reported': 'dilaporkan',
  'status.dispatched': 'dikirim',
  'status.on_scene': 'tiba di lokasi',
  'status.closed': 'selesai',
  'status.unknown': 'tidak diketahui',
  'category.fire': 'Kebakaran',
  'category.medical': 'Medis',
  'category.traffic-accident': 'Kecelakaan lalu lintas',
  'category.crime': 'Kriminalitas',
  'category.flood': 'Banjir',
  'category.fallen-tree': 'Pohon tumbang',
  'category.animal-rescue': 'Penyelamatan hewan',
  'category.domestic-violence': 'Kekerasan dalam rumah tangga',
  'category.missing-person': 'Orang hilang',
  'category.public-order': 'Ketertiban umum',
  'category.utility': 'Utilitas',
  'category.other': 'Lainnya',
} as const;

export type MapLabelKey = keyof typeof DEFAULT_MAP_LABELS;
export type MapText = (key: MapLabelKey, vars?: Readonly<Record<string, string | number>>) => string;

export function mapText(labels: Partial<Record<string, string>> | undefined): MapText {
  return (key, vars) => {
    const template = labels?.[key] ?? DEFAULT_MAP_LABELS[key];
    return vars ? template.replace(/\{(\w+)\}/g, (m, name: string) => String(vars[name] ?? m)) : template;
  };
}

// Illustrative apps for a city catalog: generic services an Indonesian local government's
// offices (OPD) commonly run. None of these names is a real app; each is marked real: false
// and named "Contoh: ...", so nobody mistakes the demo catalog for an inventory.
import type { AppInfo } from '../../../shared/contract/city.ts';

type Category = AppInfo['category'];
/** [service, category, publicFacing] */
type Service = readonly [string, Category, boolean];

/** Offices in the order the round-robin visits them, with the services each might run. */
export const OPD_SERVICES: readonly (readonly [string, readonly Service[]])[] = [
  ['Dinkes', [
    ['Antrean Puskesmas', 'health', true], ['Jadwal Imunisasi', 'health', true], ['Ambulans Gratis', 'health', true],
    ['Rekam Medis Puskesmas', 'health', false], ['Surveilans Penyakit', 'health', false], ['Stok Obat Puskesmas', 'health', false],
    ['Pemantauan Gizi Balita', 'health', true], ['Izin Praktik Tenaga Kesehatan', 'licensing', true],
    ['Posyandu Digital', 'health', true], ['Pelaporan Kejadian Luar Biasa', 'health', false], ['Izin Apotek', 'licensing', true], ['Telekonsultasi Puskesmas', 'health', true],
  ]],
  ['Disdukcapil', [
    ['Antrean KTP-el', 'population', true], ['Akta Kelahiran Online', 'population', true], ['Pindah Datang Penduduk', 'population', true],
    ['Kartu Identitas Anak', 'population', true], ['Verifikasi NIK Antar-OPD', 'population', false], ['Akta Kematian Online', 'population', true],
    ['Pencetakan Dokumen Kependudukan', 'population', false],
    ['Legalisir Online', 'population', true], ['Perekaman KTP-el Keliling', 'population', false], ['Konsolidasi Data Kependudukan', 'population', false],
  ]],
  ['Disdik', [
    ['PPDB Online', 'education', true], ['Beasiswa Pelajar', 'education', true], ['Data Pokok Guru', 'education', false],
    ['Rapor Digital', 'education', true], ['Sarana Prasarana Sekolah', 'education', false], ['Sertifikat Lomba Pelajar', 'education', true],
    ['Pembelajaran Daring', 'education', true],
    ['Pendaftaran PAUD', 'education', true], ['Absensi Siswa', 'education', false], ['Dana BOS Sekolah', 'finance', false], ['Data Guru Honorer', 'education', false],
  ]],
  ['DPMPTSP', [
    ['Perizinan Online', 'licensing', true], ['Izin Mendirikan Bangunan (PBG)', 'licensing', true], ['Izin Reklame', 'licensing', true],
    ['Lacak Berkas Izin', 'licensing', true], ['Pengaduan Perizinan', 'complaints', true], ['Verifikasi Lapangan Izin', 'licensing', false],
    ['Dasbor Investasi', 'economy', false],
    ['Antrean Mal Pelayanan Publik', 'licensing', true], ['Survei Kepuasan Masyarakat', 'information', true],
  ]],
  ['Dinsos', [
    ['Bantuan Sosial Warga', 'social', true], ['Data Terpadu Kesejahteraan Sosial', 'social', false], ['Rehabilitasi Sosial', 'social', false],
    ['Layanan Disabilitas', 'social', true], ['Penjangkauan Orang Terlantar', 'social', false], ['Pengajuan PBI-JK', 'social', true],
    ['Kartu Lansia', 'social', true], ['Pendataan Fakir Miskin', 'social', false], ['Bantuan Pangan Non Tunai', 'social', true],
  ]],
  ['Dishub', [
    ['Parkir Elektronik', 'transport', true], ['Angkutan Kota Online', 'transport', true], ['Izin Trayek', 'licensing', true],
    ['Pantauan Lalu Lintas', 'transport', true], ['Manajemen Rambu', 'transport', false], ['Penderekan Kendaraan', 'transport', false],
    ['Izin Bongkar Muat', 'licensing', true], ['Halte dan Bus Kota', 'transport', true], ['Manajemen CCTV Jalan', 'transport', false],
  ]],
  ['DLH', [
    ['Bank Sampah', 'environment', true], ['Jadwal Angkut Sampah', 'environment', true], ['Laporan Pembakaran Sampah', 'complaints', true],
    ['Uji Emisi Kendaraan', 'environment', true], ['Izin Lingkungan', 'licensing', true], ['Armada Truk Sampah', 'environment', false],
    ['Pemantauan Kualitas Udara', 'environment', true],
    ['Retribusi Sampah', 'finance', true], ['Pengawasan Limbah Industri', 'environment', false],
  ]],
  ['Dinas PUPR', [
    ['Laporan Jalan Rusak', 'complaints', true], ['Penerangan Jalan Umum', 'complaints', true], ['Pemantauan Drainase', 'environment', false],
    ['Proyek Infrastruktur', 'information', true], ['Peta Genangan', 'environment', true], ['Pemeliharaan Jalan', 'other', false],
    ['Izin Galian Utilitas', 'licensing', true], ['Pemantauan Pintu Air', 'environment', false], ['Laporan Pohon Tumbang', 'complaints', true],
  ]],
  ['Disperkimtan', [
    ['Rumah Tidak Layak Huni', 'social', true], ['Data Permukiman', 'other', false], ['Sertifikasi Aset Tanah', 'other', false],
    ['Pemakaman Umum', 'other', true], ['Pengelolaan Taman Kota', 'environment', true],
    ['Penyediaan Air Bersih', 'environment', true], ['Prasarana Utilitas Perumahan', 'other', false],
  ]],
  ['Bapenda', [
    ['Pajak Daerah Online', 'finance', true], ['e-PBB', 'finance', true], ['e-BPHTB', 'finance', true], ['Pajak Hotel dan Restoran', 'finance', true],
    ['Pajak Reklame', 'finance', true], ['Monitoring Penerimaan Pajak', 'finance', false], ['Tagihan Pajak Air Tanah', 'finance', true],
    ['Cek NJOP', 'finance', true], ['Pajak Parkir', 'finance', true], ['Pemeriksaan Wajib Pajak', 'finance', false],
  ]],
  ['BPKAD', [
    ['Pengelolaan Keuangan Daerah', 'finance', false], ['Aset Daerah', 'finance', false], ['Pencairan SP2D', 'finance', false],
    ['Transparansi Anggaran', 'information', true], ['Gaji Pegawai', 'finance', false],
    ['Hibah dan Bansos', 'finance', false], ['Laporan Keuangan OPD', 'finance', false],
  ]],
  ['BKPSDM', [
    ['e-Kinerja Pegawai', 'staff', false], ['Presensi Pegawai', 'staff', false], ['Cuti Online', 'staff', false],
    ['Kenaikan Pangkat', 'staff', false], ['Diklat Pegawai', 'staff', false], ['Rekrutmen PPPK', 'staff', true],
    ['Data Kepegawaian', 'staff', false], ['Pensiun Online', 'staff', false], ['Asesmen Jabatan', 'staff', false],
  ]],
  ['Bappeda', [
    ['Musrenbang Online', 'information', true], ['Perencanaan Pembangunan', 'other', false], ['Evaluasi Program', 'other', false],
    ['Riset dan Inovasi Daerah', 'information', true],
    ['Indikator Kinerja Daerah', 'staff', false], ['Data Statistik Sektoral', 'information', true],
  ]],
  ['Satpol PP', [
    ['Laporan Ketertiban Umum', 'complaints', true], ['Patroli Wilayah', 'emergency', false], ['Penegakan Perda', 'other', false],
    ['Pengawasan PKL', 'other', false],
    ['Pos Jaga Satpol PP', 'emergency', false], ['Penanganan ODGJ Terlantar', 'social', false],
  ]],
  ['BPBD', [
    ['Peringatan Dini Banjir', 'emergency', true], ['Logistik Bencana', 'emergency', false], ['Kaji Cepat Bencana', 'emergency', false],
    ['Relawan Kebencanaan', 'emergency', true],
    ['Peta Rawan Bencana', 'information', true], ['Laporan Cuaca Ekstrem', 'emergency', true],
  ]],
  ['Damkar', [
    ['Laporan Kebakaran', 'emergency', true], ['Evakuasi Hewan', 'emergency', true], ['Pemeriksaan Hidran', 'emergency', false],
    ['Sertifikat Keselamatan Kebakaran', 'licensing', true], ['Armada dan Personel Damkar', 'emergency', false],
    ['Edukasi Pencegahan Kebakaran', 'information', true], ['Penanganan Sarang Tawon', 'emergency', true],
  ]],
  ['Disnaker', [
    ['Pelatihan Kerja', 'economy', true], ['Kartu Pencari Kerja (AK-1)', 'economy', true], ['Pengaduan Ketenagakerjaan', 'complaints', true],
    ['Data Perusahaan Wajib Lapor', 'economy', false],
    ['Bursa Kerja Daring', 'economy', true], ['Sertifikasi Kompetensi', 'economy', true],
  ]],
  ['Disperindagkop UKM', [
    ['Katalog UMKM', 'economy', true], ['Izin Usaha Mikro', 'licensing', true], ['Pasar Rakyat Online', 'economy', true],
    ['Data Koperasi', 'economy', false], ['Tera Ulang Timbangan', 'economy', true],
    ['Pelatihan UMKM', 'economy', true], ['Izin Toko Modern', 'licensing', true],
  ]],
  ['Dinas Ketahanan Pangan', [
    ['Pangan Murah', 'economy', true], ['Urban Farming', 'environment', true], ['Pengawasan Keamanan Pangan', 'health', false],
    ['Stok Pangan Daerah', 'economy', false], ['Lumbung Pangan', 'economy', false],
  ]],
  ['DP3AP2KB', [
    ['Pengaduan Kekerasan Perempuan dan Anak', 'complaints', true], ['Layanan Keluarga Berencana', 'health', true],
    ['Kota Layak Anak', 'social', false], ['Konseling Keluarga', 'social', true],
    ['Data Gender dan Anak', 'social', false], ['Pendampingan Stunting', 'health', true],
  ]],
  ['Dispora', [
    ['Sewa Fasilitas Olahraga', 'other', true], ['Kegiatan Kepemudaan', 'other', true], ['Data Atlet', 'other', false],
    ['Beasiswa Atlet', 'other', true],
  ]],
  ['Disbudpar', [
    ['Agenda Wisata dan Budaya', 'information', true], ['Izin Usaha Pariwisata', 'licensing', true], ['Cagar Budaya', 'information', true],
    ['Data Kunjungan Wisata', 'information', false], ['Sanggar Seni', 'other', true],
  ]],
  ['Dispusip', [
    ['Perpustakaan Digital', 'education', true], ['Arsip Digital', 'staff', false], ['Keanggotaan Perpustakaan', 'education', true],
    ['Perpustakaan Keliling', 'education', true], ['Pengelolaan Arsip OPD', 'staff', false],
  ]],
  ['Inspektorat', [
    ['Whistleblowing System', 'complaints', true], ['Audit Internal', 'staff', false], ['Tindak Lanjut Temuan', 'staff', false],
    ['Pengendalian Gratifikasi', 'staff', false], ['Konsultasi SPIP', 'staff', false],
  ]],
  ['Setda', [
    ['Persuratan Elektronik', 'staff', false], ['Tanda Tangan Elektronik', 'staff', false], ['Rapat Daring', 'staff', false],
    ['Produk Hukum Daerah (JDIH)', 'information', true], ['Pengadaan Barang/Jasa (LPSE)', 'finance', true], ['Protokol Pimpinan', 'staff', false],
    ['Agenda Pimpinan', 'staff', false], ['Bantuan Hukum Pegawai', 'staff', false], ['Kerja Sama Daerah', 'staff', false], ['Pengadaan Langsung', 'finance', false],
  ]],
  ['RSUD', [
    ['Pendaftaran Rawat Jalan', 'health', true], ['Ketersediaan Tempat Tidur', 'health', true], ['Sistem Informasi Rumah Sakit', 'health', false],
    ['Jadwal Dokter', 'health', true], ['Farmasi Rumah Sakit', 'health', false], ['Klaim BPJS Rumah Sakit', 'finance', false],
  ]],
  ['Diskominfo', [
    ['Portal Berita Kota', 'information', true], ['Helpdesk TIK', 'staff', false], ['Jaringan Internet OPD', 'staff', false],
    ['Pusat Data', 'staff', false], ['Pengelolaan Website OPD', 'information', false], ['Wi-Fi Publik', 'information', true],
    ['Kanal Aspirasi Media Sosial', 'complaints', false], ['Monitoring Aplikasi OPD', 'staff', false], ['Survei Warga', 'information', true], ['Radio Kota', 'information', true],
  ]],
];

export interface ExampleOptions {
  count: number;
  /** Agency names a city spells differently ("Damkar" -> "Diskar PB"). */
  agencyNames?: ReadonlyMap<string, string>;
  /** Optional prefix of every id, so examples never collide with real apps. */
  idPrefix?: string;
}

/**
 * `count` examples, visiting offices round-robin so a small catalog still spans many of them;
 * the same count always gives the same apps.
 */
export function exampleApps({ count, agencyNames = new Map(), idPrefix = 'contoh-' }: ExampleOptions): AppInfo[] {
  const apps: AppInfo[] = [];
  for (let round = 0; apps.length < count; round++) {
    let added = false;
    for (const [office, services] of OPD_SERVICES) {
      const service = services[round];
      if (service === undefined || apps.length >= count) continue;
      const [name, category, publicFacing] = service;
      const agency = agencyNames.get(office) ?? office;
      apps.push({
        id: `${idPrefix}${slug(office)}-${slug(name)}`,
        name: `Contoh: ${name}`,
        agency,
        category,
        superApp: null,
        isSuperApp: false,
        publicFacing,
        real: false,
        targets: { errorRateMax: errorRateFor(category, publicFacing) },
      });
      added = true;
    }
    if (!added) throw new Error(`only ${apps.length} example services are defined, ${count} asked`);
  }
  return apps;
}

/** Tighter for what residents rely on in a hurry; internal tools tolerate more. ASSUMPTION. */
export function errorRateFor(category: Category, publicFacing: boolean): number {
  if (category === 'emergency') return 0.005;
  if (category === 'super-app' || category === 'complaints' || category === 'finance') return 0.01;
  return publicFacing ? 0.02 : 0.05;
}

export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

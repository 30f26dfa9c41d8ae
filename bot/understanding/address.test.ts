import { describe, expect, it } from 'vitest';
import { findAddress } from './address.js';

const addressIn = (text: string) => findAddress(text)?.address ?? null;

describe('address', () => {
  it.each([
    ['kirim ke Jl. Melati 5', 'Jl. Melati 5'],
    ['pesan 2 buket, kirim besok ke Jl. Melati 5', 'Jl. Melati 5'],
    ['Kirim ke Jl. Melati No. 5, Bandung besok jam 10', 'Jl. Melati No. 5, Bandung'],
    [
      'dikirim ke Perumahan Griya Asri Blok C2/14, Sleman, besok ya',
      'Perumahan Griya Asri Blok C2/14, Sleman',
    ],
    ['antar ke Jl. Kaliurang km 7 jam 3 sore', 'Jl. Kaliurang km 7'],
    ['alamat: Jl. Cempaka Putih Raya No. 21, Jakarta Pusat', 'Jl. Cempaka Putih Raya No. 21, Jakarta Pusat'],
    [
      'alamatnya Jl Sudirman 10 RT 02/RW 05 Kel. Karet, Jakarta Selatan. Makasih',
      'Jl Sudirman 10 RT 02/RW 05 Kel. Karet, Jakarta Selatan',
    ],
    ['Alamat saya di Gg. Mawar No. 3, Depok', 'Gg. Mawar No. 3, Depok'],
    ['kirim ke rumah saya di Perum Citra Indah Blok A1 no 4 ya kak', 'Perum Citra Indah Blok A1 no 4'],
    ['anterin ke kantor, Menara BCA lt 12', 'Menara BCA lt 12'],
    [
      'alamat pengiriman: Apartemen Kalibata City Tower Flamboyan 12A, atas nama Rina',
      'Apartemen Kalibata City Tower Flamboyan 12A',
    ],
    ['kirim ke Jl. Dago 12 Bandung 🙏', 'Jl. Dago 12 Bandung'],
    ['Kirim ke Jalan Merdeka 17, tgl 20 ya kak', 'Jalan Merdeka 17'],
    ['tolong dikirim ke SMAN 3 Bandung hari Jumat', 'SMAN 3 Bandung'],
    ['diantar ke Bekasi bisa?', 'Bekasi'],
    ['alamat: Jl. Kenanga 3\nPenerima: Sari', 'Jl. Kenanga 3'],
    ['kirim ke Jl. Ahmad Yani 45 Surabaya, bayar COD', 'Jl. Ahmad Yani 45 Surabaya'],
    ['kirim ke: Jl. Anggrek 3 Blok B, Tangerang Selatan', 'Jl. Anggrek 3 Blok B, Tangerang Selatan'],
    [
      'Alamat: Komplek Taman Sari Blok F-12, Cileunyi (patokan: dekat masjid)',
      'Komplek Taman Sari Blok F-12, Cileunyi',
    ],
    ['kirim ke jln. Soekarno Hatta no.12, Malang ya kak, makasih', 'jln. Soekarno Hatta no.12, Malang'],
    ['kirim ke Jl. Melati 5 15.00', 'Jl. Melati 5'],
    ['Kirim ke Jl Melati RT 02/05 20 Des', 'Jl Melati RT 02/05'],
    // No trigger: a line that starts with a street or estate word and has a number is an address.
    ['Jl. Melati No. 5, Bandung', 'Jl. Melati No. 5, Bandung'],
    ['Alamat:\nJl. Melati 5\nBandung', 'Jl. Melati 5'],
    ['rumah saya di Jl. Kenanga 3 ya', 'Jl. Kenanga 3'],
    ['perum griya asri blok c no 4, besok', 'perum griya asri blok c no 4'],
  ])('%s → %s', (text, address) => {
    expect(addressIn(text)).toBe(address);
  });

  it.each([
    'kirim ke saya ya',
    'kirim ke sini aja',
    'tolong kirim foto ke wa saya',
    'alamatnya di mana kak?',
    'alamat tokonya dimana?',
    'alamatnya sama kayak kemarin',
    'alamat sudah saya kirim ya',
    'bisa kirim ke luar kota?',
    'kirim ke rumah',
    'antar ke mana aja kak?',
    'pesan 2 buket mawar',
    'Jalan-jalan dulu kak',
    'jalan ke toko jam berapa?',
    'di jl sudirman ada cabang?',
  ])('%s has no address', (text) => {
    expect(addressIn(text)).toBeNull();
  });

  it("keeps the customer's capitals and reports the span in the original text", () => {
    const text = 'Kirim ke Jl. MH Thamrin No 1 besok';
    const found = findAddress(text);
    expect(found).toEqual({ start: 9, end: 28, address: 'Jl. MH Thamrin No 1' });
    expect(text.slice(found!.start, found!.end)).toBe('Jl. MH Thamrin No 1');
  });
});

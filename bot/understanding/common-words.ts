/**
 * Everyday chat words (normalised spelling) that are not product names: grammar, pronouns, question words,
 * common verbs and adverbs, time words, shop-talk (harga, pesan, transfer), numbers and counting words,
 * and short words a typo away from product words ("murah"/"marah" vs "merah", "mau" vs "mawar").
 * The catalog matcher lets them match a product word only exactly, and does not take them for another
 * noun after a product ("hampers mulai dari…" is still hampers; "kartu nama" is not "kartu").
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set(
  `ada adalah agak agar akan akhir aku amat ambil anda antar apa apakah atas atau ayo bagaimana bagi bahwa baik
  banget banyak baru bawa beberapa begitu belum benar berapa berapaan besok betul biar biasa bila bisa boleh buat
  bukan cara cek cepat coba cuma dalam dan dapat dapet dari datang dengan dong doang dulu gimana hanya harga
  harganya hari harus hingga ini itu iya jadi jadinya jam jangan jika juga kak kalau kali kami kamu kan kapan karena
  kasih kasi ke kemarin kenapa kepada ketika kirim dikirim diantar diambil dibuat dibikin kita kok kurang lagi lah
  lain lalu lama langsung lebih lewat lho loh lihat liat mana dimana masih mau melalui memang mulai minta mohon
  mungkin nanti nih nya oke pada pagi siang sore malam paling pakai pake per perlu pesan pesanan order orderan
  beli pun saja saat sama sampai sangat saya sebelum sedang sekali sekarang selalu semua semuanya sendiri
  seperti sesuai setelah sih silakan sudah supaya tadi tanya tapi tau tahu telah terus tetap tidak tolong untuk
  waktu ya yang yah deh kah min admin halo hai selamat makasih permisi assalamualaikum total satuan minimal
  maksimal masing kira sekitar hampir tambah jumlah sebanyak buat bikin custom desain request budget deadline
  transfer bayar bukti status batal cancel alamat lusa tanggal minggu bulan tahun info katalog pricelist menu
  list produk barang item model ukuran size warna isi marah murah mahal besar kecil cantik bagus lucu wangi rapi
  cakep keren indah elegan mewah simpel unik awet tahan segar fresh asli mantap siap ready stok stock punya gini
  gitu kayak sedikit orang teman anak mama papa ibu bapak istri suami pacar acara kantor rumah toko sekolah kelas
  satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas seratus belas puluh ratus ribu juta lusin
  pasang kodi pcs buah biji tangkai paket kirimnya pengiriman ongkir kurir ambilnya jemput antarkan ready bisakah
  tertarik terima dicek diproses proses kabar baiknya lanjut fix jadiin`.split(/\s+/),
);

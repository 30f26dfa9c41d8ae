import { describe, expect, it } from 'vitest';
import { findFulfilment, findPayment, findRecipient, readRecipientAnswer } from './order-details.js';

describe('findFulfilment', () => {
  it.each([
    ['diambil', 'pickup'],
    ['ambil sendiri', 'pickup'],
    ['ambil sendiri aja kak', 'pickup'],
    ['diambil sendiri', 'pickup'],
    ['pickup', 'pickup'],
    ['pick up ya', 'pickup'],
    ['pick-up', 'pickup'],
    ['self pickup', 'pickup'],
    ['take away', 'pickup'],
    ['saya ambil di toko', 'pickup'],
    ['ambil besok', 'pickup'],
    ['ambilnya besok jam 3', 'pickup'],
    ['ambil aja', 'pickup'],
    ['nanti dijemput', 'pickup'],
    ['dateng ke toko aja', 'pickup'],
    ['aku ke toko besok', 'pickup'],
    ['dikirim', 'delivery'],
    ['dikirim aja kak', 'delivery'],
    ['kirim ke Jl. Melati 5', 'delivery'],
    ['dianter aja', 'delivery'],
    ['dianterin ya', 'delivery'],
    ['anterin aja', 'delivery'],
    ['diantarkan ke rumah', 'delivery'],
    ['kirimin ke kantor', 'delivery'],
    ['dikirimkan', 'delivery'],
    ['pakai gosend', 'delivery'],
    ['grab express aja', 'delivery'],
    ['via kurir', 'delivery'],
    ['delivery', 'delivery'],
    ['ojol aja', 'delivery'],
  ] as const)('%s → %s', (text, method) => {
    expect(findFulfilment(text)).toBe(method);
  });

  it('reads a negation as the other way, and the last word said as the choice', () => {
    expect(findFulfilment('ga usah dikirim, diambil aja')).toBe('pickup');
    expect(findFulfilment('gausah diantar')).toBe('pickup');
    expect(findFulfilment('tidak jadi diambil')).toBe('delivery');
    expect(findFulfilment('diambil aja, eh dikirim deh')).toBe('delivery');
  });

  it('takes neither from a purchase, a question or other sends', () => {
    expect(findFulfilment('aku ambil 2 buket mawar merah')).toBeNull();
    expect(findFulfilment('ambil yang merah 2')).toBeNull();
    expect(findFulfilment('diambil atau dikirim ya?')).toBeNull();
    expect(findFulfilment('kirim bukti tf')).toBeNull();
    expect(findFulfilment('halo kak')).toBeNull();
  });
});

describe('findPayment', () => {
  it.each([
    ['tf', 'transfer'],
    ['tf aja kak', 'transfer'],
    ['transfer', 'transfer'],
    ['bayar transfer', 'transfer'],
    ['trf bca', 'transfer'],
    ['transfer mandiri', 'transfer'],
    ['qris', 'qris'],
    ['QRIS aja', 'qris'],
    ['bayar pakai qris ya', 'qris'],
    ['scan qr', 'qris'],
    ['gopay bisa?', 'qris'],
    ['cod', 'cod'],
    ['COD ya', 'cod'],
    ['bayar di tempat', 'cod'],
    ['bayar ditempat', 'cod'],
    ['bayar pas barang sampai', 'cod'],
    ['tunai', 'cash'],
    ['cash aja', 'cash'],
    ['bayar di toko', 'cash'],
    ['bayar nanti pas ambil', 'cash'],
  ] as const)('%s → %s', (text, method) => {
    expect(findPayment(text)).toBe(method);
  });

  it('skips a method ruled out and takes the last one said', () => {
    expect(findPayment('ga bisa transfer, cod aja')).toBe('cod');
    expect(findPayment('transfer bisa? atau qris aja deh')).toBe('qris');
  });

  it('reads nothing when no method is named', () => {
    expect(findPayment('nanti')).toBeNull();
    expect(findPayment('besok jam 10')).toBeNull();
  });
});

describe('findRecipient', () => {
  const recipient = (text: string) => {
    const found = findRecipient(text);
    return found && { name: found.name, phone: found.phone };
  };

  it.each([
    ['a.n. Rina', 'Rina', null],
    ['a.n Rina', 'Rina', null],
    ['an. Dewi Lestari', 'Dewi Lestari', null],
    ['a/n Pak Budi, 0812-3456-7890', 'Pak Budi', '0812-3456-7890'],
    ['atas nama Rina ya kak', 'Rina', null],
    ['penerima Bu Rina 081298765432', 'Bu Rina', '081298765432'],
    ['Penerima: Sari', 'Sari', null],
    ['nama penerima: dr. Sari Dewi', 'dr. Sari Dewi', null],
    ['penerimanya Mas Andi hp 0813 2222 3333', 'Mas Andi', '0813 2222 3333'],
  ] as const)('%s → %s', (text, name, phone) => {
    expect(recipient(text)).toEqual({ name, phone });
  });

  it('stops the name at the next detail of a longer message', () => {
    expect(
      recipient(
        'mau pesan 2 buket mawar merah, dikirim besok jam 10 ke Jl. Melati 5 Bandung a.n. Rina, bayar transfer',
      ),
    ).toEqual({ name: 'Rina', phone: null });
    expect(recipient('dikirim besok jam 10 ke Jl. Melati 5 a.n. Rina, bayar transfer')?.name).toBe('Rina');
    expect(recipient('alamatnya perum griya asri blok c2 no 7 bekasi atas nama Pak Budi')?.name).toBe(
      'Pak Budi',
    );
    expect(recipient('kirim ke Jl. Kenanga 12, penerima Bu Rina 081298765432 besok')).toEqual({
      name: 'Bu Rina',
      phone: '081298765432',
    });
    expect(recipient('Pesanan atas nama Sari udah jadi belum ya kak')?.name).toBe('Sari');
  });

  it('finds nobody in "atas nama saya", a recipient address or a question', () => {
    expect(findRecipient('atas nama saya')).toBeNull();
    expect(findRecipient('alamat penerima: Jl. Kenanga 3')).toBeNull();
    expect(findRecipient('penerimanya siapa ya?')).toBeNull();
    expect(findRecipient('Blok A. No 5')).toBeNull();
  });
});

describe('readRecipientAnswer', () => {
  it('takes the whole answer as the name, with its phone number apart', () => {
    expect(readRecipientAnswer('Rina 0812 3456 7890')).toEqual({ name: 'Rina', phone: '0812 3456 7890' });
    expect(readRecipientAnswer('namanya Bu Sari hp 081234567890')).toEqual({
      name: 'Bu Sari',
      phone: '081234567890',
    });
    expect(readRecipientAnswer('Rina')).toEqual({ name: 'Rina', phone: null });
    expect(readRecipientAnswer('penerima Bu Rina 081298765432')).toEqual({
      name: 'Bu Rina',
      phone: '081298765432',
    });
  });
});

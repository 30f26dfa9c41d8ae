import { describe, expect, inject, it } from 'vitest';
import { runScenario, type Scenario, ScenarioSchema } from '../simulation/scenario.js';

/**
 * The customer's side of the chat, end to end: scenarios through the real bot pipeline on the simulator
 * transport (scripts/simulate.ts runs the same code).
 */

interface Sent {
  to: string;
  text: string;
}
interface Dump {
  contacts: { phone: string | null; firstChannel: string | null; stats: { orders: number } }[];
  leads: { customer: string; stage: string; channel: string; interest: string | null }[];
  orders: {
    number: string;
    customer: string;
    kind: string;
    status: string;
    items: { product: string; qty: number; unitPrice: number }[];
    total: number;
    custom: {
      category: string | null;
      budget: number | null;
      deadline: string | null;
      references: number;
    } | null;
    fulfilment: Record<string, string>;
  }[];
  payments: { customer: string; order: string | null; status: string; proof: boolean }[];
}

const CATALOG = [
  {
    id: 'buket-mawar-merah',
    name: 'Buket Mawar Merah',
    aliases: ['buket mawar', 'mawar merah'],
    price: 150000,
  },
  { id: 'hampers-lebaran', name: 'Hampers Lebaran', aliases: ['hampers', 'parcel'], price: 250000 },
  { id: 'buket-tulip', name: 'Buket Tulip', aliases: ['tulip'], price: 200000 },
];
const OWNER = { name: 'Sari', phone: '081298765432', role: 'owner' as const };
const BUDI = '+6281234567890';
const ANI = '+6285711112222';

async function simulate(input: unknown): Promise<{ sent: Sent[]; dump: Dump }> {
  const scenario: Scenario = ScenarioSchema.parse(input);
  const sent: Sent[] = [];
  let dump: Dump | undefined;
  await runScenario(scenario, {
    mongoUri: inject('mongoUri'),
    baseDir: new URL('./testing/', import.meta.url).pathname,
    dump: true,
    write: (line) => {
      const record = line as { dump?: Dump } & Sent;
      if (record.dump) dump = record.dump;
      else sent.push({ to: record.to, text: record.text });
    },
  });
  return { sent, dump: dump! };
}

const to = (sent: Sent[], phone: string) =>
  sent.filter((message) => message.to === phone).map((message) => message.text);

describe('customer conversation', () => {
  it('takes a catalog order: details asked one at a time, a correction, then the confirmation', async () => {
    const { sent, dump } = await simulate({
      now: '2026-11-23T10:00:00+07:00',
      catalog: CATALOG,
      admins: [OWNER],
      settings: {
        orderDetails: { fulfilment: 'required', deliveryAddress: 'required', paymentMethod: 'ask' },
        paymentInstructions: 'Transfer BCA 1234567890 a.n. Toko Bunga Sari',
      },
      steps: [
        {
          from: BUDI,
          text: 'halo kak, mau pesan 2 buket mawar merah sama 1 hampers, kirim besok ke Jl. Melati 5',
        },
        { from: BUDI, text: 'transfer' },
        { from: BUDI, text: 'eh buket mawarnya jadi 3 aja kak' },
        { from: BUDI, text: 'ya betul' },
      ],
    });
    const budi = to(sent, BUDI);
    // Fulfilment and address came with the order: only payment is asked, then the summary.
    expect(budi[0]).toContain('Pembayarannya lewat apa');
    expect(budi[1]).toContain('2× Buket Mawar Merah');
    expect(budi[1]).toContain('Rp550.000');
    expect(budi[2]).toContain('3× Buket Mawar Merah');
    expect(budi[2]).toContain('Rp700.000');
    const confirmation = budi[3]!;
    expect(confirmation).toMatch(/ORD-202611-0001/);
    expect(confirmation).toContain('Rp700.000');
    expect(confirmation).toContain('Jl. Melati 5');
    expect(confirmation).toContain('Transfer BCA 1234567890');
    expect(confirmation).toMatch(/\/track\/[A-Za-z0-9_-]{22,}/);
    expect(dump.orders).toMatchObject([
      {
        number: 'ORD-202611-0001',
        customer: BUDI,
        kind: 'catalog',
        status: 'pending',
        total: 700000,
        items: [
          { product: 'buket-mawar-merah', qty: 3, unitPrice: 150000 },
          { product: 'hampers-lebaran', qty: 1, unitPrice: 250000 },
        ],
        fulfilment: { method: 'delivery', date: '2026-11-24', address: 'Jl. Melati 5' },
      },
    ]);
    // The owner heard about the new lead and the new order, with the command to act on it.
    const owner = to(sent, '+6281298765432');
    expect(owner.some((message) => message.includes('Lead baru'))).toBe(true);
    expect(owner.some((message) => message.includes('status ORD-202611-0001 confirmed'))).toBe(true);
    expect(dump.contacts).toMatchObject([{ phone: BUDI, stats: { orders: 1 } }]);
  });

  it('takes a custom request with a reference photo as a pending custom order and a lead', async () => {
    const { sent, dump } = await simulate({
      now: '2026-11-23T10:00:00+07:00',
      admins: [OWNER],
      steps: [
        {
          from: ANI,
          text: 'kak bisa bikin logo buat usaha kopi aku? budget 500rb, deadline tgl 20 desember',
          media: { path: 'reference.jpg', mime: 'image/jpeg' },
        },
        // A second photo right after: another reference, not a payment proof.
        { from: ANI, media: { path: 'reference-2.png', mime: 'image/png' } },
      ],
    });
    expect(to(sent, ANI)[0]).toMatch(/ORD-202611-0001/);
    expect(to(sent, ANI)[1]).toContain('Foto referensi sudah kami tambahkan');
    expect(dump.payments).toEqual([]);
    expect(dump.orders).toMatchObject([
      {
        kind: 'custom',
        status: 'pending',
        customer: ANI,
        custom: { category: 'logo', budget: 500000, deadline: '2026-12-20', references: 2 },
      },
    ]);
    expect(dump.leads).toMatchObject([
      { customer: ANI, stage: 'new', interest: expect.stringContaining('logo') },
    ]);
  });

  it("answers a status question with the asker's own orders only", async () => {
    const { sent } = await simulate({
      now: '2026-11-23T10:00:00+07:00',
      catalog: CATALOG,
      steps: [
        { from: BUDI, text: 'pesan 1 buket tulip' },
        { from: BUDI, text: 'ya' },
        { from: ANI, text: 'status pesanan ORD-202611-0001 gimana kak?' },
        { from: ANI, text: 'pesanan saya sudah sampai mana?' },
        { from: BUDI, text: 'status pesanan saya' },
      ],
    });
    const ani = to(sent, ANI);
    expect(ani.join('\n')).not.toContain('Buket Tulip');
    expect(ani[0]).toContain('tidak ditemukan');
    expect(ani[1]).toContain('Belum ada pesanan');
    expect(to(sent, BUDI).at(-1)).toMatch(/ORD-202611-0001\*? — menunggu konfirmasi/);
  });

  it('drops a draft on "batal", cancels a pending order at once, and says when there is nothing to cancel', async () => {
    const { sent, dump } = await simulate({
      now: '2026-11-23T10:00:00+07:00',
      catalog: CATALOG,
      steps: [
        { from: BUDI, text: 'pesan 2 buket tulip' },
        { from: BUDI, text: 'gak jadi deh kak' },
        { from: BUDI, text: 'pesan 1 hampers' },
        { from: BUDI, text: 'ya' },
        { from: BUDI, text: 'kak pesanan saya dibatalkan aja ya' },
        { from: BUDI, text: 'batal' },
      ],
    });
    const budi = to(sent, BUDI);
    expect(budi[1]).toContain('draf pesanan dibatalkan');
    expect(budi[4]).toContain('*ORD-202611-0001* sudah kami batalkan');
    expect(budi[5]).toContain('Tidak ada pesanan aktif');
    expect(dump.orders).toMatchObject([{ number: 'ORD-202611-0001', status: 'cancelled' }]);
  });

  it('hands a chat to a person, stays quiet, and takes it back after the timeout', async () => {
    const { sent } = await simulate({
      now: '2026-11-23T10:00:00+07:00',
      catalog: CATALOG,
      admins: [OWNER],
      settings: { handoverTimeoutMinutes: 60 },
      steps: [
        { from: BUDI, text: 'halo' },
        { from: BUDI, text: 'saya mau bicara dengan admin aja' },
        { from: BUDI, text: 'halo? ada orang?' },
        { from: BUDI, text: 'katalog', advance: '2h' },
      ],
    });
    const budi = to(sent, BUDI);
    expect(budi[1]).toContain('admin kami akan segera membalas');
    // Quiet while a person has the chat; the catalog comes once the hour has passed.
    expect(budi).toHaveLength(3);
    expect(budi[2]).toContain('Katalog');
    const owner = to(sent, '+6281298765432');
    expect(
      owner.some((message) => message.includes('perlu dibantu admin') && message.includes('bot on')),
    ).toBe(true);
  });

  it('hands over after two messages in a row the bot did not understand', async () => {
    const { sent } = await simulate({
      now: '2026-11-23T10:00:00+07:00',
      admins: [OWNER],
      steps: [
        { from: BUDI, text: 'qwerty zxcv' },
        { from: BUDI, text: 'asdf ghjk lmn' },
      ],
    });
    const budi = to(sent, BUDI);
    expect(budi[0]).toContain('belum paham');
    expect(budi[1]).toContain('admin kami akan segera membalas');
    expect(to(sent, '+6281298765432').some((message) => message.includes('bot tidak paham dua kali'))).toBe(
      true,
    );
  });

  it('sends the away message once per day outside business hours, and still answers', async () => {
    const { sent } = await simulate({
      now: '2026-11-23T22:30:00+07:00',
      catalog: CATALOG,
      steps: [
        { from: BUDI, text: 'halo kak' },
        { from: BUDI, text: 'katalog dong' },
        { from: BUDI, text: 'makasih' },
      ],
    });
    const budi = to(sent, BUDI);
    expect(budi.filter((message) => message.includes('sedang tutup'))).toHaveLength(1);
    expect(budi[0]).toContain('Sen–Sab 08:00–20:00');
    expect(budi.some((message) => message.includes('Katalog'))).toBe(true);
  });

  it('records a payment proof photo against the unpaid order and alerts admins', async () => {
    const { sent, dump } = await simulate({
      now: '2026-11-23T10:00:00+07:00',
      catalog: CATALOG,
      admins: [OWNER],
      steps: [
        { from: BUDI, text: 'order 1 hampers' },
        { from: BUDI, text: 'ok' },
        { from: BUDI, text: 'sudah transfer ya kak', media: { path: 'reference.jpg', mime: 'image/jpeg' } },
      ],
    });
    expect(to(sent, BUDI).at(-1)).toContain('bukti pembayaran untuk *ORD-202611-0001*');
    expect(dump.payments).toMatchObject([
      { customer: BUDI, order: 'ORD-202611-0001', status: 'pending', proof: true },
    ]);
    expect(to(sent, '+6281298765432').some((message) => message.includes('Bukti bayar'))).toBe(true);
  });
});

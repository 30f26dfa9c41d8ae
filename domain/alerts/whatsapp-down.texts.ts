import type { Locale } from '../platform/config.js';

/** The owner's e-mails about a lost WhatsApp session, in the shop's language. */
export interface OutageMailTexts {
  downSubject: string;
  downIntro: string;
  scanAction: string;
  reconnectAction: string;
  downFooter: string;
  backSubject: string;
  backIntro: string;
  backFooter: string;
  hours: string;
  minutes: string;
}

export const OUTAGE_MAIL_TEXTS: Record<Locale, OutageMailTexts> = {
  id: {
    downSubject: '[{shop}] WhatsApp terputus sejak {since}',
    downIntro:
      'WhatsApp toko {shop} terputus sejak {since} (status: {state}).\n' +
      'Selama terputus, bot tidak menerima dan tidak mengirim pesan: pelanggan tidak mendapat balasan, dan ' +
      'peringatan lewat WhatsApp tidak sampai ke siapa pun.',
    scanAction:
      'Yang perlu dilakukan: buka halaman WhatsApp di konsol dan pindai kode QR dengan HP toko ' +
      '(WhatsApp › Perangkat tertaut › Tautkan perangkat).',
    reconnectAction:
      'Bot terus mencoba menyambung ulang sendiri. Periksa koneksi internet server dan HP toko; bila tetap ' +
      'terputus, buka halaman WhatsApp di konsol.',
    downFooter:
      'Halaman WhatsApp: {url}\nEmail ini dikirim sekali untuk setiap gangguan; konsol menampilkan ' +
      'peringatan yang sama sampai WhatsApp tersambung lagi.',
    backSubject: '[{shop}] WhatsApp tersambung lagi',
    backIntro: 'WhatsApp toko {shop} tersambung lagi pada {at}, setelah terputus {duration} (sejak {since}).',
    backFooter: 'Periksa kotak masuk di konsol untuk pesan yang masuk selama terputus: {url}',
    hours: '{n} jam',
    minutes: '{n} menit',
  },
  en: {
    downSubject: '[{shop}] WhatsApp disconnected since {since}',
    downIntro:
      "{shop}'s WhatsApp has been disconnected since {since} (state: {state}).\n" +
      'While it is down the bot receives and sends nothing: customers get no answer, and alerts on ' +
      'WhatsApp reach nobody.',
    scanAction:
      "What to do: open the WhatsApp page of the console and scan the QR code with the shop's phone " +
      '(WhatsApp › Linked devices › Link a device).',
    reconnectAction:
      "The bot keeps trying to reconnect by itself. Check the server's and the shop phone's internet " +
      'connection; if it stays down, open the WhatsApp page of the console.',
    downFooter:
      'WhatsApp page: {url}\nThis e-mail is sent once per outage; the console shows the same warning ' +
      'until WhatsApp is connected again.',
    backSubject: '[{shop}] WhatsApp is connected again',
    backIntro: "{shop}'s WhatsApp is connected again since {at}, after {duration} down (since {since}).",
    backFooter: "Check the console's inbox for messages that came in meanwhile: {url}",
    hours: '{n} h',
    minutes: '{n} min',
  },
};

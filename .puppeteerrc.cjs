// Pesanin drives Debian's Chromium (CHROMIUM_PATH); puppeteer must never download its own browser,
// or `npm ci` fails on machines without internet access.
module.exports = { skipDownload: true };

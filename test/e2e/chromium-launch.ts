// How every test and benchmark starts Debian's Chromium: never a downloaded browser, and without the
// background connections that a machine with no network refuses.
export const CHROMIUM_PATH = process.env.SPANLIGHT_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

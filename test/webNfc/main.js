// passgate/card in a browser bundle (test/webNfc.test.ts): what Web NFC reports here, and PC/SC's absence.
import { openPcscReader, readWebNfc, webNfcAvailable, writeWebNfc } from '../../dist/sdk/card/index.js';

const code = async (run) => {
  try {
    await run();
    return 'no error';
  } catch (e) {
    return e.code ?? String(e);
  }
};

const tap = await readWebNfc({ timeoutMs: 2000 });
const state = {
  available: webNfcAvailable(),
  read: tap.error?.code ?? 'read',
  serial: tap.serial ? Array.from(tap.serial) : null,
  presentation: tap.presentation ? Array.from(tap.presentation) : null,
  write: await code(() => writeWebNfc(Uint8Array.of(0x83, 1, 2))),
  pcsc: await code(() => openPcscReader()),
};
document.getElementById('state').textContent = JSON.stringify(state);

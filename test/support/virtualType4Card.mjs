// A virtual contactless card for the real PC/SC stack: an NFC Forum Type 4 Tag (mapping 2.0, or 1.0)
// speaking vpcd's protocol (vsmartcard's virtual reader driver inside pcscd). Each message is a 2-byte
// big-endian length then its bytes; one-byte messages are control (00 power off, 01 power on, 02 reset,
// 04 get ATR, answered with the ATR); anything longer is a command APDU, answered with its response.
// Connecting is bringing the card into the reader's field; closing the connection takes it away.
// Loopback only: vpcd listens on every interface, the card connects to 127.0.0.1.
//
// Hostile and faulty behaviours are options: a capability container with any field changed, NLEN past
// the file, raw NDEF file contents, no NDEF application, mapping 1.0 only, a read-only file, a status
// word on a chosen command, silence (no answer) or removal after so many APDUs, a UID GET DATA refuses.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';

/** vpcd's first reader slot (/etc/reader.conf.d/vpcd: CHANNELID 0x8C7B); the second slot is one port up. */
export const VPCD_PORT = 35963;

const ATR = Uint8Array.from([0x3b, 0x80, 0x80, 0x01, 0x01]); // ISO 14443-4 contactless card, as PC/SC part 3 builds it

const AID_V2 = 'd2760000850101';
const AID_V1 = 'd2760000850100';
const hex = (b) => Buffer.from(b).toString('hex');

function capabilityContainer(cc) {
  const out = Buffer.alloc(15);
  out.writeUInt16BE(cc.cclen, 0);
  out[2] = cc.version;
  out.writeUInt16BE(cc.mle, 3);
  out.writeUInt16BE(cc.mlc, 5);
  out[7] = cc.tlvType;
  out[8] = cc.tlvLength;
  out.writeUInt16BE(cc.fileId, 9);
  out.writeUInt16BE(cc.maxSize, 11);
  out[13] = cc.read;
  out[14] = cc.write;
  return out;
}

/**
 * Brings a virtual Type 4 Tag into a vpcd reader's field; resolves once the TCP connection is up.
 * @param {import('./virtualType4Card.d.mts').VirtualCardOptions} options
 * @returns {Promise<import('./virtualType4Card.d.mts').VirtualCard>}
 */
export function insertCard(options = {}) {
  const port = options.port ?? VPCD_PORT;
  const uid = Buffer.from(options.uid ?? [0x04, 0xa2, 0x3b, 0x7a, 0x51, 0x6e, 0x80]);
  const cc = {
    cclen: 15, version: options.mapping === 1 ? 0x10 : 0x20, mle: 0x00ff, mlc: 0x00ff, tlvType: 4, tlvLength: 6,
    fileId: 0xe104, maxSize: 1024, read: 0, write: options.readOnly ? 0xff : 0,
    ...options.cc,
  };
  const file = Buffer.alloc(Math.max(cc.maxSize, 2));
  if (options.fileContent) Buffer.from(options.fileContent).copy(file);
  else if (options.message) {
    file.writeUInt16BE(options.nlen ?? options.message.length, 0);
    Buffer.from(options.message).copy(file, 2);
  } else if (options.nlen !== undefined) file.writeUInt16BE(options.nlen, 0);
  let selectedApp = null;
  let selected = null;
  let apduCount = 0;
  const apdus = [];
  let silent = false;
  let firstApduAt = null;

  function respond(apdu) {
    const sw = (n) => Buffer.from([n >> 8, n & 0xff]);
    const ok = (data = Buffer.alloc(0)) => Buffer.concat([data, sw(0x9000)]);
    const forced = options.statusWord?.(apdu);
    if (forced !== undefined) return sw(forced);
    const [cla, ins, p1, p2] = apdu;
    if (cla === 0xff && ins === 0xca) return options.uidStatusWord !== undefined ? sw(options.uidStatusWord) : ok(uid);
    if (cla !== 0x00) return sw(0x6e00);
    if (ins === 0xa4 && p1 === 0x04) {
      const aid = hex(apdu.subarray(5, 5 + apdu[4]));
      const has = options.noApplication ? [] : options.mapping === 1 ? [AID_V1] : [AID_V2];
      if (!has.includes(aid)) return sw(0x6a82);
      selectedApp = aid;
      selected = null;
      return ok();
    }
    if (ins === 0xa4 && p1 === 0x00) {
      if (selectedApp === null) return sw(0x6a82);
      const id = apdu.readUInt16BE(5);
      if (id === 0xe103) selected = 'cc';
      else if (id === cc.fileId) selected = 'ndef';
      else return sw(0x6a82);
      return ok();
    }
    if (ins === 0xb0) {
      const offset = (p1 << 8) | p2;
      const le = apdu.length > 4 ? (apdu[4] === 0 ? 256 : apdu[4]) : 256;
      const source = selected === 'cc' ? capabilityContainer(cc) : selected === 'ndef' ? file : null;
      if (source === null) return sw(0x6986);
      if (offset > source.length) return sw(0x6b00);
      const extra = options.overlongReads ? 4 : 0;
      return ok(source.subarray(offset, Math.min(source.length, offset + le + extra)));
    }
    if (ins === 0xd6) {
      if (selected !== 'ndef') return sw(0x6986);
      if (cc.write !== 0) return sw(0x6982);
      const offset = (p1 << 8) | p2;
      const data = apdu.subarray(5, 5 + apdu[4]);
      if (offset + data.length > file.length) return sw(0x6b00);
      data.copy(file, offset);
      if (options.corruptWrites && offset >= 2) file[offset] ^= 0xff;
      return ok();
    }
    return sw(0x6d00);
  }

  return new Promise((resolve, reject) => {
    const socket = options.quickAck ? quickAckConnection(port) : connect({ host: '127.0.0.1', port });
    let buffered = Buffer.alloc(0);
    let closed = false;
    let onClose = [];
    const send = (body) => {
      const head = Buffer.alloc(2);
      head.writeUInt16BE(body.length);
      socket.write(Buffer.concat([head, body]));
    };
    socket.setNoDelay?.(true);
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      // vpcd writes the length and the body separately: take whole messages only.
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const length = buffered.readUInt16BE(0);
        const body = buffered.subarray(2, 2 + length);
        buffered = buffered.subarray(2 + length);
        if (length === 1) {
          if (body[0] === 0x04) send(Buffer.from(ATR));
          if (body[0] === 0x00 || body[0] === 0x02) { selectedApp = null; selected = null; }
          continue;
        }
        if (silent) continue;
        apduCount++;
        if (apduCount === 1) firstApduAt = performance.now();
        apdus.push(Buffer.from(body));
        if (options.removeAfter !== undefined && apduCount > options.removeAfter) { socket.destroy(); return; }
        if (options.silentAfter !== undefined && apduCount > options.silentAfter) { silent = true; continue; }
        const reply = respond(Buffer.from(body));
        if (options.answerDelayMs) setTimeout(() => { if (!closed) send(reply); }, options.answerDelayMs);
        else send(reply);
      }
    });
    socket.once('connect', () => resolve(card));
    socket.once('error', (e) => { if (!closed) reject(e); });
    socket.once('close', () => { closed = true; for (const f of onClose) f(); });
    const card = {
      get apdus() { return apdus; },
      get firstApduAt() { return firstApduAt; },
      get file() { return Buffer.from(file); },
      message() { return file.subarray(2, 2 + file.readUInt16BE(0)); },
      get removed() { return closed; },
      remove() {
        if (closed) return Promise.resolve();
        return new Promise((done) => { onClose.push(done); socket.destroy(); });
      },
    };
  });
}

/**
 * The connection through test/support/quickAckRelay.py, which ACKs vpcd's messages at once (vpcd's
 * Nagle and Linux's delayed ACK otherwise add 40 ms to every APDU); shaped as the socket is used above.
 */
function quickAckConnection(port) {
  const child = spawn('python3', [fileURLToPath(new URL('./quickAckRelay.py', import.meta.url)), String(port)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const listeners = { data: [], close: [], error: [], connect: [] };
  child.stdout.on('data', (d) => { for (const f of listeners.data) f(d); });
  child.once('exit', () => { for (const f of listeners.close) f(); });
  child.once('error', (e) => { for (const f of listeners.error) f(e); });
  child.once('spawn', () => { for (const f of listeners.connect) f(); });
  child.stdin.on('error', () => undefined);
  return {
    write: (b) => child.stdin.write(b),
    on: (event, f) => { listeners[event].push(f); },
    once: (event, f) => { listeners[event].push(f); },
    destroy: () => { child.stdin.end(); child.kill(); },
  };
}

/** `--listen HOST:PORT` (an IPv6 host in brackets: `[::1]:8787`); port 0 takes any free port. */
import { UsageError } from '../cli/args.js';

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

export const DEFAULT_LISTEN: ListenAddress = { host: '127.0.0.1', port: 8787 };

export function parseListenAddress(text: string): ListenAddress {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):([0-9]{1,5})$/.exec(text);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw new UsageError(`--listen must be HOST:PORT (port 0 to 65535; an IPv6 host in brackets), got "${text}"`);
  return { host: m[1] ?? m[2]!, port };
}

/** How to write an address in a URL. */
export function addressUrl(a: ListenAddress): string {
  return `http://${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}`;
}

/** A loopback server publishing list files at fixed paths (404 for any other), for serve's sync tests. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StaticLists {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  close(): void;
}

export async function serveStaticLists(files: Readonly<Record<string, Uint8Array>>): Promise<StaticLists> {
  const server = createServer((req, res) => {
    const body = files[req.url ?? ''];
    res.writeHead(body ? 200 : 404).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

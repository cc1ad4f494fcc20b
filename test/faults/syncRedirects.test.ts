// Issue 17, defect 7: sync() follows redirects itself, at most MAX_SYNC_REDIRECTS hops, and only to the
// list URL's own origin unless the integrator names others (syncRedirectOrigins). Two loopback servers
// on two ports are two origins.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createVerifier, MAX_SYNC_REDIRECTS, type Verifier } from '../../sdk/index.js';
import { NOW, root, trustList } from '../support/issuerFixtures.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

/** A server counting its requests; returns its origin. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ origin: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => { hits.push(req.url ?? ''); handler(req, res); });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const a = server.address();
  if (a === null || typeof a === 'string') throw new Error('no port');
  return { origin: `http://127.0.0.1:${a.port}`, hits };
}

const list = trustList({ version: 3 });
const listServer = (): Promise<{ origin: string; hits: string[] }> => serve((_req, res) => res.writeHead(200).end(list));
const redirect = (to: (req: IncomingMessage) => string, status = 302) => (req: IncomingMessage, res: ServerResponse): void => {
  res.writeHead(status, { location: to(req) }).end();
};
const make = (syncRedirectOrigins?: string[]): Promise<Verifier> =>
  createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW, ...(syncRedirectOrigins ? { syncRedirectOrigins } : {}) });

describe('sync() and redirects', () => {
  it('a redirect to another origin is not followed: the entry fails saying so, the other host is never asked', async () => {
    const elsewhere = await listServer();
    const origin = await serve(redirect(() => `${elsewhere.origin}/trust.cbor`));
    const v = await make();
    const [entry] = await v.sync({ trust: `${origin.origin}/trust.cbor` });
    expect(entry).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/HTTP 302: a redirect to another origin \(http:\/\/127\.0\.0\.1:\d+\), not followed/) });
    expect(elsewhere.hits).toEqual([]);
    expect(v.trustList).toBeNull();
  });

  it('an origin named in syncRedirectOrigins is followed (a CDN)', async () => {
    const cdn = await listServer();
    const origin = await serve(redirect(() => `${cdn.origin}/trust.cbor`, 307));
    const v = await make([cdn.origin]);
    const [entry] = await v.sync({ trust: `${origin.origin}/trust.cbor` });
    expect(entry).toMatchObject({ outcome: 'updated' });
    expect(cdn.hits).toEqual(['/trust.cbor']);
  });

  it('same-origin redirects are followed, relative Locations too', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/a') res.writeHead(301, { location: '/b' }).end();
      else if (req.url === '/b') res.writeHead(308, { location: 'c' }).end();
      else res.writeHead(200).end(list);
    });
    const v = await make();
    const [entry] = await v.sync({ trust: `${server.origin}/a` });
    expect(entry).toMatchObject({ outcome: 'updated' });
    expect(server.hits).toEqual(['/a', '/b', '/c']);
  });

  it(`at most ${MAX_SYNC_REDIRECTS} hops: a redirect loop is given up, not followed 20 times`, async () => {
    const server = await serve(redirect((req) => `/hop${Number((req.url ?? '').replace(/\D/g, '') || 0) + 1}`));
    const v = await make();
    const [entry] = await v.sync({ trust: `${server.origin}/hop0` });
    expect(MAX_SYNC_REDIRECTS).toBeGreaterThanOrEqual(3);
    expect(MAX_SYNC_REDIRECTS).toBeLessThanOrEqual(5);
    expect(entry).toMatchObject({ outcome: 'failed', reason: `more than ${MAX_SYNC_REDIRECTS} redirects, not followed further` });
    expect(server.hits).toHaveLength(MAX_SYNC_REDIRECTS + 1);
  });

  it('a redirect to another scheme is not followed', async () => {
    const server = await serve(redirect(() => 'file:///etc/passwd'));
    const v = await make();
    const [entry] = await v.sync({ trust: `${server.origin}/t` });
    expect(entry).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/a redirect to file: \(only http and https\)/) });
  });

  it('syncRedirectOrigins takes origins only: anything else is BAD_ARGUMENT naming it', async () => {
    for (const bad of [['https://cdn.example.org/lists'], ['cdn.example.org'], ['ftp://cdn.example.org'], [42], 'https://cdn.example.org']) {
      await expect(make(bad as string[])).rejects.toMatchObject({ code: 'BAD_ARGUMENT', message: expect.stringMatching(/syncRedirectOrigins/) });
    }
  });
});

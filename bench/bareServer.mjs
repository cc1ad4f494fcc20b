// The baseline of `npm run bench:serve`: a bare node:http server that reads each request body and
// answers the same fixed JSON, whatever it was sent. Prints "listening PORT" on standard output.
import { createServer } from 'node:http';

const BODY = JSON.stringify({ result: 'OK', iss: 'CN-35', kid: '0011223344556677', claims: { status: 0 } }) + '\n';
const server = createServer({ keepAlive: true }, (req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(BODY) });
    res.end(BODY);
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));

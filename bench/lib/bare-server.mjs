// The physical limit for a response on this machine: a bare node:http server that answers each request
// body with the bytes the API returned for it, and nothing else. Started by bench/lib/http.ts.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const responses = new Map(Object.entries(JSON.parse(readFileSync(process.argv[2], 'utf8'))).map(([body, text]) => [body, Buffer.from(text)]));
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const bytes = responses.get(Buffer.concat(chunks).toString('utf8'));
    if (!bytes) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length });
    res.end(bytes);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));

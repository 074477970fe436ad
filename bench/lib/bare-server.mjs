// The physical limit for a response on this machine: a bare node:http server that answers each request
// body with the bytes the API returned for it (and, when given, the same response headers), and nothing
// else. Started by bench/lib/http.ts.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

// Each answer is the body text, or { text, headers } to replay the API's headers as well.
const responses = new Map(
  Object.entries(JSON.parse(readFileSync(process.argv[2], 'utf8'))).map(([body, answer]) =>
    typeof answer === 'string'
      ? [body, { bytes: Buffer.from(answer), headers: { 'content-type': 'application/json; charset=utf-8' } }]
      : [body, { bytes: Buffer.from(answer.text), headers: answer.headers }],
  ),
);
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const answer = responses.get(Buffer.concat(chunks).toString('utf8'));
    if (!answer) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { ...answer.headers, 'content-length': answer.bytes.length });
    res.end(answer.bytes);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));

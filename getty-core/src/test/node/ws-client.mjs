// A WebSocket client from npm's `ws` package, driven by NodeWebSocketClientTests.
// Usage: node ws-client.mjs <ws-url> <max-msg-len>
// Prints one JSON line per observation; exits 0 when every step ran.
import WebSocket from 'ws';

const [url, maxArg] = process.argv.slice(2);
const max = Number(maxArg);
const log = (event) => console.log(JSON.stringify(event));
const fail = (why) => { log({ step: 'error', why: String(why) }); process.exit(2); };
setTimeout(() => fail('timed out'), 20000).unref();

function open(target) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(target, { perMessageDeflate: true });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

function nextMessage(socket) {
  return new Promise((resolve) => socket.once('message', (data, isBinary) => resolve({ data, isBinary })));
}

const socket = await open(url).catch(fail);
log({ step: 'open', extensions: socket.extensions });

socket.send('hello from node');
let reply = await nextMessage(socket);
log({ step: 'text', isBinary: reply.isBinary, data: reply.data.toString('utf8') });

socket.send(Buffer.from([0, 1, 2, 254, 255]));
reply = await nextMessage(socket);
log({ step: 'binary', isBinary: reply.isBinary, bytes: [...reply.data] });

// One text message in three fragments.
socket.send('frag', { fin: false });
socket.send('men', { fin: false });
socket.send('ted', { fin: true });
reply = await nextMessage(socket);
log({ step: 'fragmented', data: reply.data.toString('utf8') });

const closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
socket.send('x'.repeat(max + 1));
const close = await closed;
log({ step: 'oversized', code: close.code, reason: close.reason });
process.exit(0);

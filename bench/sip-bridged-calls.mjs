/**
 * Benchmark: concurrent bridged SIP calls with media on one gateway node. The gateway runs as its own process
 * (`dist/main.js`); this script is every phone: N customers calling a DID over the trunk, and N agents' desk phones
 * (registered with digest, auto-answering). Each side sends a 20 ms PCMU frame every 20 ms; the script measures the
 * gateway process's CPU over a steady window and the jitter (RFC 3550 interarrival) of the RTP it receives from it.
 * Bounded: fixed call counts and durations; it stops by itself. Run: `npm run build && node bench/sip-bridged-calls.mjs [N ...]`.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgentSdk } from '@agentsdk/sdk';
import { DEMO_TENANT_FILE } from '@agentsdk/gateway';

const COUNTS = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const CALL_COUNTS = COUNTS.length > 0 ? COUNTS : [10, 25, 50];
const WARMUP_MS = 3_000;
const WINDOW_MS = 10_000;
const PASSWORD = 'bench-desk-phone';
const md5 = (text) => createHash('md5').update(text).digest('hex');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const CLOCK_TICKS = 100;

function tenantFile(dir, agents) {
  const demo = JSON.parse(readFileSync(DEMO_TENANT_FILE, 'utf8').replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1'));
  const tenant = {
    ...demo,
    agents: agents.map((agent) => ({ agentNo: agent.agentNo, name: agent.agentNo, role: 'agent', queues: ['0'] })),
    queues: [{ queueNo: '0', name: 'Bench', ringTimeoutSeconds: 20, wrapupSeconds: 0 }],
    extensions: agents.map((agent) => agent.extension),
    deskPhones: agents.map((agent) => ({ extension: agent.extension, password: PASSWORD })),
    trunks: [{ name: 'bench', host: '127.0.0.1', port: 9, inboundFrom: ['127.0.0.1'], dids: { '02088880000': { queueNo: '0' } } }],
    autoDialTasks: [],
  };
  const path = join(dir, 'tenant.json');
  writeFileSync(path, JSON.stringify(tenant));
  return path;
}

async function startGatewayProcess(dir, tenantPath) {
  const child = spawn(process.execPath, ['packages/gateway/dist/main.js'], {
    env: {
      ...process.env,
      PORT: '0',
      AGENT_GATEWAY_SIP_PORT: '0',
      AGENT_GATEWAY_RTP_PORTS: '56000-57999',
      AGENT_GATEWAY_DATA_DIR: dir,
      AGENT_GATEWAY_TENANTS: tenantPath,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  for (let i = 0; i < 200 && !/SIP \(UDP\)\s+\S+:\d+/.test(output); i++) await sleep(50);
  const url = /listening on (\S+)/.exec(output)?.[1];
  const sipPort = Number(/SIP \(UDP\)\s+\S+:(\d+)/.exec(output)?.[1]);
  if (!url || !sipPort) throw new Error(`gateway did not start:\n${output}`);
  return { child, url, sipPort };
}

function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** A UDP endpoint speaking just enough SIP for the bench, with one RTP socket. */
async function endpoint() {
  const sip = createSocket('udp4');
  const rtp = createSocket('udp4');
  await new Promise((resolve) => sip.bind(0, '127.0.0.1', () => resolve(undefined)));
  await new Promise((resolve) => rtp.bind(0, '127.0.0.1', () => resolve(undefined)));
  return { sip, rtp, sipPort: sip.address().port, rtpPort: rtp.address().port };
}

const field = (text, name) => new RegExp(`^${name}:\\s*(.*)$`, 'mi').exec(text)?.[1]?.trim();
const sdpOf = (port) =>
  ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio ${port} RTP/AVP 0`, 'a=rtpmap:0 PCMU/8000', ''].join(
    '\r\n',
  );
const remoteMedia = (body) => ({ address: /c=IN IP4 (\S+)/.exec(body)?.[1], port: Number(/m=audio (\d+)/.exec(body)?.[1]) });
function message(startLine, headers, body = '') {
  return `${startLine}\r\n${headers.map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}
function response(request, status, reason, extra = [], body = '') {
  const vias = request
    .split('\r\n')
    .filter((line) => /^Via:/i.test(line))
    .map((line) => ['Via', line.slice(4).trim()]);
  const to = field(request, 'To');
  return message(
    `SIP/2.0 ${status} ${reason}`,
    [
      ...vias,
      ['From', field(request, 'From')],
      ['To', /tag=/.test(to) ? to : `${to};tag=${randomBytes(4).toString('hex')}`],
      ['Call-ID', field(request, 'Call-ID')],
      ['CSeq', field(request, 'CSeq')],
      ...extra,
    ],
    body,
  );
}

/** Sends a PCMU frame every 20 ms from `rtp` and records RFC 3550 interarrival jitter of what arrives. */
function media(rtp, stats) {
  let target;
  let sequence = 0;
  let timestamp = 0;
  const payload = Buffer.alloc(160, 0x7f);
  const ssrc = randomBytes(4).readUInt32BE(0);
  let transit;
  rtp.on('message', (packet) => {
    stats.received += 1;
    const arrival = (performance.now() * 8) | 0;
    const sent = packet.readUInt32BE(4);
    const now = arrival - sent;
    if (transit !== undefined) stats.jitter += (Math.abs(now - transit) - stats.jitter) / 16;
    transit = now;
  });
  const timer = setInterval(() => {
    if (!target) return;
    const header = Buffer.alloc(12);
    header[0] = 0x80;
    header.writeUInt16BE(sequence++ & 0xffff, 2);
    header.writeUInt32BE((timestamp += 160) >>> 0, 4);
    header.writeUInt32BE(ssrc, 8);
    rtp.send(Buffer.concat([header, payload]), target.port, target.address);
  }, 20);
  return { start: (to) => (target = to), stop: () => clearInterval(timer) };
}

async function deskPhone(gatewayPort, extension, stats) {
  const phone = await endpoint();
  const audio = media(phone.rtp, stats);
  const register = (authorization) =>
    phone.sip.send(
      message(`REGISTER sip:127.0.0.1:${gatewayPort} SIP/2.0`, [
        ['Via', `SIP/2.0/UDP 127.0.0.1:${phone.sipPort};branch=z9hG4bK${randomBytes(6).toString('hex')};rport`],
        ['From', `<sip:${extension}@127.0.0.1>;tag=r${extension}`],
        ['To', `<sip:${extension}@127.0.0.1>`],
        ['Call-ID', `reg-${extension}`],
        ['CSeq', `${authorization ? 2 : 1} REGISTER`],
        ['Contact', `<sip:${extension}@127.0.0.1:${phone.sipPort}>`],
        ['Expires', '600'],
        ...(authorization ? [['Authorization', authorization]] : []),
      ]),
      gatewayPort,
      '127.0.0.1',
    );
  let registered;
  const done = new Promise((resolve) => (registered = resolve));
  phone.sip.on('message', (data) => {
    const text = data.toString();
    if (text.startsWith('SIP/2.0 401')) {
      const challenge = field(text, 'WWW-Authenticate');
      const realm = /realm="([^"]*)"/.exec(challenge)[1];
      const nonce = /nonce="([^"]*)"/.exec(challenge)[1];
      const username = `demo-${extension}`;
      const uri = `sip:127.0.0.1:${gatewayPort}`;
      const cnonce = randomBytes(4).toString('hex');
      const answer = md5(`${md5(`${username}:${realm}:${PASSWORD}`)}:${nonce}:00000001:${cnonce}:auth:${md5(`REGISTER:${uri}`)}`);
      register(
        `Digest username="${username}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${answer}", qop=auth, nc=00000001, cnonce="${cnonce}", algorithm=MD5`,
      );
    } else if (text.startsWith('SIP/2.0 200') && /REGISTER/.test(field(text, 'CSeq'))) registered();
    else if (text.startsWith('INVITE ')) {
      const body = text.slice(text.indexOf('\r\n\r\n') + 4);
      phone.sip.send(
        response(
          text,
          200,
          'OK',
          [
            ['Contact', `<sip:${extension}@127.0.0.1:${phone.sipPort}>`],
            ['Content-Type', 'application/sdp'],
          ],
          sdpOf(phone.rtpPort),
        ),
        gatewayPort,
        '127.0.0.1',
      );
      audio.start(remoteMedia(body));
    } else if (text.startsWith('BYE ')) phone.sip.send(response(text, 200, 'OK'), gatewayPort, '127.0.0.1');
  });
  register();
  await done;
  return {
    close: () => {
      audio.stop();
      phone.sip.close();
      phone.rtp.close();
    },
  };
}

async function customer(gatewayPort, index, stats) {
  const phone = await endpoint();
  const audio = media(phone.rtp, stats);
  const callId = `bench-${index}-${randomBytes(4).toString('hex')}`;
  const headers = (method, cseq, toTag = '') => [
    ['Via', `SIP/2.0/UDP 127.0.0.1:${phone.sipPort};branch=z9hG4bK${randomBytes(6).toString('hex')};rport`],
    ['From', `<sip:1390000${String(index).padStart(4, '0')}@127.0.0.1>;tag=c${index}`],
    ['To', `<sip:02088880000@127.0.0.1>${toTag}`],
    ['Call-ID', callId],
    ['CSeq', `${cseq} ${method}`],
    ['Contact', `<sip:c${index}@127.0.0.1:${phone.sipPort}>`],
  ];
  let answered;
  const done = new Promise((resolve) => (answered = resolve));
  let toTag = '';
  phone.sip.on('message', (data) => {
    const text = data.toString();
    if (text.startsWith('SIP/2.0 200') && /INVITE/.test(field(text, 'CSeq'))) {
      toTag = /;tag=[^;\s]+/.exec(field(text, 'To'))[0];
      phone.sip.send(message(`ACK sip:gateway@127.0.0.1:${gatewayPort} SIP/2.0`, headers('ACK', 1, toTag)), gatewayPort, '127.0.0.1');
      audio.start(remoteMedia(text.slice(text.indexOf('\r\n\r\n') + 4)));
      answered();
    } else if (text.startsWith('BYE ')) phone.sip.send(response(text, 200, 'OK'), gatewayPort, '127.0.0.1');
  });
  phone.sip.send(
    message(
      `INVITE sip:02088880000@127.0.0.1:${gatewayPort} SIP/2.0`,
      [...headers('INVITE', 1), ['Content-Type', 'application/sdp']],
      sdpOf(phone.rtpPort),
    ),
    gatewayPort,
    '127.0.0.1',
  );
  await done;
  return {
    close: () => {
      phone.sip.send(message(`BYE sip:gateway@127.0.0.1:${gatewayPort} SIP/2.0`, headers('BYE', 2, toTag)), gatewayPort, '127.0.0.1');
      audio.stop();
      setTimeout(() => {
        phone.sip.close();
        phone.rtp.close();
      }, 200);
    },
  };
}

async function run(calls) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sip-'));
  const agents = Array.from({ length: calls }, (_, i) => ({
    agentNo: `b${String(i + 1).padStart(3, '0')}`,
    extension: String(7000 + i + 1),
    stats: { received: 0, jitter: 0 },
  }));
  const gateway = await startGatewayProcess(dir, tenantFile(dir, agents));
  const jitters = [];
  const phones = [];
  const clients = [];
  try {
    for (const agent of agents) phones.push(await deskPhone(gateway.sipPort, agent.extension, agent.stats));
    for (const agent of agents) {
      const keyResponse = await fetch(`${gateway.url}/api/v1/tenants/demo/session-keys`, {
        method: 'POST',
        headers: { authorization: 'Bearer demo-api-key', 'content-type': 'application/json' },
        body: JSON.stringify({ agentNo: agent.agentNo }),
      });
      const { sessionKey } = await keyResponse.json();
      const sdk = createAgentSdk({ baseURL: gateway.url });
      const login = await sdk.login({
        tenantId: 'demo',
        agentNo: agent.agentNo,
        sessionKey,
        bindEndpoint: { endpointType: 2, endpoint: agent.extension },
        initialStatus: 1,
      });
      if (login.code !== 0) throw new Error(`login ${agent.agentNo}: ${login.message}`);
      clients.push(sdk);
    }
    /** @type {{ stats: { received: number, jitter: number }, call?: { close(): void } }[]} */
    const customers = [];
    for (let i = 0; i < calls; i++) customers.push({ stats: { received: 0, jitter: 0 } });
    for (const [i, entry] of customers.entries()) entry.call = await customer(gateway.sipPort, i, entry.stats);
    await sleep(WARMUP_MS);
    const cpuBefore = cpuSeconds(gateway.child.pid);
    const receivedBefore = [...agents, ...customers].reduce((sum, party) => sum + party.stats.received, 0);
    await sleep(WINDOW_MS);
    const cpu = cpuSeconds(gateway.child.pid) - cpuBefore;
    const received = [...agents, ...customers].reduce((sum, party) => sum + party.stats.received, 0) - receivedBefore;
    for (const party of [...agents, ...customers]) jitters.push(party.stats.jitter / 8);
    for (const entry of customers) entry.call.close();
    await sleep(500);
    jitters.sort((a, b) => a - b);
    const expected = (2 * calls * WINDOW_MS) / 20;
    return {
      calls,
      cpuPercent: +((100 * cpu) / (WINDOW_MS / 1000)).toFixed(1),
      cpuPerCallPercent: +((100 * cpu) / (WINDOW_MS / 1000) / calls).toFixed(2),
      packetsDelivered: `${((100 * received) / expected).toFixed(1)}%`,
      jitterMsP50: +jitters[Math.floor(jitters.length / 2)].toFixed(2),
      jitterMsMax: +jitters.at(-1).toFixed(2),
    };
  } finally {
    for (const sdk of clients) sdk.close();
    for (const phone of phones) phone.close();
    gateway.child.kill('SIGTERM');
    await sleep(300);
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const calls of CALL_COUNTS) console.log(JSON.stringify(await run(calls)));

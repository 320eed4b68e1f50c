/**
 * Real SIP phones for tests: Debian's baresip on 127.0.0.1 (facts in ../shared/reference/verified-here.md), each in a
 * folder of its own with free ports, speaking a sine tone from an 8 kHz WAV and dumping what it hears (sndfile) for
 * `sox` to measure. Driven through ctrl_tcp (JSON netstrings): commands in, call events out.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BaresipOptions {
  /** The SIP user of the account (and the phone's name in failures). */
  user: string;
  /** The tone it speaks. */
  toneHz: number;
  /** Account parameters after the AOR, such as `answermode=auto` or `auth_user=...;auth_pass=...;regint=60`. */
  accountParams?: string;
  /** Account AOR host:port; default the phone's own listening address (no registration). */
  registrar?: string;
  codecs?: 'PCMU' | 'PCMA' | 'PCMU,PCMA';
  /** More accounts on the same phone (a carrier answering several numbers, each its own way). */
  moreAccounts?: { user: string; accountParams: string }[];
}

export interface BaresipEvent {
  type: string;
  param?: string;
  [key: string]: unknown;
}

export interface HeardAudio {
  seconds: number;
  /** sox's "Rough frequency" in Hz. */
  frequency: number;
  /** RMS amplitude, 0 to 1. */
  rms: number;
}

const phones: Baresip[] = [];

export class Baresip {
  readonly events: BaresipEvent[] = [];
  private readonly output: Buffer[] = [];
  private control!: Socket;
  private buffer = '';
  private exited = false;

  private constructor(
    readonly options: BaresipOptions,
    readonly dir: string,
    readonly sipPort: number,
    private readonly process: ChildProcess,
  ) {}

  static async start(options: BaresipOptions): Promise<Baresip> {
    const dir = mkdtempSync(join(tmpdir(), `baresip-${options.user}-`));
    execFileSync('sox', [
      '-n',
      '-r',
      '8000',
      '-c',
      '1',
      '-b',
      '16',
      join(dir, 'tone.wav'),
      'synth',
      '120',
      'sine',
      String(options.toneHz),
      'vol',
      '0.5',
    ]);
    const sipPort = await freePort([0, 1], 'both');
    const controlPort = await freePort([0], 'tcp');
    const rtpStart = 2 * Math.floor((40_000 + Math.random() * 9_000) / 2);
    writeFileSync(
      join(dir, 'config'),
      [
        'poll_method epoll',
        `sip_listen 127.0.0.1:${sipPort}`,
        'net_interface 127.0.0.1',
        `audio_source aufile,${join(dir, 'tone.wav')}`,
        `rtp_ports ${rtpStart}-${rtpStart + 200}`,
        'module_path /usr/lib/baresip/modules',
        'module g711.so',
        'module aufile.so',
        'module sndfile.so',
        'module account.so',
        'module menu.so',
        'module ctrl_tcp.so',
        `ctrl_tcp_listen 127.0.0.1:${controlPort}`,
        `snd_path ${dir}`,
        '',
      ].join('\n'),
    );
    const registrar = options.registrar ?? `127.0.0.1:${sipPort}`;
    const accounts = [
      { user: options.user, accountParams: options.accountParams ?? 'regint=0;answermode=manual' },
      ...(options.moreAccounts ?? []),
    ];
    const codecs = `audio_codecs=${options.codecs ?? 'PCMU,PCMA'}`;
    writeFileSync(
      join(dir, 'accounts'),
      accounts.map(({ user, accountParams }) => `<sip:${user}@${registrar}>;${codecs};${accountParams}\n`).join(''),
    );
    const child = spawn('baresip', ['-f', dir], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const phone = new Baresip(options, dir, sipPort, child);
    child.stdout!.on('data', (chunk: Buffer) => phone.output.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => phone.output.push(chunk));
    child.on('exit', () => {
      phone.exited = true;
    });
    phones.push(phone);
    await phone.connectControl(controlPort);
    return phone;
  }

  /** The phone's own address, to dial it. */
  uri(user = this.options.user): string {
    return `sip:${user}@127.0.0.1:${this.sipPort}`;
  }

  async command(command: string, params = ''): Promise<void> {
    const json = JSON.stringify({ command, params, token: command });
    this.control.write(`${Buffer.byteLength(json)}:${json},`);
  }

  dial(uri: string): Promise<void> {
    return this.command('dial', uri);
  }

  hangup(): Promise<void> {
    return this.command('hangup');
  }

  /** Presses keys: RFC 4733 events toward the far end. */
  async pressKeys(digits: string): Promise<void> {
    for (const digit of digits) {
      await this.command('sndcode', digit);
      await sleep(250);
    }
  }

  async waitForEvent(type: string, fromIndex = 0, timeoutMs = 10_000): Promise<BaresipEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.slice(fromIndex).find((event) => event.type === type);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`${this.options.user}: no ${type} within ${timeoutMs} ms; saw ${this.events.map((e) => e.type).join(', ')}`);
      await sleep(20);
    }
  }

  /** Waits for a line of baresip's output (events before the control socket connects show only there). */
  async waitForLog(pattern: RegExp, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.log())) {
      if (Date.now() > deadline) throw new Error(`${this.options.user}: no ${pattern} within ${timeoutMs} ms in:\n${this.log()}`);
      await sleep(20);
    }
  }

  /** Until the phone's registration is accepted. */
  registered(): Promise<void> {
    return this.waitForLog(/200 OK \(\) \[\d+ binding/);
  }

  /** Seconds of audio the phone has received so far in its current call (the dump's size: its header is written at the end). */
  heardSecondsSoFar(): number {
    const dump = this.lastDump();
    return dump ? Math.max(0, statSync(join(this.dir, dump)).size - 44) / 16_000 : 0;
  }

  /** What the phone heard in its last call (its decoder's dump), measured by sox; `from`/`seconds` cut a window. */
  heard(from = 0, seconds?: number): HeardAudio {
    const last = this.lastDump();
    if (!last) throw new Error(`${this.options.user}: no audio dump`);
    const trim = ['trim', String(from), ...(seconds === undefined ? [] : [String(seconds)])];
    const stat = soxStat(join(this.dir, last), trim);
    return { seconds: stat['length (seconds)'] ?? 0, frequency: stat['rough   frequency'] ?? 0, rms: stat['rms     amplitude'] ?? 0 };
  }

  /** RMS level (0 to 1) of what the phone heard in its last call between two frequencies (a sinc band-pass). */
  heardLevelBetween(lowHz: number, highHz: number, from = 0): number {
    const last = this.lastDump();
    if (!last) throw new Error(`${this.options.user}: no audio dump`);
    return soxStat(join(this.dir, last), ['trim', String(from), 'sinc', `${lowHz}-${highHz}`])['rms     amplitude'] ?? 0;
  }

  private lastDump(): string | undefined {
    return readdirSync(this.dir)
      .filter((name) => name.endsWith('-dec.wav'))
      .sort()
      .at(-1);
  }

  /** baresip's console output so far. */
  log(): string {
    return Buffer.concat(this.output).toString();
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    this.control.destroy();
    this.process.kill('SIGTERM');
    await Promise.race([exited, sleep(3_000).then(() => this.process.kill('SIGKILL'))]);
  }

  private async connectControl(port: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        this.control = await new Promise<Socket>((resolve, reject) => {
          const socket = connect(port, '127.0.0.1', () => resolve(socket));
          socket.once('error', reject);
        });
        break;
      } catch (error) {
        if (Date.now() > deadline || this.exited) throw new Error(`${this.options.user}: baresip did not start: ${String(error)}`);
        await sleep(50);
      }
    }
    this.control.on('error', () => undefined);
    this.control.on('data', (chunk) => this.onControlData(chunk.toString()));
  }

  private onControlData(text: string): void {
    this.buffer += text;
    for (;;) {
      const colon = this.buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(this.buffer.slice(0, colon));
      if (this.buffer.length < colon + 1 + length + 1) return;
      const message = JSON.parse(this.buffer.slice(colon + 1, colon + 1 + length)) as BaresipEvent & { event?: boolean };
      this.buffer = this.buffer.slice(colon + 1 + length + 1);
      if (message.event) this.events.push(message);
    }
  }
}

/** Stops every phone the test started and removes their folders (afterEach). */
export async function releasePhones(): Promise<void> {
  for (const phone of phones.splice(0)) {
    await phone.stop();
    rmSync(phone.dir, { recursive: true, force: true });
  }
}

/** `sox FILE -n [effects] stat`, as lower-case field names to numbers ('rough   frequency', 'rms     amplitude', ...). */
export function soxStat(file: string, effects: string[]): Record<string, number> {
  const output = spawnSync('sox', [file, '-n', ...effects, 'stat']).stderr.toString();
  const fields: Record<string, number> = {};
  for (const line of output.split('\n')) {
    const [name, value] = line.split(':');
    if (name && value) fields[name.trim().toLowerCase()] = Number(value.trim());
  }
  return fields;
}

/**
 * A port free now on 127.0.0.1 (UDP and/or TCP), together with `offsets` above it: from 21000 to 29999, above the
 * gateways' default RTP ports and below the kernel's ephemeral range, so no outgoing connection takes it meanwhile.
 */
export async function freePort(offsets: number[], kind: 'udp' | 'tcp' | 'both'): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = 21_000 + Math.floor(Math.random() * 8_900);
    const checks = offsets.flatMap((offset) => [
      ...(kind !== 'tcp' ? [udpFree(base + offset)] : []),
      ...(kind !== 'udp' ? [tcpFree(base + offset)] : []),
    ]);
    if ((await Promise.all(checks)).every(Boolean)) return base;
  }
  throw new Error('no free port found');
}

function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

function tcpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A window of even RTP ports of the gateway's own, away from the phones' windows. */
export function gatewayRtpPorts(): { min: number; max: number } {
  const min = 2 * Math.floor((50_000 + Math.random() * 9_000) / 2);
  return { min, max: min + 199 };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

import { connect, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { HttpResult } from './http';

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * A bare HTTP/1.1 keep-alive client for the deadline rush: one request at a time per socket,
 * responses framed by Content-Length (which is how the API answers). It exists because on a
 * 2-core machine the load generator shares the CPU with the API and PostgreSQL: node:http's
 * client spent about 0.3 ms of CPU per request, which is CPU the service under test no longer
 * has. This one spends a small fraction of that, as wrk would. The set-up steps keep using
 * HttpClient; the rush checks every status and body it gets here just as strictly.
 */
export class LeanHttpClient {
  private readonly idle: Connection[] = [];
  private readonly waiters: ((c: Connection) => void)[] = [];
  private opened = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly maxSockets: number,
  ) {}

  /** A bodiless POST with a bearer token (the submit). */
  async post(path: string, token: string): Promise<HttpResult> {
    const connection = await this.acquire();
    try {
      return await connection.request(
        `POST ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\naccept: application/json\r\nauthorization: Bearer ${token}\r\ncontent-length: 0\r\n\r\n`,
      );
    } finally {
      this.release(connection);
    }
  }

  close(): void {
    for (const c of this.idle) c.socket.destroy();
    this.idle.length = 0;
  }

  private acquire(): Promise<Connection> {
    const ready = this.idle.pop();
    if (ready) return Promise.resolve(ready);
    if (this.opened < this.maxSockets) {
      this.opened += 1;
      return Connection.open(this.host, this.port);
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(connection: Connection): void {
    if (connection.broken) {
      this.opened -= 1;
      // Let a waiter open a fresh socket in its place.
      const waiter = this.waiters.shift();
      if (waiter) {
        this.opened += 1;
        void Connection.open(this.host, this.port).then(waiter);
      }
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) waiter(connection);
    else this.idle.push(connection);
  }
}

class Connection {
  broken = false;
  private buffer: Buffer = Buffer.alloc(0);
  private pending?: { resolve: (r: HttpResult) => void; reject: (e: Error) => void; started: number };

  private constructor(readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    const fail = (e: Error) => {
      this.broken = true;
      this.pending?.reject(e);
      this.pending = undefined;
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed by the server')));
  }

  static open(host: string, port: number): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port }, () => {
        socket.off('error', reject);
        resolve(new Connection(socket));
      });
      socket.once('error', reject);
    });
  }

  request(head: string): Promise<HttpResult> {
    if (this.broken) return Promise.reject(new Error('connection is closed'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject, started: performance.now() };
      this.socket.write(head);
    });
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const end = this.buffer.indexOf(HEADER_END);
    if (end < 0 || !this.pending) return;
    const head = this.buffer.subarray(0, end).toString('latin1');
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!length) {
      this.broken = true;
      this.socket.destroy();
      this.pending.reject(new Error(`response without content-length: ${head.slice(0, 200)}`));
      this.pending = undefined;
      return;
    }
    const total = end + HEADER_END.length + Number(length[1]);
    if (this.buffer.length < total) return;
    const text = this.buffer.subarray(end + HEADER_END.length, total).toString('utf8');
    this.buffer = this.buffer.subarray(total);
    const { resolve, started } = this.pending;
    this.pending = undefined;
    let body: unknown = text;
    if (/\r\ncontent-type: *[^\r]*json/i.test(head)) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    if (/\r\nconnection: *close/i.test(head)) {
      this.broken = true;
      this.socket.end();
    }
    resolve({ status, body, ms: performance.now() - started });
  }
}

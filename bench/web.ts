/// <reference lib="dom" />
/**
 * `npm run bench:web`: how soon an applicant sees the pages they open first, on a slow phone.
 *
 * The API (dist/src/main.js) serves the built UI (web/dist) from a database filled by the demo
 * seed (dist/src/seed/seed.js). Debian's Chromium opens the applicant's home, the calls page and
 * an application form, each in a fresh browser context (nothing cached), under the conditions
 * Lighthouse uses for mobile: 1.6 Mbps down, 750 Kbps up, 150 ms round trip and a CPU 4 × slower,
 * applied through the DevTools protocol. For each page it reports, median of BENCH_WEB_RUNS (3):
 * when the page's h1 is first visible, when its data is shown, and the bytes that went over the
 * wire. Progress goes to stderr; the last line of stdout is the JSON.
 *
 * Its own database (BENCH_WEB_DATABASE_URL, default avustus_bench_web, dropped and recreated)
 * and queue prefix, so that it never meets `npm run bench`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { loadBenchConfig, type BenchConfig } from './config';
import { HttpClient } from './http';
import { freePort, killAllNow, logTail, spawnService, stopAll, waitForHealth } from './processes';
import { lockBenchRun, resetDatabase, resetRedis } from './setup';
import { median } from './stats';

const LOG_DIR = join(__dirname, '..', '..', 'var', 'bench-web');
/** The seeded applicant with a draft in the open call (also a coordinator: the tab is put in the applicant's role). */
const APPLICANT = { email: 'paivi.saarelainen@salpaus.demo', password: 'demo-password' };

/** Lighthouse's mobile profile ("slow 4G"), as the DevTools protocol takes it: bytes per second. */
export const MOBILE = {
  downloadKbps: 1600,
  uploadKbps: 750,
  rttMs: 150,
  cpuSlowdown: 4,
};

interface PageSpec {
  name: 'home' | 'calls' | 'applicationForm';
  path: string;
  /** What shows the page's data (not only its heading). */
  content: string;
}

interface Sample {
  headingMs: number;
  contentMs: number;
  bytes: number;
  requests: number;
}

function log(message: string): void {
  process.stderr.write(`[bench:web] ${message}\n`);
}

function round(n: number): number {
  return Math.round(n);
}

function config(): BenchConfig {
  process.env.BENCH_DATABASE_URL = process.env.BENCH_WEB_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/avustus_bench_web';
  process.env.BENCH_QUEUE_PREFIX = process.env.BENCH_WEB_QUEUE_PREFIX || 'avustus-bench-web';
  process.env.BENCH_PORT = process.env.BENCH_WEB_PORT || '3310';
  return loadBenchConfig();
}

function runNode(script: string, env: Record<string, string>, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} exited with ${code}:\n${out}`))));
  });
}

/** One cold visit: a new context (empty cache, no service worker), throttled, signed in through sessionStorage. */
async function visit(browser: Browser, base: string, page: PageSpec, session: string): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1 });
  try {
    await context.addInitScript(
      ({ storage, selector }) => {
        for (const [key, value] of Object.entries(storage)) sessionStorage.setItem(key, value);
        // The first frame with a non-empty, laid-out h1 (and, separately, the page's data), timed
        // from the navigation's start.
        const marks: Record<string, number> = {};
        (window as unknown as { __bench: Record<string, number> }).__bench = marks;
        const check = () => {
          const h1 = document.querySelector('h1');
          if (marks.heading === undefined && h1 && h1.textContent?.trim() && h1.getBoundingClientRect().height > 0) {
            marks.heading = performance.now();
          }
          if (marks.content === undefined && document.querySelector(selector)) marks.content = performance.now();
          if (marks.heading === undefined || marks.content === undefined) requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      },
      { storage: { 'avustus.session': session, 'avustus.role': 'applicant' }, selector: page.content },
    );
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Network.enable');
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: MOBILE.rttMs,
      downloadThroughput: (MOBILE.downloadKbps * 1000) / 8,
      uploadThroughput: (MOBILE.uploadKbps * 1000) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE.cpuSlowdown });
    let bytes = 0;
    let requests = 0;
    // BENCH_WEB_WATERFALL=1: each request's start and end (ms after the first), to see what waits on what.
    const waterfall = process.env.BENCH_WEB_WATERFALL === '1';
    const started = new Map<string, { url: string; at: number }>();
    let t0: number | undefined;
    cdp.on('Network.requestWillBeSent', (e: { requestId: string; timestamp: number; request: { url: string } }) => {
      t0 ??= e.timestamp;
      started.set(e.requestId, { url: e.request.url.replace(base, ''), at: e.timestamp });
    });
    cdp.on('Network.loadingFinished', (e: { requestId: string; timestamp: number; encodedDataLength: number }) => {
      bytes += e.encodedDataLength;
      requests += 1;
      const s = started.get(e.requestId);
      if (waterfall && s && t0 !== undefined) {
        log(
          `  ${round((s.at - t0) * 1000)}–${round((e.timestamp - t0) * 1000)} ms ${round(e.encodedDataLength / 1024)} KB ${s.url.slice(0, 90)}`,
        );
      }
    });
    await tab.goto(base + page.path, { waitUntil: 'commit' });
    await tab.locator('h1').first().waitFor({ state: 'visible', timeout: 60_000 });
    await tab.locator(page.content).first().waitFor({ state: 'attached', timeout: 60_000 });
    // Let the marks' frame run (the CPU is slowed down, so give it time).
    const marks = await tab
      .waitForFunction(
        () => {
          const m = (window as unknown as { __bench: Record<string, number> }).__bench;
          return m.heading !== undefined && m.content !== undefined ? m : null;
        },
        undefined,
        { timeout: 30_000 },
      )
      .catch(async (e: unknown) => {
        const state = await tab.evaluate(() =>
          JSON.stringify({ marks: (window as unknown as { __bench?: unknown }).__bench, h1: document.querySelector('h1')?.outerHTML }),
        );
        throw new Error(`${String(e)}: ${state}`);
      });
    const { heading, content } = (await marks.jsonValue()) as { heading: number; content: number };
    return { headingMs: heading, contentMs: content, bytes, requests };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const cfg = config();
  const dist = join(cfg.root, 'web', 'dist', 'index.html');
  if (!existsSync(dist)) throw new Error('web/dist is not built: npm run build:web');
  const runs = Number(process.env.BENCH_WEB_RUNS || 3);
  const loadAtStart = loadavg()[0];
  const lock = await lockBenchRun(cfg, 10 * 60_000, () => log(`waiting for another run on ${cfg.databaseName}`));
  try {
    await resetDatabase(cfg);
    await resetRedis(cfg);
    const port = await freePort(cfg.port);
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      DATABASE_URL: cfg.databaseUrl,
      REDIS_URL: cfg.redisUrl,
      QUEUE_PREFIX: cfg.queuePrefix,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      JWT_SECRET: cfg.jwtSecret,
      ADMIN_EMAIL: cfg.adminEmail,
      ADMIN_PASSWORD: cfg.adminPassword,
      LOGIN_RATE_LIMIT: '100000',
    };
    const seeded = await runNode('dist/src/seed/seed.js', env, cfg.root);
    log(`seeded: ${seeded.trim().split('\n').pop()}`);
    const api = spawnService('api', cfg.root, 'dist/src/main.js', env, LOG_DIR);
    const base = `http://127.0.0.1:${port}`;
    const client = new HttpClient(base, 2);
    await waitForHealth(api, client);
    log(`API serving ${dist} on ${base} (pid ${api.pid})`);

    const login = await client.post('/api/auth/login', APPLICANT);
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}\n${logTail(api)}`);
    const { accessToken, user } = login.body as { accessToken: string; user: unknown };
    const session = JSON.stringify({ token: accessToken, user, language: 'fi' });
    const apps = await client.get('/api/applications?limit=100', accessToken);
    const draft = (apps.body as { id: string; status: string }[]).find((a) => a.status === 'draft');
    if (!draft) throw new Error(`the seeded applicant has no draft: ${JSON.stringify(apps.body).slice(0, 300)}`);

    const pages: PageSpec[] = [
      { name: 'home', path: '/', content: '.status-group' },
      { name: 'calls', path: '/calls', content: '.card-list li' },
      { name: 'applicationForm', path: `/applications/${draft.id}`, content: 'form input' },
    ];
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const result: Record<string, unknown> = {};
    try {
      // One visit to warm the API (its first requests compile code), not counted.
      await visit(browser, base, pages[0], session);
      for (const page of pages) {
        const samples: Sample[] = [];
        for (let i = 0; i < runs; i += 1) {
          const s = await visit(browser, base, page, session);
          log(
            `${page.name} run ${i + 1}: heading ${round(s.headingMs)} ms, data ${round(s.contentMs)} ms, ${round(s.bytes / 1024)} KB in ${s.requests} requests`,
          );
          samples.push(s);
        }
        result[page.name] = {
          headingMs: round(median(samples.map((s) => s.headingMs))),
          contentMs: round(median(samples.map((s) => s.contentMs))),
          transferKb: round(median(samples.map((s) => s.bytes)) / 1024),
          requests: median(samples.map((s) => s.requests)),
          runsHeadingMs: samples.map((s) => round(s.headingMs)),
        };
      }
    } finally {
      await browser.close();
    }
    const mainScript = /src="\/(assets\/index-[^"]+\.js)"/.exec(readFileSync(dist, 'utf8'))?.[1];
    const output = {
      conditions: MOBILE,
      runs,
      // The machine's 1-minute load average before and after: the figures are CPU-bound (4 × slowdown on top).
      loadAverage: [round(loadAtStart * 10) / 10, round(loadavg()[0] * 10) / 10],
      ...result,
      mainScriptKb: mainScript ? round(readFileSync(join(cfg.root, 'web', 'dist', mainScript)).length / 1024) : undefined,
      mainScriptBrKb:
        mainScript && existsSync(join(cfg.root, 'web', 'dist', `${mainScript}.br`))
          ? round(readFileSync(join(cfg.root, 'web', 'dist', `${mainScript}.br`)).length / 1024)
          : null,
    };
    process.stdout.write(`${JSON.stringify(output)}\n`);
  } finally {
    await stopAll();
    await lock.end();
  }
}

process.on('exit', killAllNow);
main().catch(async (e: unknown) => {
  process.stderr.write(`[bench:web] failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  await stopAll();
  process.exit(1);
});

/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { startTestApi, TestApi } from '../helpers/api';

const ROOT = join(__dirname, '..', '..');
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
const AXE_REPORT = join(ROOT, 'test-output', 'axe.json');

/** Builds the web UI unless it is built already (npm test builds it first; a lone jest run may not have). */
export function ensureWebBuilt(): void {
  if (existsSync(join(ROOT, 'web', 'dist', 'index.html'))) return;
  execFileSync('npm', ['run', 'build', '-w', 'web'], { cwd: ROOT, stdio: 'pipe' });
}

/** Debian's Chromium, headless, as .ci/run installs it; never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
}

export interface AxeFinding {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

const axeLog: Record<string, { all: number; seriousOrCritical: number; findings: AxeFinding[] }> = {};

/** Axe (WCAG 2.1 A and AA rules) on the page as it is; returns the serious and critical violations. */
export async function axe(page: Page, name: string): Promise<AxeFinding[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const findings = result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
  const serious = findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
  axeLog[name] = { all: findings.length, seriousOrCritical: serious.length, findings };
  mkdirSync(join(ROOT, 'test-output'), { recursive: true });
  writeFileSync(AXE_REPORT, JSON.stringify(axeLog, null, 2));
  return serious;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Presses Tab (up to `max` times) until the focused element matches; keyboard only, as a user would. */
export async function tabTo(page: Page, matches: (el: Element) => boolean, max = 80): Promise<void> {
  const source = matches.toString();
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate((fn) => {
      const el = document.activeElement;
      return !!el && (new Function(`return (${fn})`)() as (e: Element) => boolean)(el);
    }, source);
    if (hit) return;
  }
  throw new Error(`Tab did not reach the element (${source}) in ${max} presses`);
}

/** Retries an assertion until it holds (the page settles asynchronously) or `timeoutMs` passes. */
export async function eventually(assertion: () => Promise<void>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** The element has the keyboard focus. */
export async function focused(locator: Locator): Promise<void> {
  await eventually(async () => expect(await locator.evaluate((el) => el === document.activeElement)).toBe(true));
}

/** The built UI served by the real API on a free port, and Chromium to drive it. */
export interface UiServer {
  api: TestApi;
  base: string;
  browser: Browser;
}

export async function serveUi(): Promise<UiServer> {
  ensureWebBuilt();
  const api = await startTestApi();
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  const base = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
  return { api, base, browser: await launchChromium() };
}

export async function stopUi(ui: UiServer | undefined): Promise<void> {
  await ui?.browser.close();
  await ui?.api.close();
}

/** A fresh browser context (cold cache) on the UI at `baseURL`, in `locale`; a page error fails the test. */
export async function newContext(browser: Browser, baseURL: string, locale = 'fi-FI'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 900 },
    locale,
    timezoneId: 'UTC',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  return { context, page };
}

/** Signs in through the Finnish sign-in page and waits for the shell. */
export async function signInFi(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Sähköpostiosoite').fill(email);
  await page.getByLabel('Salasana').fill(password);
  await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
  await page.getByRole('button', { name: /Kirjaudu ulos|Logga ut|Sign out/ }).waitFor();
}

/** Text with every run of white space (also the no-break spaces of amounts) as one space. */
export const plain = (text: string) => text.replace(/\s+/g, ' ');

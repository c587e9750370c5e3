/// <reference types="vitest/config" />
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** Text formats worth compressing; woff2, png and the like are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|woff|ttf)$/;
/** Below this a compressed copy saves less than a packet. */
const MIN_BYTES = 1024;

/**
 * Brotli (quality 11) and gzip (level 9) copies beside each built text file, `x.js.br` and
 * `x.js.gz`, which the API sends as they are (@fastify/static `preCompressed`): the best ratio,
 * paid once at build time instead of per request.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'avustus-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/') ? config.build.outDir : join(config.root, config.build.outDir);
    },
    closeBundle() {
      const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' }).map((f) => join(outDir, f));
      let raw = 0;
      let br = 0;
      for (const file of files) {
        if (!COMPRESSIBLE.test(file) || relative(outDir, file).startsWith('.vite') || !statSync(file).isFile()) continue;
        const bytes = readFileSync(file);
        if (bytes.length < MIN_BYTES) continue;
        const brotli = brotliCompressSync(bytes, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          },
        });
        writeFileSync(`${file}.br`, brotli);
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
        raw += bytes.length;
        br += brotli.length;
      }
      this.info(`precompressed ${(raw / 1024).toFixed(0)} KB of text to ${(br / 1024).toFixed(0)} KB brotli (+ gzip)`);
    },
  };
}

/** The Source Sans 3 faces the first page draws (regular, semibold, bold; Latin), preloaded so they load with the script, not after the CSS. */
const FIRST_PAGE_FONTS = /source-sans-3-latin-(400|600|700)-normal-[^/]*\.woff2$/;

function preloadFonts(): Plugin {
  return {
    name: 'avustus-preload-fonts',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const fonts = Object.keys(ctx.bundle ?? {})
          .filter((f) => FIRST_PAGE_FONTS.test(f))
          .sort();
        if (fonts.length !== 3) throw new Error(`expected 3 first-page fonts in the bundle, found ${fonts.join(', ') || 'none'}`);
        return fonts.map((f) => ({
          tag: 'link',
          attrs: { rel: 'preload', as: 'font', type: 'font/woff2', href: `/${f}`, crossorigin: '' },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

/**
 * The first page's own chunk, fetched beside the main script instead of after it has run: the
 * paths the applicant lands on (and sign-in), matched in the same order as the router's routes.
 * Signed out, every page goes to sign-in.
 */
const LANDING_ROUTES: [pattern: string, page: string][] = [
  ['^/$', 'src/routes/applicant/HomePage.tsx'],
  ['^/calls/?$', 'src/routes/applicant/CallsPage.tsx'],
  ['^/calls/[^/]+/?$', 'src/routes/applicant/CallPage.tsx'],
  ['^/applications/[^/]+/?$', 'src/routes/applicant/ApplicationPage.tsx'],
];
const SIGN_IN_PAGE = 'src/routes/common/SignInPage.tsx';

/**
 * Runs in the browser, before the main script: the landing page's chunks as `modulepreload`. `/`
 * is the applicant's home only in the applicant's role (web/src/roles.ts: the role chosen for the
 * tab, else the first of admin, reviewer, coordinator, applicant); others are taken elsewhere.
 */
function preloadLanding(routes: [string, string[]][], signIn: string[]): void {
  let files: string[] | undefined;
  try {
    const raw = sessionStorage.getItem('avustus.session');
    if (!raw) {
      files = signIn;
    } else {
      const roles = (JSON.parse(raw) as { user: { roles: string[] } }).user.roles;
      const held = ['admin', 'reviewer', 'coordinator', 'applicant'].filter((r) => roles.includes(r));
      const chosen = sessionStorage.getItem('avustus.role');
      const role = chosen && held.includes(chosen) ? chosen : held[0];
      const path = location.pathname;
      const route = routes.find(([pattern]) => new RegExp(pattern).test(path));
      if (route && (route[0] !== '^/$' || role === 'applicant')) files = route[1];
    }
  } catch {
    files = signIn;
  }
  for (const file of files ?? []) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = `/${file}`;
    document.head.appendChild(link);
  }
}

/**
 * Emits a small classic script, loaded `async` from index.html (the CSP allows no inline script),
 * that adds `<link rel="modulepreload">` for the landing route's chunk and the chunks it imports,
 * less those the main script brings anyway.
 */
function preloadLandingRoute(): Plugin {
  let root = '';
  let scriptFile: string | undefined;
  return {
    name: 'avustus-preload-landing-route',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    generateBundle: {
      order: 'pre',
      handler(_options, bundle) {
        const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        const closure = (files: string[], seen = new Set<string>()) => {
          for (const f of files) {
            if (seen.has(f)) continue;
            seen.add(f);
            closure(byFile.get(f)?.imports ?? [], seen);
          }
          return seen;
        };
        const entry = chunks.find((c) => c.isEntry);
        if (!entry) throw new Error('no entry chunk');
        const loaded = closure([entry.fileName]);
        const filesOf = (page: string) => {
          const chunk = chunks.find((c) => c.facadeModuleId === join(root, page));
          if (!chunk) throw new Error(`no chunk for ${page}`);
          return [...closure([chunk.fileName])].filter((f) => !loaded.has(f));
        };
        const routes = LANDING_ROUTES.map(([pattern, page]) => [pattern, filesOf(page)]);
        const source = `(${preloadLanding.toString()})(${JSON.stringify(routes)}, ${JSON.stringify(filesOf(SIGN_IN_PAGE))});\n`;
        scriptFile = this.getFileName(this.emitFile({ type: 'asset', name: 'route-preload.js', source }));
      },
    },
    transformIndexHtml: {
      order: 'post',
      handler() {
        if (!scriptFile) throw new Error('the route preload script was not emitted');
        return [{ tag: 'script', attrs: { async: true, src: `/${scriptFile}` }, injectTo: 'head-prepend' as const }];
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), preloadLandingRoute(), preloadFonts(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    // scripts/route-size.mjs reads it to measure what each route loads.
    manifest: true,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
});

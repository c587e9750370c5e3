const { spawn } = require('child_process');
const fs = require('fs');
const { LeanHttpClient } = require('/work/main/dist/bench/lean-http.js');
const { JwtService } = require('/work/main/node_modules/@nestjs/jwt');
const { Client } = require('/work/main/node_modules/pg');
const env = { ...process.env, NODE_ENV: 'production', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/avustus_bench', REDIS_URL: 'redis://127.0.0.1:6379/2', QUEUE_PREFIX: 'avustus-bench', PORT: '3399', LOG_LEVEL: process.env.LL || 'warn', JWT_SECRET: 'avustus-bench-jwt-secret-not-for-production', ADMIN_EMAIL: 'admin@bench.local', ADMIN_PASSWORD: 'bench-password', LOGIN_RATE_LIMIT: '100000' };
const ticks = (pid) => { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8'); const x = f.slice(f.lastIndexOf(')') + 2).split(' '); return Number(x[11]) + Number(x[12]); };
(async () => {
  const db = new Client({ connectionString: env.DATABASE_URL }); await db.connect();
  const u = (await db.query(`SELECT id, email, organization_id FROM users WHERE email = 'admin@bench.local'`)).rows[0];
  await db.end();
  const token = new JwtService({ secret: env.JWT_SECRET }).sign({ sub: u.id, email: u.email, roles: ['admin'], org: u.organization_id }, { expiresIn: 3600 });
  const api = spawn('node', [...(process.env.NODEARGS||'').split(' ').filter(Boolean), 'dist/src/main.js'], { cwd: '/work/main', env, stdio: 'inherit' });
  for (;;) { try { const r = await fetch('http://127.0.0.1:3399/api/health'); if (r.status === 200) break; } catch {} await new Promise(r => setTimeout(r, 100)); }
  const c = new LeanHttpClient('127.0.0.1', 3399, 50);
  const db2 = new Client({ connectionString: env.DATABASE_URL }); await db2.connect();
  const apps = (await db2.query(`SELECT a.id, u.id AS uid, u.email, u.organization_id FROM applications a JOIN users u ON u.organization_id = a.lead_organization_id WHERE a.status = 'submitted' LIMIT 4000`)).rows;
  await db2.end();
  const jwt = new JwtService({ secret: env.JWT_SECRET });
  const toks = apps.map(a => jwt.sign({ sub: a.uid, email: a.email, roles: ['applicant'], org: a.organization_id }, { expiresIn: 3600 }));
  for (let round = 0; round < 3; round++) {
    let i = 0; const t0 = ticks(api.pid); const s = Date.now(); const st = {};
    await Promise.all(Array.from({ length: 50 }, async () => { for (;;) { const k = i++; if (k >= apps.length) return; const r = await c.post(`/api/applications/${apps[k].id}/submit`, toks[k]); st[r.status] = (st[r.status]||0)+1; } }));
    const ms = Date.now() - s; const cpu = (ticks(api.pid) - t0) * 10;
    console.log('submit', JSON.stringify(st), `${Math.round(apps.length / ms * 1000)}/s`, `API CPU ${(cpu / apps.length).toFixed(3)} ms/req`);
  }
  for (const [label, path, tok] of [['404 unauth', '/api/nothing', ''], ['401', '/api/auth/me', 'x.y.z'], ['me', '/api/auth/me', token], ['404 unauth', '/api/nothing', ''], ['me', '/api/auth/me', token]]) {
    const get = (p, t) => c.post.call({ ...c }, p, t);
    const N = 5000; let i = 0; const t0 = ticks(api.pid); const s = Date.now(); const st = {};
    await Promise.all(Array.from({ length: 50 }, async () => { while (i++ < N) { const r = await c.get(path, tok); st[r.status] = (st[r.status]||0)+1; } }));
    const ms = Date.now() - s; const cpu = (ticks(api.pid) - t0) * 10;
    console.log(label, JSON.stringify(st), `${Math.round(N / ms * 1000)}/s`, `API CPU ${(cpu / N).toFixed(3)} ms/req`);
  }
  c.close(); api.kill('SIGTERM');
})();
// submit micro-bench
module.exports.submits = async function () {};

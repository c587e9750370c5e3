import fc from 'fast-check';
import { startTestApi, TestApi } from '../helpers/api';
import { fillPath, Fingerprint, freshSuiteStores, isolateSuite, openApiRoutes, problemFault, Route, send, short } from './support';
import { buildWorld, MULTIPART_ROUTES, SAMPLE_BODIES, World, worldParams } from './world';

isolateSuite('fuzz');

/** Runs per route and caller; FUZZ_RUNS and FUZZ_SEED reproduce or deepen a run. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
// A fixed default keeps a run reproducible; set FUZZ_SEED to explore other inputs.
const SEED = Number(process.env.FUZZ_SEED ?? 20_181_121);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Caller = 'admin' | 'applicant' | 'reviewer' | 'coordinator';

/** Values no field expects: wrong types, extremes, hostile and odd text, structures where scalars belong. */
const NASTY: Json[] = [
  null,
  true,
  false,
  0,
  -1,
  -0.5,
  0.1,
  1e308,
  -1e308,
  2 ** 53 + 2,
  -(2 ** 63),
  1e-300,
  '',
  ' ',
  'a\u0000b',
  "'; DROP TABLE applications; --",
  '<script>alert(1)</script>',
  '"\\\'`',
  'ä'.repeat(25_000),
  'x'.repeat(200_000),
  '\uD800',
  '😀'.repeat(1_000),
  '1',
  '-1',
  'NaN',
  '2018-02-30',
  '2018-11-21T25:00:00+02:00',
  '00000000-0000-0000-0000-000000000000',
  '../../etc/passwd',
  '{"$gt":""}',
  [],
  [null],
  {},
  { $gt: '' },
  [[[[[]]]]],
  { constructor: { prototype: { polluted: 'yes' } } },
];
const EXTRA_KEYS = [
  'constructor',
  'prototype',
  'isAdmin',
  'id',
  'status',
  'leadOrganizationId',
  'organizationId',
  'roles',
  'toString',
  'hasOwnProperty',
];

const nasty: fc.Arbitrary<Json> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY), weight: 4 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>, weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
  { arbitrary: fc.integer({ min: -(2 ** 31), max: 2 ** 31 }), weight: 1 },
  { arbitrary: fc.double({ noNaN: true }), weight: 1 },
);

/** Every path into a JSON value (objects' keys, arrays' indexes), the root excluded. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  return [];
}

function setAt(value: Json, path: (string | number)[], replacement: Json | undefined): Json {
  const copy = structuredClone(value);
  let node = copy as Record<string | number, Json>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (replacement === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = replacement;
  return copy;
}

/** JSON text nested `depth` levels deep (objects and arrays in turn), written by hand: JSON.stringify would overflow the stack. */
function nestedJson(depth: number): string {
  const open = Array.from({ length: depth }, (_, i) => (i % 2 ? '[' : '{"a":'));
  return `${open.join('')}"pohja"${open
    .map((o) => (o === '[' ? ']' : '}'))
    .reverse()
    .join('')}`;
}

/** Raw JSON request bodies: random values, and the route's valid body broken in one place. */
function bodies(valid: Json): fc.Arbitrary<string> {
  const paths = pathsOf(valid);
  const objectPaths: (string | number)[][] = [
    [],
    ...paths.filter((p) => {
      const node = p.reduce<Json>((n, step) => (n as Record<string | number, Json>)[step], valid);
      return node !== null && typeof node === 'object' && !Array.isArray(node);
    }),
  ];
  const isObject = valid !== null && typeof valid === 'object' && !Array.isArray(valid) && Object.keys(valid).length > 0;
  const variants: fc.Arbitrary<string>[] = [
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    nasty.map((v) => JSON.stringify(v)),
    fc.constantFrom(JSON.stringify([valid]), '"' + 'x'.repeat(1000) + '"', '{"a":1,"a":2}', '{}'),
    fc
      .constantFrom(100, 1_000, 10_000)
      .map((d) =>
        isObject
          ? JSON.stringify({ ...(valid as object), [Object.keys(valid as object)[0]]: '__DEEP__' }).replace('"__DEEP__"', nestedJson(d))
          : nestedJson(d),
      ),
  ];
  if (paths.length > 0) {
    variants.push(
      fc.tuple(fc.constantFrom(...paths), nasty).map(([p, v]) => JSON.stringify(setAt(valid, p, v))),
      fc.constantFrom(...paths).map((p) => JSON.stringify(setAt(valid, p, undefined))),
      fc
        .tuple(fc.constantFrom(...objectPaths), fc.constantFrom(...EXTRA_KEYS), nasty)
        .map(([p, k, v]) => JSON.stringify(p.length === 0 ? { ...(valid as object), [k]: v } : setAt(valid, [...p, k], v))),
    );
  }
  if (isObject) {
    const rest = JSON.stringify(valid).slice(1);
    variants.push(
      fc.constantFrom(
        `{"__proto__":{"polluted":"yes"},${rest}`,
        `{"constructor":{"prototype":{"polluted":"yes"}},${rest}`,
        `{"__proto__":{"roles":["admin"],"isAdmin":true},${rest}`,
      ),
    );
  }
  return fc.oneof(...variants);
}

describe('security: fuzzing every POST, PUT and PATCH route', () => {
  let api: TestApi;
  let world: World;
  let writes: Route[];
  let fingerprint: Fingerprint;

  /** Path parameters that let each route get past "not found" to its validation and rules. */
  const urlOf = (route: Route): string => {
    const id: Record<string, string> = {
      'POST /api/calls/{id}/applications': world.openCall,
      'PATCH /api/calls/{id}': world.draftCall,
      'PATCH /api/applications/{id}': world.draftApplication,
      'POST /api/applications/{id}/submit': world.draftApplication,
      'POST /api/applications/{id}/withdraw': world.draftApplication,
      'PUT /api/applications/{id}/review': world.inReviewApplication,
      'POST /api/applications/{id}/review/submit': world.inReviewApplication,
      'POST /api/applications/{id}/conflict': world.inReviewApplication,
      'POST /api/applications/{id}/decision': world.inReviewApplication,
      'POST /api/calls/{id}/assignments': world.reviewCall,
    };
    return fillPath(route.path, worldParams(world, route.path, id[route.key] ? { id: id[route.key] } : {}));
  };
  const tokenOf = (caller: Caller): string =>
    ({ admin: world.admin, applicant: world.lead.token, reviewer: world.reviewer.token, coordinator: world.coordinator.token })[caller];
  /** Admin and applicant always; the reviewer and the coordinator where the route is theirs. */
  const fuzzers = (route: Route): Caller[] => [
    'admin',
    'applicant',
    ...(['reviewer', 'coordinator'] as const).filter((r) => route.roles.includes(r)),
  ];
  /** The callers the route's role check lets through: they reach its validation and rules. */
  const insiders = (route: Route): Caller[] =>
    (['admin', 'applicant', 'reviewer', 'coordinator'] as const).filter((r) =>
      route.roles.length === 0 ? r === 'admin' || r === 'applicant' : route.roles.includes(r),
    );
  const validBody = (route: Route): Json => (route.hasBody ? ((SAMPLE_BODIES[route.key]?.(world) ?? {}) as Json) : {});

  /** Sends one raw body; returns what is wrong with the answer, or undefined. */
  async function probe(route: Route, caller: Caller, raw: string): Promise<string | undefined> {
    const before = await fingerprint.take();
    const res = await send(api, { method: route.method, url: urlOf(route), token: tokenOf(caller), raw });
    if (Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted') || ({} as Record<string, unknown>).isAdmin !== undefined) {
      return 'Object.prototype was polluted';
    }
    if (res.status >= 500) return `${res.status} ${short(res.body, 200)}`;
    if (res.status >= 400) {
      const fault = problemFault(res);
      if (fault) return `${res.status} not problem+json: ${fault}`;
      const changed = Fingerprint.changed(before, await fingerprint.take());
      if (changed.length > 0) return `${res.status} ${res.body.code}, yet ${changed.join(', ')} changed`;
    }
    return undefined;
  }

  beforeAll(async () => {
    await freshSuiteStores();
    api = await startTestApi();
    world = await buildWorld(api);
    writes = (await openApiRoutes(api)).filter(
      // Sign-out takes no body and would end the fuzzers' own sessions (test/e2e/accounts covers it).
      (r) => (r.method === 'post' || r.method === 'put' || r.method === 'patch') && r.key !== 'POST /api/auth/logout',
    );
    fingerprint = await Fingerprint.of(api);
  }, 120_000);
  afterAll(() => api?.close());

  async function fuzz(pick: (route: Route) => Caller[]): Promise<string[]> {
    const faults: string[] = [];
    let run = 0;
    for (const route of writes) {
      for (const caller of pick(route)) {
        const seed = SEED + run++;
        const result = await fc.check(
          fc.asyncProperty(bodies(validBody(route)), async (raw) => {
            const fault = await probe(route, caller, raw);
            if (fault) throw new Error(fault);
          }),
          { numRuns: RUNS, seed, endOnFailure: true },
        );
        if (result.failed) {
          const error = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
          faults.push(
            `${route.key} as ${caller}: ${error} for body ${short(result.counterexample?.[0], 200)} (seed ${seed}, FUZZ_SEED=${SEED})`,
          );
        }
      }
    }
    return faults;
  }

  it('has a valid sample body to mutate for every write route that takes a JSON body', () => {
    expect(writes.length).toBeGreaterThan(25);
    expect(writes.filter((r) => r.hasBody && !SAMPLE_BODIES[r.key] && !MULTIPART_ROUTES.has(r.key)).map((r) => r.key)).toEqual([]);
  });

  it('answers random and broken bodies as admin, applicant, reviewer and coordinator: never a 5xx, problem+json on a 4xx, nothing written on a 4xx', async () => {
    expect(await fuzz(fuzzers)).toEqual([]);
  }, 180_000);

  it('refuses own __proto__ and constructor.prototype keys on every write route without polluting any object or writing anything', async () => {
    const faults: string[] = [];
    for (const route of writes) {
      const rest = JSON.stringify({ ...(validBody(route) as object) }).slice(1);
      const comma = rest === '}' ? '' : ',';
      for (const raw of [
        `{"__proto__":{"polluted":"yes","isAdmin":true}${comma}${rest}`,
        `{"constructor":{"prototype":{"polluted":"yes"}}${comma}${rest}`,
        `{"a":{"__proto__":{"polluted":"yes"}}${comma}${rest}`,
      ]) {
        for (const caller of insiders(route)) {
          const before = await fingerprint.take();
          const res = await send(api, { method: route.method, url: urlOf(route), token: tokenOf(caller), raw });
          const polluted = ({} as Record<string, unknown>).polluted !== undefined || ({} as Record<string, unknown>).isAdmin !== undefined;
          const changed = Fingerprint.changed(before, await fingerprint.take());
          if (polluted || res.status !== 400 || problemFault(res) || changed.length > 0)
            faults.push(
              `${route.key} as ${caller} → ${res.status}${polluted ? ', polluted' : ''} ${changed.join(', ')} for ${short(raw, 80)}`,
            );
        }
      }
    }
    expect(faults).toEqual([]);
  }, 60_000);

  /** Each leaf of the route's valid body replaced by each value, one at a time, as each caller the route lets in. */
  async function sweepLeaves(replacements: (leaf: Json) => Json[]): Promise<string[]> {
    const faults: string[] = [];
    for (const route of writes.filter((r) => r.hasBody && SAMPLE_BODIES[r.key])) {
      const valid = validBody(route);
      for (const path of pathsOf(valid)) {
        const leaf = path.reduce<Json>((n, step) => (n as Record<string | number, Json>)[step], valid);
        for (const value of replacements(leaf)) {
          for (const caller of insiders(route)) {
            const fault = await probe(route, caller, JSON.stringify(setAt(validBody(route), path, value)));
            if (fault) faults.push(`${route.key} as ${caller}, ${path.join('.')} = ${short(value, 40)}: ${fault}`);
          }
        }
      }
    }
    return faults;
  }

  it('refuses a null byte in any text field with a 4xx (PostgreSQL text cannot hold one) and writes nothing', async () => {
    const faults = await sweepLeaves((leaf) => (typeof leaf === 'string' ? [`${leaf}\u0000`] : []));
    expect(faults).toEqual([]);
  }, 60_000);

  it('refuses a value nested 10 000 levels deep (a 40 KB body) in the first field of every write route with a 4xx and writes nothing', async () => {
    const faults: string[] = [];
    for (const route of writes.filter((r) => r.hasBody && SAMPLE_BODIES[r.key])) {
      const valid = validBody(route) as Record<string, Json>;
      const field = Object.keys(valid)[0];
      const raw = JSON.stringify({ ...valid, [field]: '__DEEP__' }).replace('"__DEEP__"', nestedJson(10_000));
      for (const caller of insiders(route)) {
        const fault = await probe(route, caller, raw);
        if (fault) faults.push(`${route.key} as ${caller}, ${field} nested 10 000 deep: ${fault}`);
      }
    }
    expect(faults).toEqual([]);
  }, 60_000);

  it('refuses out-of-range, fractional and non-numeric numbers in any numeric field with a 4xx and writes nothing', async () => {
    const faults = await sweepLeaves((leaf) => (typeof leaf === 'number' ? [-1, 0.5, 2 ** 53, 1e308, -1e308, '100'] : []));
    expect(faults).toEqual([]);
  }, 60_000);
});

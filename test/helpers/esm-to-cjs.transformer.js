/*
 * Jest on Node 20 cannot require() ES modules (it can from Node 24.9), while NestJS 12 ships as
 * ESM and relies on Node's own require(esm) in CommonJS apps. For the tests only, this turns
 * any ES module under node_modules into CommonJS with TypeScript's transpiler. `import.meta` has no CommonJS form,
 * so its uses in these packages are rewritten first.
 */
const crypto = require('node:crypto');
const ts = require('typescript');

/** Static import/export statements or import.meta: what CommonJS cannot run. */
const ESM_SYNTAX = /^\s*(import\s*[\w{*'"]|export\s)|import\.meta/m;

function rewriteImportMeta(source) {
  return source
    .replace(/^\s*const require = createRequire\(import\.meta\.url\);?\s*$/gm, '')
    .replace(/createRequire\(import\.meta\.url\)/g, 'require')
    .replace(/import\.meta\.resolve\(/g, 'require.resolve(')
    .replace(/import\.meta\.url/g, "require('node:url').pathToFileURL(__filename).href")
    .replace(/import\.meta\.dirname/g, '__dirname')
    .replace(/import\.meta\.filename/g, '__filename');
}

module.exports = {
  process(source, filename) {
    if (!ESM_SYNTAX.test(source)) return { code: source };
    const out = ts.transpileModule(rewriteImportMeta(source), {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        allowJs: true,
        esModuleInterop: true,
        sourceMap: false,
      },
    });
    return { code: out.outputText };
  },
  getCacheKey(source, filename) {
    return crypto.createHash('sha1').update(ts.version).update('v2').update(filename).update(source).digest('hex');
  },
};

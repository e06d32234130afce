// Runs toxiproxy-node-client's own jest test suite (its src/tests/*.spec.ts,
// from a checkout of the client: the npm package does not ship them) against
// `gauntlet proxy`, without jest: each spec is compiled with the TypeScript
// compiler, its imports are mapped onto the installed client's dist/ files, and
// a small shim provides jest's test/beforeAll/expect. The only changes to the
// suite: its Toxiproxy URL (the client's TestHelper.toxiproxyUrl) points at our
// server, and the two fixed listen ports of "get all proxies" become free ones.
//
// Usage: node client_suite.js <control-url> <node_modules-dir> <client's src/tests dir>
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const assert = require("node:assert/strict");
const { CheckRunner } = require("./check_runner");
const { freePort } = require("./net_helpers");

const [url, modules, testsDir] = process.argv.slice(2);
if (!url || !modules || !testsDir) {
  console.error("usage: node client_suite.js <control-url> <node_modules-dir> <client src/tests dir>");
  process.exit(2);
}
const ts = require(path.join(modules, "typescript"));
const dist = path.join(modules, "toxiproxy-node-client", "dist");
const helper = require(path.join(dist, "TestHelper.js"));
helper.toxiproxyUrl = url;  // read by the helper (and the specs) at each call

// jest's globals, as far as the suite uses them.
function expect(actual) {
  return {
    toBe: (expected) => assert.strictEqual(actual, expected),
    toEqual: (expected) => assert.deepStrictEqual(actual, expected),
    toBeTruthy: () => assert.ok(actual, `expected truthy, got ${actual}`),
    toBeFalsy: () => assert.ok(!actual, `expected falsy, got ${actual}`),
  };
}

// Loads one compiled spec; its test() and beforeAll() calls register into `spec`.
function loadSpec(file, source, spec) {
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
    fileName: path.basename(file),
  }).outputText;
  const jestGlobals = {
    expect,
    test: (name, fn) => spec.tests.push({ name, fn }),
    beforeAll: (fn) => spec.beforeAll.push(fn),
  };
  const mapped = (request) => {
    if (request === "@jest/globals") return jestGlobals;
    if (request.startsWith("../")) return require(path.join(dist, request.slice(3)));
    return require(request);
  };
  const module = { exports: {} };
  // The compiled spec calls the globals jest would provide, as well as importing them.
  new Function("require", "module", "exports", "test", "beforeAll", "expect", js)(
    mapped, module, module.exports, jestGlobals.test, jestGlobals.beforeAll, expect);
}

async function main() {
  const files = fs.readdirSync(testsDir).filter((f) => f.endsWith(".spec.ts")).sort();
  assert.ok(files.length > 0, `no *.spec.ts in ${testsDir}`);
  const runner = new CheckRunner("toxiproxy-node-client's own test suite");
  for (const file of files) {
    let source = fs.readFileSync(path.join(testsDir, file), "utf8");
    for (const fixed of ["127.0.0.1:9988", "127.0.0.1:9987"]) {
      source = source.split(fixed).join(`127.0.0.1:${await freePort()}`);
    }
    const spec = { tests: [], beforeAll: [] };
    loadSpec(file, source, spec);
    // jest runs a file's beforeAll hooks once, before its first test.
    let hooks;
    const runHooks = () => (hooks ??= (async () => { for (const fn of spec.beforeAll) await fn(); })());
    for (const t of spec.tests) {
      runner.add(`${file} > ${t.name}`, async () => { await runHooks(); await t.fn(); });
    }
  }
  process.exitCode = (await runner.run()) ? 0 : 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});

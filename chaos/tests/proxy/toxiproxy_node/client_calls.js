// Drives `gauntlet proxy`'s Toxiproxy-compatible HTTP API with the real
// toxiproxy-node-client: every call the client documents (its README, its .d.ts
// and its own tests), each result asserted, plus bytes moved through created
// proxies to loopback upstreams this script starts (a latency toxic must delay
// them, a disabled proxy must refuse them, a moved upstream must answer).
//
// Usage: node client_calls.js <control-url> <node_modules-dir>
"use strict";
const assert = require("node:assert/strict");
const path = require("node:path");
const { CheckRunner } = require("./check_runner");
const { startUpstream, portOf, roundTrip, connectOutcome } = require("./net_helpers");

const [url, modules] = process.argv.slice(2);
if (!url || !modules) {
  console.error("usage: node client_calls.js <control-url> <node_modules-dir>");
  process.exit(2);
}
const { Toxiproxy, Proxy, Toxic, ToxiproxyError } = require(path.join(modules, "toxiproxy-node-client"));

const tp = new Toxiproxy(url);
const runner = new CheckRunner("toxiproxy-node-client calls");
const check = (name, fn) => runner.add(name, fn);

// The client's error for an HTTP status, as its own tests expect it.
const httpError = (status) => (e) => {
  assert.ok(e instanceof ToxiproxyError, `expected a ToxiproxyError, got ${e}`);
  assert.equal(e.message, `Request failed with status code ${status}`);
  return true;
};
const listenPattern = /^(127\.0\.0\.1|localhost):[1-9][0-9]*$/;

// Bytes through a proxy to an upstream tagged `tag`: resolves to the round trip in ms.
async function through(proxy, tag, message = "ping") {
  const expected = `${tag}:${message}`;
  const { reply, ms } = await roundTrip(portOf(proxy.listen), message, expected.length);
  assert.equal(reply, expected);
  return ms;
}

// A proxy to `upstream` created for one check, removed by the caller.
const create = (name, upstream, listen = "127.0.0.1:0") => tp.createProxy({ name, listen, upstream });

let up;   // upstream "A"
let upB;  // upstream "B"

check("getVersion() answers the server's version", async () => {
  const text = await tp.getVersion();
  assert.equal(typeof text, "string");
  assert.match(JSON.parse(text).version, /^[0-9]+\.[0-9]+/);
});

check("new Toxiproxy('http://localhost:<port>') (the README's host form) reaches the server", async () => {
  const local = new Toxiproxy(url.replace("127.0.0.1", "localhost"));
  assert.match(JSON.parse(await local.getVersion()).version, /^[0-9]+\.[0-9]+/);
});

check("createProxy (numeric addresses): fields, local accessors, bytes flow", async () => {
  const p = await create("calls-echo", `127.0.0.1:${up.port}`);
  assert.ok(p instanceof Proxy);
  assert.equal(p.name, "calls-echo");
  assert.match(p.listen, listenPattern);
  assert.equal(p.upstream, `127.0.0.1:${up.port}`);
  assert.equal(p.enabled, true);
  assert.equal(p.getToxiproxy(), tp);
  assert.equal(p.getHost(), url);
  assert.equal(p.getPath(), `${url}/proxies/calls-echo`);
  assert.deepEqual(p.toJson(), { enabled: true, listen: p.listen, name: "calls-echo", upstream: p.upstream });
  assert.ok(tp.getApi());
  await through(p, "A");
});

check("createProxy with a taken name rejects with 409", async () => {
  await assert.rejects(create("calls-echo", `127.0.0.1:${up.port}`), httpError(409));
});

check("createProxy with a host-name upstream (listen localhost:0, upstream localhost:<port>)", async () => {
  const p = await create("calls-localhost", `localhost:${up.port}`, "localhost:0");
  assert.equal(p.upstream, `localhost:${up.port}`);
  assert.match(p.listen, listenPattern);
  await through(p, "A");
  await p.remove();
});

check("README example: createProxy {listen: localhost:0, upstream: redis:6379} then a bandwidth toxic", async () => {
  const proxy = await tp.createProxy({ listen: "localhost:0", name: "redis", upstream: "redis:6379" });
  assert.equal(proxy.name, "redis");
  assert.equal(proxy.upstream, "redis:6379");
  assert.match(proxy.listen, listenPattern);
  const toxic = await proxy.addToxic({ attributes: { rate: 1000 }, type: "bandwidth" });
  // The client's own example prints exactly this.
  assert.deepEqual(toxic.toJson(), {
    attributes: { rate: 1000 }, name: "bandwidth_downstream", stream: "downstream", toxicity: 1, type: "bandwidth",
  });
  await proxy.remove();
});

check("get(name) returns the proxy", async () => {
  const p = await tp.get("calls-echo");
  assert.ok(p instanceof Proxy);
  assert.equal(p.name, "calls-echo");
  assert.equal(p.upstream, `127.0.0.1:${up.port}`);
  assert.equal(p.enabled, true);
  assert.match(p.listen, listenPattern);
});

check("get(unknown) rejects with 404", async () => {
  await assert.rejects(tp.get("no-such-proxy"), httpError(404));
});

check("getAll() maps every proxy by name", async () => {
  const extra = await create("calls-all", `127.0.0.1:${up.port}`);
  const all = await tp.getAll();
  assert.ok(Object.keys(all).includes("calls-echo"));
  assert.ok(Object.keys(all).includes("calls-all"));
  for (const [name, p] of Object.entries(all)) {
    assert.ok(p instanceof Proxy);
    assert.equal(p.name, name);
  }
  assert.equal(all["calls-all"].listen, extra.listen);
  await extra.remove();
});

check("update: disable (connects refused), enable again on the same listen address", async () => {
  const p = await tp.get("calls-echo");
  const off = await p.update({ enabled: false, listen: p.listen, upstream: p.upstream });
  assert.ok(off instanceof Proxy);
  assert.equal(off.enabled, false);
  assert.equal(await connectOutcome(portOf(p.listen)), "ECONNREFUSED");
  const on = await p.update({ enabled: true, listen: p.listen, upstream: p.upstream });
  assert.equal(on.enabled, true);
  assert.equal(on.listen, p.listen);
  await through(on, "A");
});

check("update: upstream moved to another port, bytes reach the new upstream", async () => {
  const p = await tp.get("calls-echo");
  const moved = await p.update({ enabled: true, listen: p.listen, upstream: `127.0.0.1:${upB.port}` });
  assert.equal(moved.upstream, `127.0.0.1:${upB.port}`);
  await through(moved, "B");
  const back = await p.update({ enabled: true, listen: p.listen, upstream: `127.0.0.1:${up.port}` });
  await through(back, "A");
});

check("update: upstream moved to a host name (localhost:<port>)", async () => {
  const p = await create("calls-move-host", `127.0.0.1:${up.port}`);
  const moved = await p.update({ enabled: true, listen: p.listen, upstream: `localhost:${upB.port}` });
  assert.equal(moved.upstream, `localhost:${upB.port}`);
  await through(moved, "B");
  await p.remove();
});

check("update: disable then upstream somehost:12345 (the client's own update test)", async () => {
  const p = await create("calls-somehost", `localhost:${up.port}`, "localhost:0");
  const off = await p.update({ enabled: false, listen: p.listen, upstream: p.upstream });
  assert.equal(off.enabled, false);
  const moved = await p.update({ enabled: true, listen: p.listen, upstream: "somehost:12345" });
  assert.equal(moved.enabled, true);
  assert.equal(moved.upstream, "somehost:12345");
  await p.remove();
});

// One proxy per toxic type, as the client's own tests do; full attributes, so
// the server's answer (every attribute of the type) equals them.
const toxicTypes = [
  ["latency", { latency: 1000, jitter: 100 }],
  ["bandwidth", { rate: 1000 }],
  ["slow_close", { delay: 1000 }],
  ["timeout", { timeout: 5000 }],
  ["reset_peer", { timeout: 1000 }],
  ["slicer", { average_size: 100, size_variation: 10, delay: 10 }],
  ["slicer", { average_size: 1000, size_variation: 1000, delay: 1000 }],  // the client's own test values
  ["limit_data", { bytes: 42 }],
];
for (const [type, attributes] of toxicTypes) {
  check(`addToxic ${type} ${JSON.stringify(attributes)}, getToxic`, async () => {
    const proxy = await create(`toxic-${type}`, `127.0.0.1:${up.port}`);
    try {
      const toxic = await proxy.addToxic({ type, attributes });
      assert.ok(toxic instanceof Toxic);
      assert.deepEqual(toxic.toJson(), { attributes, name: `${type}_downstream`, stream: "downstream", toxicity: 1, type });
      assert.equal(toxic.getPath(), `${proxy.getPath()}/toxics/${type}_downstream`);
      const fetched = await proxy.getToxic(toxic.name);
      assert.ok(fetched instanceof Toxic);
      assert.deepEqual(fetched.toJson(), toxic.toJson());
    } finally {
      await proxy.remove();
    }
  });
}

check("addToxic with name, stream upstream and toxicity", async () => {
  const proxy = await tp.get("calls-echo");
  const body = { name: "slow-up", type: "latency", stream: "upstream", toxicity: 0.5, attributes: { latency: 5, jitter: 0 } };
  const toxic = await proxy.addToxic(body);
  assert.deepEqual(toxic.toJson(), body);
  await toxic.remove();
});

check("addToxic with a taken name rejects with 409", async () => {
  const proxy = await tp.get("calls-echo");
  const toxic = await proxy.addToxic({ type: "latency", attributes: { latency: 1, jitter: 0 } });
  await assert.rejects(proxy.addToxic({ type: "latency", attributes: { latency: 1, jitter: 0 } }), httpError(409));
  await toxic.remove();
});

check("Toxic update (attributes, then toxicity) and remove; getToxic afterwards 404", async () => {
  const proxy = await tp.get("calls-echo");
  const toxic = await proxy.addToxic({ type: "latency", attributes: { latency: 1000, jitter: 100 } });
  const updated = await toxic.update({ attributes: { latency: 12345, jitter: 42 } });
  assert.ok(updated instanceof Toxic);
  assert.deepEqual(updated.attributes, { latency: 12345, jitter: 42 });
  assert.equal(updated.toxicity, 1);
  const quarter = await toxic.update({ toxicity: 0.25 });
  assert.equal(quarter.toxicity, 0.25);
  assert.deepEqual(quarter.attributes, { latency: 12345, jitter: 42 });
  assert.equal(await toxic.remove(), undefined);
  await assert.rejects(proxy.getToxic("latency_downstream"), httpError(404));
});

check("getToxic(unknown) rejects with 404", async () => {
  const proxy = await tp.get("calls-echo");
  await assert.rejects(proxy.getToxic("latency"), httpError(404));
});

check("a latency toxic delays the bytes; updating and removing it take effect", async () => {
  const proxy = await tp.get("calls-echo");
  const before = await through(proxy, "A");
  assert.ok(before < 250, `round trip without toxic took ${before} ms`);
  const toxic = await proxy.addToxic({ type: "latency", attributes: { latency: 400, jitter: 0 } });
  const slow = await through(proxy, "A");
  assert.ok(slow >= 390 && slow < 2500, `round trip with a 400 ms latency toxic took ${slow} ms`);
  await toxic.update({ attributes: { latency: 150, jitter: 0 } });
  const less = await through(proxy, "A");
  assert.ok(less >= 140 && less < 390, `round trip with the toxic updated to 150 ms took ${less} ms`);
  await toxic.remove();
  const after = await through(proxy, "A");
  assert.ok(after < 250, `round trip after removing the toxic took ${after} ms`);
});

check("populate creates proxies and answers them by name; populating again keeps them", async () => {
  const bodies = [
    { name: "pop-a", listen: "127.0.0.1:0", upstream: `127.0.0.1:${up.port}` },
    { name: "pop-b", listen: "localhost:0", upstream: `127.0.0.1:${upB.port}` },
  ];
  const proxies = await tp.populate(bodies);
  assert.deepEqual(Object.keys(proxies).sort(), ["pop-a", "pop-b"]);
  for (const body of bodies) {
    assert.ok(proxies[body.name] instanceof Proxy);
    assert.equal(proxies[body.name].upstream, body.upstream);
    assert.equal(proxies[body.name].enabled, true);
  }
  await through(proxies["pop-a"], "A");
  await through(proxies["pop-b"], "B");
  const fixed = { name: "pop-a", listen: proxies["pop-a"].listen, upstream: `127.0.0.1:${up.port}` };
  const again = await tp.populate([fixed]);
  assert.equal(again["pop-a"].listen, proxies["pop-a"].listen);
  await through(again["pop-a"], "A");
  await proxies["pop-a"].remove();
  await proxies["pop-b"].remove();
});

check("reset enables every proxy and removes every toxic", async () => {
  const p = await create("calls-reset", `127.0.0.1:${up.port}`);
  await p.addToxic({ type: "timeout", attributes: { timeout: 0 } });
  await p.update({ enabled: false, listen: p.listen, upstream: p.upstream });
  assert.equal(await tp.reset(), undefined);
  const after = await tp.get("calls-reset");
  assert.equal(after.enabled, true);
  await assert.rejects(after.getToxic("timeout_downstream"), httpError(404));
  await through(after, "A");
  await p.remove();
});

check("remove deletes the proxy (get 404, listener closed, second remove 404)", async () => {
  const p = await tp.get("calls-echo");
  assert.equal(await p.remove(), undefined);
  await assert.rejects(tp.get("calls-echo"), httpError(404));
  assert.equal(await connectOutcome(portOf(p.listen)), "ECONNREFUSED");
  await assert.rejects(p.remove(), httpError(404));
});

async function main() {
  up = await startUpstream("A");
  upB = await startUpstream("B");
  let ok = false;
  try {
    ok = await runner.run();
  } finally {
    await up.close();
    await upB.close();
  }
  process.exitCode = ok ? 0 : 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});

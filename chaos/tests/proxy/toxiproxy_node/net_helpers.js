// Loopback TCP helpers for the toxiproxy-node-client checks: small upstream
// servers the checks start, timed round trips through a proxy, refused connects.
"use strict";
const net = require("node:net");

// An upstream on 127.0.0.1 that answers each chunk with "<tag>:<chunk>".
// Resolves to { port, close() }.
function startUpstream(tag) {
  const sockets = new Set();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    socket.on("data", (chunk) => socket.write(`${tag}:${chunk}`));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () =>
      resolve({
        port: server.address().port,
        close: () => {
          for (const s of sockets) s.destroy();
          return new Promise((done) => server.close(done));
        },
      }));
  });
}

// A port that was free a moment ago on 127.0.0.1.
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// The port of a "host:port" listen address.
function portOf(listen) {
  return Number(listen.slice(listen.lastIndexOf(":") + 1));
}

// Connects to 127.0.0.1:port, sends `message`, and resolves to { reply, ms }
// once `expectedBytes` bytes came back (the connection is then closed).
// Rejects on an error, an early close or after `timeoutMs`.
function roundTrip(port, message, expectedBytes, timeoutMs = 4000) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const socket = net.connect(port, "127.0.0.1");
    let reply = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no ${expectedBytes}-byte reply on port ${port} within ${timeoutMs} ms (got ${JSON.stringify(reply)})`));
    }, timeoutMs);
    const finish = (error) => {
      clearTimeout(timer);
      socket.destroy();
      if (error) return reject(error);
      resolve({ reply, ms: Number(process.hrtime.bigint() - started) / 1e6 });
    };
    socket.on("connect", () => socket.write(message));
    socket.on("data", (chunk) => {
      reply += chunk;
      if (reply.length >= expectedBytes) finish();
    });
    socket.on("error", finish);
    socket.on("close", () => finish(new Error(`closed after ${JSON.stringify(reply)} on port ${port}`)));
  });
}

// Resolves to the error code of a connect to 127.0.0.1:port that fails
// (e.g. "ECONNREFUSED"), or "connected" when it succeeds.
function connectOutcome(port, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    const timer = setTimeout(() => { socket.destroy(); resolve("timeout"); }, timeoutMs);
    socket.on("connect", () => { clearTimeout(timer); socket.destroy(); resolve("connected"); });
    socket.on("error", (e) => { clearTimeout(timer); resolve(e.code || String(e)); });
  });
}

module.exports = { startUpstream, freePort, portOf, roundTrip, connectOutcome };

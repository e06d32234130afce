// A minimal sequential check runner: named async checks, each bounded in
// time, every one run even after failures, with a summary line.
"use strict";

class CheckRunner {
  constructor(title, timeoutMs = 5000) {
    this.title = title;
    this.timeoutMs = timeoutMs;
    this.checks = [];
    this.passed = [];
    this.failed = [];
  }

  add(name, fn) {
    this.checks.push({ name, fn });
  }

  async runOne({ name, fn }) {
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      await Promise.race([fn(), timeout]);
      this.passed.push(name);
      console.log(`PASS  ${name}`);
    } catch (e) {
      this.failed.push(name);
      console.log(`FAIL  ${name}\n      ${String((e && e.message) || e).split("\n").join("\n      ")}`);
    } finally {
      clearTimeout(timer);
    }
  }

  // Runs every check in order; resolves to true when all passed.
  async run() {
    console.log(`${this.title}: ${this.checks.length} checks`);
    for (const check of this.checks) await this.runOne(check);
    console.log(`${this.title}: ${this.passed.length} passed, ${this.failed.length} failed`);
    if (this.failed.length) console.log(`failed: ${this.failed.join("; ")}`);
    return this.failed.length === 0;
  }
}

module.exports = { CheckRunner };

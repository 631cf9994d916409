// Run a clysm program under node:
//   node node-main.mjs NAME=PATH.wasm [NAME=PATH.wasm ...] [-- ARGS...]
// Modules are instantiated in the order given; the last one is the program.
import fs from "node:fs";
import { pathToFileURL } from "node:url";
import { runClysm } from "./clysm-host.mjs";

export function nodeIo() {
  const stdinBuffer = Buffer.alloc(65536);
  return {
    stdout: (chunk) => fs.writeSync(1, chunk),
    stderr: (chunk) => fs.writeSync(2, chunk),
    readInput(max) {
      const n = Math.min(max, stdinBuffer.length);
      for (;;) {
        try {
          const got = fs.readSync(0, stdinBuffer, 0, n, null);
          return stdinBuffer.subarray(0, got);
        } catch (e) {
          // A non-blocking terminal or pipe: wait and retry rather than fail.
          if (e.code === "EAGAIN") {
            Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
            continue;
          }
          if (e.code === "EOF") return stdinBuffer.subarray(0, 0);
          throw e;
        }
      }
    },
  };
}

export async function runNode(specs, args) {
  const modules = specs.map(({ name, path }) => ({ name, module: new WebAssembly.Module(fs.readFileSync(path)) }));
  return runClysm({ modules, args, env: [], ...nodeIo() });
}

async function main() {
  const argv = process.argv.slice(2);
  const split = argv.indexOf("--");
  const moduleArgs = split < 0 ? argv : argv.slice(0, split);
  const programArgs = split < 0 ? [] : argv.slice(split + 1);
  const specs = moduleArgs.map((spec) => {
    const eq = spec.indexOf("=");
    return { name: spec.slice(0, eq), path: spec.slice(eq + 1) };
  });
  let code;
  try {
    code = await runNode(specs, ["clysm", ...programArgs]);
  } catch (e) {
    // A trap or an engine limit the runtime did not turn into a Lisp error.
    fs.writeSync(2, `clysm: engine error: ${e && e.stack ? e.stack : e}\n`);
    code = 70;
  }
  process.exitCode = code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) await main();

// Run a clysm program under node:
//   node node-main.mjs NAME=PATH.wasm [NAME=PATH.wasm ...] [-- ARGS...]
// Modules are instantiated in the order given; the last one is the program.
import { spawn } from "node:child_process";
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

// Files for the runtime's OPEN and LOAD (WASI path_open in clysm-host.mjs).
export function nodeFiles() {
  return {
    open: (path) => fs.openSync(path, "r"),
    read(handle, max) {
      const buffer = Buffer.alloc(max);
      return buffer.subarray(0, fs.readSync(handle, buffer, 0, max, null));
    },
    close: (handle) => fs.closeSync(handle),
  };
}

// The JIT compile service: the command in CLYSM_JIT_SERVICE (a JSON array,
// set by the clysm driver) runs as a child process; requests and responses
// go through its standard input and output, synchronously, since the Wasm
// program waits for the compiled code (docs/jit.md).
// With CLYSM_JIT_SERVICE_FDS ("requestFd,responseFd"), the process that
// started node serves requests on those inherited pipes instead.
export function nodeJitService(command, fds) {
  if (!command && !fds) return null;
  let child = null;
  let inFd = -1;
  let outFd = -1;
  if (fds) {
    [inFd, outFd] = fds.split(",").map(Number);
    child = {};
  }
  const sleep = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
  function start() {
    const argv = JSON.parse(command);
    child = spawn(argv[0], argv.slice(1), { stdio: ["pipe", "pipe", "inherit"] });
    inFd = child.stdin._handle.fd;
    outFd = child.stdout._handle.fd;
    child.unref();
    child.stdin.unref?.();
    child.stdout.unref?.();
  }
  function writeAll(buffer) {
    let offset = 0;
    while (offset < buffer.length) {
      try {
        offset += fs.writeSync(inFd, buffer, offset, buffer.length - offset);
      } catch (e) {
        if (e.code !== "EAGAIN") throw e;
        sleep();
      }
    }
  }
  function readExactly(n) {
    const buffer = Buffer.alloc(n);
    let offset = 0;
    while (offset < n) {
      let got;
      try {
        got = fs.readSync(outFd, buffer, offset, n - offset, null);
      } catch (e) {
        if (e.code !== "EAGAIN") throw e;
        sleep();
        continue;
      }
      if (got === 0) throw new Error("the JIT compile service exited");
      offset += got;
    }
    return buffer;
  }
  return {
    start() {
      if (!child) start();
    },
    compile(text) {
      if (!child) start();
      const body = Buffer.from(text, "utf8");
      const header = Buffer.alloc(4);
      header.writeUInt32BE(body.length);
      writeAll(Buffer.concat([header, body]));
      const response = readExactly(5);
      const payload = readExactly(response.readUInt32BE(1));
      if (response[0] !== 0) throw new Error(`JIT compile failed: ${payload.toString("utf8")}`);
      return payload;
    },
  };
}

export async function runNode(specs, args) {
  const modules = specs.map(({ name, path }) => ({ name, module: new WebAssembly.Module(fs.readFileSync(path)) }));
  const jit = { service: nodeJitService(process.env.CLYSM_JIT_SERVICE, process.env.CLYSM_JIT_SERVICE_FDS), fault: process.env.CLYSM_JIT_FAULT };
  return runClysm({ modules, args, env: [], ...nodeIo(), files: nodeFiles(), jit });
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

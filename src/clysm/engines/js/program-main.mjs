// The entry point of a directory written by `clysm compile`:
//   node main.mjs [ARGS...]
// It needs nothing but node: the runtime and program modules sit next to it.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { runNode } from "./node-main.mjs";

// Deep (non-tail) Lisp recursion needs a deeper stack than node's default
// before the runtime's depth limit turns it into a Lisp error.
const STACK_FLAG = "--stack-size=4000";

const here = (name) => fileURLToPath(new URL(name, import.meta.url));

if (!process.execArgv.includes(STACK_FLAG)) {
  const child = spawnSync(process.execPath, [STACK_FLAG, here("main.mjs"), ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  process.exitCode = child.status ?? 70;
} else {
  const modules = [
    { name: "rt", path: here("rt.wasm") },
    { name: "program", path: here("program.wasm") },
  ];
  try {
    process.exitCode = await runNode(modules, ["clysm", ...process.argv.slice(2)]);
  } catch (e) {
    fs.writeSync(2, `clysm: engine error: ${e && e.stack ? e.stack : e}\n`);
    process.exitCode = 70;
  }
}

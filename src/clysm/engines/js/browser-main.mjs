// Runs a directory written by `clysm compile` in a browser page: serve the
// directory over HTTP and open index.html.  Output goes to the element given.
import { runClysm } from "./clysm-host.mjs";

// `base` is where rt.wasm and program.wasm are (by default, next to this file).
export async function runInPage(output, { args = [], base = import.meta.url } = {}) {
  const decoder = new TextDecoder();
  const write = (chunk) => {
    output.textContent += decoder.decode(chunk, { stream: true });
  };
  const load = async (name) =>
    WebAssembly.compileStreaming(fetch(new URL(`${name}.wasm`, base)));
  const modules = [
    { name: "rt", module: await load("rt") },
    { name: "program", module: await load("program") },
  ];
  return runClysm({
    modules,
    args: ["clysm", ...args],
    env: [],
    stdout: write,
    stderr: write,
    readInput: () => new Uint8Array(0),
  });
}

// The host side of a clysm program, shared by node and browser pages.
//
// A clysm program is a list of Wasm modules instantiated in order (the runtime
// first, then the program).  Each module's imports are satisfied from:
//   "wasi_snapshot_preview1" - a small WASI preview1 subset implemented here,
//                              so the same modules also run on wasmtime;
//   "clysm_host"             - optional host services (e.g. the JIT), given by
//                              the embedder;
//   the name of any module instantiated before it - that module's exports.
// The last module's `_start` export runs the program.

export class ProcExit extends Error {
  constructor(code) {
    super(`exit ${code}`);
    this.code = code;
  }
}

const ERRNO_SUCCESS = 0;
const ERRNO_BADF = 8;
const ERRNO_INVAL = 28;
const ERRNO_IO = 29;
const ERRNO_NOSYS = 52;
const ERRNO_NOTSUP = 58;

// Error numbers of the file system errors a host may report (by code name).
const FILE_ERRNOS = {
  EACCES: 2,
  EISDIR: 31,
  ELOOP: 32,
  EMFILE: 33,
  ENAMETOOLONG: 37,
  ENOENT: 44,
  ENOTDIR: 54,
  EPERM: 63,
};

// Files for WASI's path_open/fd_read/fd_close, when the embedder gives a
// file system (`files`: open(path) -> handle, read(handle, max) -> bytes,
// close(handle), each throwing an error with a `code` on failure).  The
// preopened directories are the current directory (fd 3, ".") and the root
// (fd 4, "/"), as `wasmtime --dir . --dir /` gives them.
function makeFileTable(files) {
  const table = new Map();
  if (files) {
    table.set(3, { preopen: "." });
    table.set(4, { preopen: "/" });
  }
  let next = 5;
  const errno = (e) => FILE_ERRNOS[e && e.code] ?? ERRNO_IO;
  return {
    preopen: (fd) => table.get(fd)?.preopen,
    open(dirfd, path) {
      const dir = table.get(dirfd)?.preopen;
      if (dir === undefined) return { errno: ERRNO_BADF };
      try {
        const handle = files.open(dir === "/" ? `/${path}` : `${dir}/${path}`);
        table.set(next, { handle });
        return { fd: next++ };
      } catch (e) {
        return { errno: errno(e) };
      }
    },
    // The bytes read, or an error number.
    read(fd, max) {
      const entry = table.get(fd);
      if (!entry || entry.handle === undefined) return ERRNO_BADF;
      try {
        return files.read(entry.handle, max);
      } catch (e) {
        return errno(e);
      }
    },
    close(fd) {
      const entry = table.get(fd);
      if (!entry || entry.handle === undefined) return ERRNO_BADF;
      table.delete(fd);
      try {
        files.close(entry.handle);
      } catch (e) {
        return errno(e);
      }
      return ERRNO_SUCCESS;
    },
  };
}

function makeWasi(state) {
  const view = () => new DataView(state.memory.buffer);
  const bytes = () => new Uint8Array(state.memory.buffer);
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const fileTable = makeFileTable(state.files);

  function sizesGet(list, countPtr, sizePtr) {
    const encoded = list.map((s) => encoder.encode(s + "\0"));
    view().setUint32(countPtr, encoded.length, true);
    view().setUint32(sizePtr, encoded.reduce((n, e) => n + e.length, 0), true);
    return ERRNO_SUCCESS;
  }

  function listGet(list, ptrsPtr, bufPtr) {
    let offset = bufPtr;
    list.forEach((s, i) => {
      const encoded = encoder.encode(s + "\0");
      view().setUint32(ptrsPtr + 4 * i, offset, true);
      bytes().set(encoded, offset);
      offset += encoded.length;
    });
    return ERRNO_SUCCESS;
  }

  return {
    fd_write(fd, iovs, iovsLen, nwrittenPtr) {
      const out = state.outputs[fd];
      if (!out) return ERRNO_BADF;
      let total = 0;
      for (let i = 0; i < iovsLen; i++) {
        const ptr = view().getUint32(iovs + 8 * i, true);
        const len = view().getUint32(iovs + 8 * i + 4, true);
        // Copy: the sink may keep the chunk after memory changes.
        out(bytes().slice(ptr, ptr + len));
        total += len;
      }
      view().setUint32(nwrittenPtr, total, true);
      return ERRNO_SUCCESS;
    },
    fd_read(fd, iovs, iovsLen, nreadPtr) {
      // A source gives the bytes read, or an error number.
      const source = fd === 0 ? state.readInput : fd > 2 ? (len) => fileTable.read(fd, len) : null;
      if (!source) return ERRNO_BADF;
      let total = 0;
      for (let i = 0; i < iovsLen; i++) {
        const ptr = view().getUint32(iovs + 8 * i, true);
        const len = view().getUint32(iovs + 8 * i + 4, true);
        const chunk = source(len);
        if (typeof chunk === "number") {
          if (total === 0) return chunk;
          break;
        }
        bytes().set(chunk, ptr);
        total += chunk.length;
        if (chunk.length < len) break;
      }
      view().setUint32(nreadPtr, total, true);
      return ERRNO_SUCCESS;
    },
    fd_fdstat_get(fd, statPtr) {
      if (fd > 2) return ERRNO_BADF;
      // filetype character_device, no flags, all rights.
      view().setUint8(statPtr, 2);
      view().setUint16(statPtr + 2, 0, true);
      view().setBigUint64(statPtr + 8, 0xffffffffn, true);
      view().setBigUint64(statPtr + 16, 0xffffffffn, true);
      return ERRNO_SUCCESS;
    },
    fd_close: (fd) => (fd > 2 ? fileTable.close(fd) : ERRNO_SUCCESS),
    fd_prestat_get(fd, bufPtr) {
      const name = fileTable.preopen(fd);
      if (name === undefined) return ERRNO_BADF;
      view().setUint8(bufPtr, 0); // a directory
      view().setUint32(bufPtr + 4, encoder.encode(name).length, true);
      return ERRNO_SUCCESS;
    },
    fd_prestat_dir_name(fd, pathPtr, pathLen) {
      const name = fileTable.preopen(fd);
      if (name === undefined) return ERRNO_BADF;
      bytes().set(encoder.encode(name).subarray(0, pathLen), pathPtr);
      return ERRNO_SUCCESS;
    },
    path_open(dirfd, _dirflags, pathPtr, pathLen, oflags, _rights, _inheriting, _fdflags, fdPtr) {
      // Existing files, for reading: what the runtime asks for.
      if (oflags !== 0) return ERRNO_NOTSUP;
      const path = decoder.decode(bytes().slice(pathPtr, pathPtr + pathLen));
      const opened = fileTable.open(dirfd, path);
      if (opened.errno !== undefined) return opened.errno;
      view().setUint32(fdPtr, opened.fd, true);
      return ERRNO_SUCCESS;
    },
    fd_seek: () => ERRNO_NOSYS,
    proc_exit(code) {
      throw new ProcExit(code);
    },
    args_sizes_get: (c, s) => sizesGet(state.args, c, s),
    args_get: (p, b) => listGet(state.args, p, b),
    environ_sizes_get: (c, s) => sizesGet(state.env, c, s),
    environ_get: (p, b) => listGet(state.env, p, b),
    clock_time_get(clockId, _precision, timePtr) {
      let ns;
      if (clockId === 0) ns = BigInt(Date.now()) * 1000000n;
      else if (clockId === 1) ns = BigInt(Math.round(performance.now() * 1e6));
      else return ERRNO_INVAL;
      view().setBigUint64(timePtr, ns, true);
      return ERRNO_SUCCESS;
    },
    random_get(ptr, len) {
      crypto.getRandomValues(bytes().subarray(ptr, ptr + len));
      return ERRNO_SUCCESS;
    },
  };
}

// The JIT bridge the runtime imports (backend/kernel/jit.py, docs/jit.md).
// `service.compile(text)` returns the bytes of a Tier 2 module or throws; the
// module imports the runtime ("rt") and exports make(literals) -> function.
// Any failure returns null, and the message is kept for jit_error.
function makeJit(state, instances, service, fault) {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  let lastError = "";
  return {
    jit_compile(ptr, len, literals) {
      if (len === 0) {
        // An empty request: start the service early (docs/jit.md).
        service?.start?.();
        return null;
      }
      try {
        if (!service) throw new Error("no JIT compile service is available");
        if (fault === "service") throw new Error("injected service failure (CLYSM_JIT_FAULT=service)");
        const text = decoder.decode(new Uint8Array(state.memory.buffer, ptr, len));
        const bytes = service.compile(text);
        const module = new WebAssembly.Module(bytes);
        if (fault === "instantiate") throw new Error("injected instantiation failure (CLYSM_JIT_FAULT=instantiate)");
        const instance = new WebAssembly.Instance(module, { rt: instances.rt.exports });
        return instance.exports.make(literals);
      } catch (e) {
        lastError = String(e && e.message ? e.message : e);
        return null;
      }
    },
    jit_error(ptr, capacity) {
      const encoded = encoder.encode(lastError).subarray(0, capacity);
      new Uint8Array(state.memory.buffer, ptr, encoded.length).set(encoded);
      return encoded.length;
    },
  };
}

// Instantiate `modules` ([{name, module: WebAssembly.Module}]) and run the
// last one's `_start`.  Returns the exit code.  `jit` is {service, fault}
// (both optional): without a service, functions stay in Tier 1.  `files`
// (optional) gives file access (makeFileTable).
export async function runClysm({ modules, args = [], env = [], stdout, stderr, readInput, files, host = {}, jit = {} }) {
  const state = { memory: null, args, env, outputs: { 1: stdout, 2: stderr }, readInput, files };
  const wasi = makeWasi(state);
  const instances = {};
  const clysmHost = { ...makeJit(state, instances, jit.service, jit.fault), ...host };
  let last = null;
  for (const { name, module } of modules) {
    const imports = { wasi_snapshot_preview1: wasi, clysm_host: clysmHost };
    for (const [other, instance] of Object.entries(instances)) imports[other] = instance.exports;
    const instance = await WebAssembly.instantiate(module, imports);
    // WASI calls use the memory of the first module that exports one.
    if (!state.memory && instance.exports.memory) state.memory = instance.exports.memory;
    instances[name] = instance;
    last = instance;
  }
  try {
    last.exports._start();
    return 0;
  } catch (e) {
    if (e instanceof ProcExit) return e.code;
    throw e;
  }
}

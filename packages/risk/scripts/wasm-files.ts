// The WebAssembly the engine carries, and how it is made. Two modules, each kept as its bytes in a
// TypeScript file the engine imports:
//  - src/random/philox.wat → philox-wasm.ts, the Philox blocks, assembled by wabt (the WebAssembly
//    project's assembler);
//  - assembly/financial.ts → src/engine/financial-wasm.ts, the terms and reinsurance of a simulated year,
//    compiled by the AssemblyScript compiler (-O3, no garbage collector: the module allocates nothing).
// `npm run wasm -w @kebao/risk` writes both; a test fails when a file is not what its source makes.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import asc from 'assemblyscript/asc';
import wabt from 'wabt';

export interface WasmFile {
  source: URL;
  module: URL;
  /** The exported constant holding the bytes, and what it is. */
  constant: string;
  describe: string;
  build(source: URL): Promise<Uint8Array>;
}

/** The binary module of a WebAssembly text file. */
export async function assemble(file: URL): Promise<Uint8Array> {
  const tools = await wabt();
  const parsed = tools.parseWat(file.pathname, await readFile(file, 'utf8'));
  try {
    parsed.validate();
    return new Uint8Array(parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}

/** The binary module of an AssemblyScript file, optimised for speed. */
export async function compileAssemblyScript(file: URL): Promise<Uint8Array> {
  const name = basename(file.pathname);
  const result = await asc.compileString(
    { [name]: await readFile(file, 'utf8') },
    { optimizeLevel: 3, shrinkLevel: 0, runtime: 'stub', noAssert: true, use: ['abort='] },
  );
  if (result.error !== null || !result.binary) {
    throw new Error(`${name} does not compile: ${result.error?.message}\n${result.stderr.toString()}`);
  }
  return result.binary;
}

export const PHILOX: WasmFile = {
  source: new URL('../src/random/philox.wat', import.meta.url),
  module: new URL('../src/random/philox-wasm.ts', import.meta.url),
  constant: 'PHILOX_WASM',
  describe: 'Philox4x32-10 blocks as uniforms (philox.wat)',
  build: assemble,
};

export const FINANCIAL: WasmFile = {
  source: new URL('../assembly/financial.ts', import.meta.url),
  module: new URL('../src/engine/financial-wasm.ts', import.meta.url),
  constant: 'FINANCIAL_WASM',
  describe: 'The terms and reinsurance of a simulated year (assembly/financial.ts)',
  build: compileAssemblyScript,
};

export const WASM_FILES = [PHILOX, FINANCIAL];

/** The text of a module's TypeScript file for its bytes. */
export function moduleSource(file: WasmFile, bytes: Uint8Array): string {
  const base64 = Buffer.from(bytes).toString('base64');
  const lines = base64.match(/.{1,100}/g) ?? [];
  return `// Written by \`npm run wasm -w @kebao/risk\` from ${basename(file.source.pathname)} — edit that file, not this one.

/** ${file.describe}, ${bytes.length} bytes of WebAssembly. */
export const ${file.constant}: Uint8Array = Uint8Array.from(
  atob(
${lines.map((l, i) => `${i === 0 ? '    ' : '      '}'${l}'`).join(' +\n')},
  ),
  (c) => c.charCodeAt(0),
);
`;
}

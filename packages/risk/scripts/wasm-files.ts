// The WebAssembly the engine carries, and how it is made: the year engine, written in AssemblyScript
// (assembly/year.ts and what it imports), compiled by the AssemblyScript compiler (-O3, the stub runtime:
// the module allocates no objects) and kept as its bytes in src/engine/engine-wasm.ts, which the engine
// imports. `npm run wasm -w @kebao/risk` writes that file; a test fails when it is not what the source
// makes.
import { basename } from 'node:path';
import asc from 'assemblyscript/asc';

export interface WasmFile {
  source: URL;
  module: URL;
  /** The exported constant holding the bytes, and what it is. */
  constant: string;
  describe: string;
  build(source: URL): Promise<Uint8Array>;
}

/** The binary module of an AssemblyScript program (the entry file and what it imports), optimised for speed. */
export async function compileAssemblyScript(entry: URL): Promise<Uint8Array> {
  let binary: Uint8Array | null = null;
  const output: string[] = [];
  const result = await asc.main(
    [entry.pathname, '--outFile', 'module.wasm', '-O3', '--runtime', 'stub', '--noAssert', '--use', 'abort='],
    {
      writeFile(name: string, contents: Uint8Array | string) {
        if (name.endsWith('.wasm') && typeof contents !== 'string') binary = contents;
      },
      stdout: { write: (text: string) => output.push(text) },
      stderr: { write: (text: string) => output.push(text) },
    } as never,
  );
  if (result.error !== null || binary === null) {
    throw new Error(
      `${basename(entry.pathname)} does not compile: ${result.error?.message}\n${output.join('')}`,
    );
  }
  return binary;
}

export const ENGINE: WasmFile = {
  source: new URL('../assembly/year.ts', import.meta.url),
  module: new URL('../src/engine/engine-wasm.ts', import.meta.url),
  constant: 'ENGINE_WASM',
  describe: 'The year engine: draws, terms and reinsurance of a simulated year (assembly/year.ts)',
  build: compileAssemblyScript,
};

export const WASM_FILES = [ENGINE];

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

// The WebAssembly the engine carries, and how it is made: `philox.wat` is the source, `philox-wasm.ts` the
// module's bytes as the engine loads them. `npm run wasm -w @kebao/risk` writes the second from the first
// (wabt, the WebAssembly project's assembler); a test fails when the two disagree.
import { readFile } from 'node:fs/promises';
import wabt from 'wabt';

export const PHILOX_WAT = new URL('../src/random/philox.wat', import.meta.url);
export const PHILOX_MODULE = new URL('../src/random/philox-wasm.ts', import.meta.url);

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

/** The text of philox-wasm.ts for the module's bytes. */
export function moduleSource(bytes: Uint8Array): string {
  const base64 = Buffer.from(bytes).toString('base64');
  const lines = base64.match(/.{1,100}/g) ?? [];
  return `// Written by \`npm run wasm -w @kebao/risk\` from philox.wat — edit that file, not this one.

/** Philox4x32-10 blocks as uniforms (philox.wat), ${bytes.length} bytes of WebAssembly. */
export const PHILOX_WASM: Uint8Array = Uint8Array.from(
  atob(
${lines.map((l, i) => `${i === 0 ? '    ' : '      '}'${l}'`).join(' +\n')},
  ),
  (c) => c.charCodeAt(0),
);
`;
}

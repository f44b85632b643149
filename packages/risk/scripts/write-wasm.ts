// `npm run wasm -w @kebao/risk`: writes each WebAssembly module's TypeScript file from its source (see
// wasm-files.ts).
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { moduleSource, WASM_FILES } from './wasm-files.ts';

for (const file of WASM_FILES) {
  const bytes = await file.build(file.source);
  await writeFile(file.module, moduleSource(file, bytes));
  console.log(
    `${basename(file.module.pathname)}: ${bytes.length} bytes from ${basename(file.source.pathname)}`,
  );
}

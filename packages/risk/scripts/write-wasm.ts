// `npm run wasm -w @kebao/risk`: assembles philox.wat into philox-wasm.ts (see wasm-files.ts).
import { writeFile } from 'node:fs/promises';
import { assemble, moduleSource, PHILOX_MODULE, PHILOX_WAT } from './wasm-files.ts';

const bytes = await assemble(PHILOX_WAT);
await writeFile(PHILOX_MODULE, moduleSource(bytes));
console.log(`philox-wasm.ts: ${bytes.length} bytes from philox.wat`);

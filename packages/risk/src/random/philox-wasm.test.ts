import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PHILOX } from '../../scripts/wasm-files.ts';
import { philox4x32 } from './philox.ts';
import { PHILOX_WASM } from './philox-wasm.ts';

const word = fc.nat({ max: 0xffffffff });

describe('the Philox WebAssembly module', () => {
  it('is philox.wat as the assembler makes it (npm run wasm -w @kebao/risk writes it)', async () => {
    expect(Buffer.from(PHILOX_WASM).equals(Buffer.from(await PHILOX.build(PHILOX.source)))).toBe(true);
  });

  it('computes the reference Philox4x32-10 blocks as uniforms, for any counter and key words', () => {
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(PHILOX_WASM), {});
    const refill = exports.refill as (...words: number[]) => void;
    const out = new Float64Array((exports.memory as WebAssembly.Memory).buffer, 0, 32);
    const block = new Uint32Array(4);
    fc.assert(
      fc.property(
        word,
        word,
        word,
        word,
        word,
        word,
        fc.integer({ min: 1, max: 16 }),
        (pair, year, stream, kind, k0, k1, blocks) => {
          out.fill(Number.NaN);
          refill(blocks, pair | 0, year | 0, stream | 0, kind | 0, k0 | 0, k1 | 0);
          for (let b = 0; b < blocks; b++) {
            philox4x32((pair + b) >>> 0, year, stream, kind, k0, k1, block);
            const [x0, x1, x2, x3] = block as unknown as [number, number, number, number];
            expect(out[2 * b]).toBe((x0 * 2097152 + (x1 >>> 11) + 0.5) * 2 ** -53);
            expect(out[2 * b + 1]).toBe((x2 * 2097152 + (x3 >>> 11) + 0.5) * 2 ** -53);
          }
          // Nothing past the blocks asked for is written.
          if (blocks < 16) expect(out[2 * blocks]).toBeNaN();
        },
      ),
      { numRuns: 200 },
    );
  });
});

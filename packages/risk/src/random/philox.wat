;; Philox4x32-10 blocks for DrawStream (draw-stream.ts), in WebAssembly text. The source of philox-wasm.ts:
;; `npm run wasm -w @kebao/risk` assembles it (wabt) into the bytes that file holds, and a test checks they
;; are the same.
;;
;; JavaScript has no 64-bit integer multiply outside BigInt, so a Philox round in JavaScript builds the high
;; half of each 32 × 32-bit product from four 16-bit products; WebAssembly has i64.mul, one instruction, as
;; C does. The arithmetic is the reference's (philox.ts, Random123's known-answer vectors), and each uniform
;; is formed from its block with the same double operations in the same order as the stream does, so the
;; draws are bit for bit the same.
(module
  ;; Draws are written from byte 0: 2 per block, at most 16 blocks (256 bytes) a call.
  (memory (export "memory") 1)

  ;; refill(blocks, pair, year, stream, kind, k0, k1): for b = 0 … blocks − 1, the block with counter
  ;; (pair + b, year, stream, kind) under the key (k0, k1), as the two uniforms
  ;; (x0 · 2^21 + (x1 >>> 11) + ½) · 2^-53 and (x2 · 2^21 + (x3 >>> 11) + ½) · 2^-53 at byte 16·b.
  (func (export "refill")
    (param $blocks i32) (param $pair i32) (param $year i32) (param $stream i32) (param $kind i32)
    (param $k0 i32) (param $k1 i32)
    (local $b i32) (local $x0 i32) (local $x1 i32) (local $x2 i32) (local $x3 i32)
    (local $key0 i32) (local $key1 i32) (local $p0 i64) (local $p1 i64) (local $out i32)
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $b) (local.get $blocks)))
        (local.set $x0 (i32.add (local.get $pair) (local.get $b)))
        (local.set $x1 (local.get $year))
        (local.set $x2 (local.get $stream))
        (local.set $x3 (local.get $kind))
        (local.set $key0 (local.get $k0))
        (local.set $key1 (local.get $k1))
        ;; round 1: hi0:lo0 = M0 · x0, hi1:lo1 = M1 · x2 (unsigned 64-bit products); the key steps by the Weyl constants
        (local.set $p0 (i64.mul (i64.const 0xD2511F53) (i64.extend_i32_u (local.get $x0))))
        (local.set $p1 (i64.mul (i64.const 0xCD9E8D57) (i64.extend_i32_u (local.get $x2))))
        (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $key0)))
        (local.set $x1 (i32.wrap_i64 (local.get $p1)))
        (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $key1)))
        (local.set $x3 (i32.wrap_i64 (local.get $p0)))
        (local.set $key0 (i32.add (local.get $key0) (i32.const 0x9E3779B9)))
        (local.set $key1 (i32.add (local.get $key1) (i32.const 0xBB67AE85)))
        ;; round 2: hi0:lo0 = M0 · x0, hi1:lo1 = M1 · x2 (unsigned 64-bit products); the key steps by the Weyl constants
        (local.set $p0 (i64.mul (i64.const 0xD2511F53) (i64.extend_i32_u (local.get $x0))))
        (local.set $p1 (i64.mul (i64.const 0xCD9E8D57) (i64.extend_i32_u (local.get $x2))))
        (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $key0)))
        (local.set $x1 (i32.wrap_i64 (local.get $p1)))
        (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $key1)))
        (local.set $x3 (i32.wrap_i64 (local.get $p0)))
        (local.set $key0 (i32.add (local.get $key0) (i32.const 0x9E3779B9)))
        (local.set $key1 (i32.add (local.get $key1) (i32.const 0xBB67AE85)))
        ;; round 3: hi0:lo0 = M0 · x0, hi1:lo1 = M1 · x2 (unsigned 64-bit products); the key steps by the Weyl constants
        (local.set $p0 (i64.mul (i64.const 0xD2511F53) (i64.extend_i32_u (local.get $x0))))
        (local.set $p1 (i64.mul (i64.const 0xCD9E8D57) (i64.extend_i32_u (local.get $x2))))
        (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $key0)))
        (local.set $x1 (i32.wrap_i64 (local.get $p1)))
        (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $key1)))
        (local.set $x3 (i32.wrap_i64 (local.get $p0)))
        (local.set $key0 (i32.add (local.get $key0) (i32.const 0x9E3779B9)))
        (local.set $key1 (i32.add (local.get $key1) (i32.const 0xBB67AE85)))
        ;; round 4: hi0:lo0 = M0 · x0, hi1:lo1 = M1 · x2 (unsigned 64-bit products); the key steps by the Weyl constants
        (local.set $p0 (i64.mul (i64.const 0xD2511F53) (i64.extend_i32_u (local.get $x0))))
        (local.set $p1 (i64.mul (i64.const 0xCD9E8D57) (i64.extend_i32_u (local.get $x2))))
        (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $key0)))
        (local.set $x1 (i32.wrap_i64 (local.get $p1)))
        (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $key1)))
        (local.set $x3 (i32.wrap_i64 (local.get $p0)))
        (local.set $key0 (i32.add (local.get $key0) (i32.const 0x9E3779B9)))
        (local.set $key1 (i32.add (local.get $key1) (i32.const 0xBB67AE85)))
        ;; round 5: hi0:lo0 = M0 · x0, hi1:lo1 = M1 · x2 (unsigned 64-bit products); the key steps by the Weyl constants
        (local.set $p0 (i64.mul (i64.const 0xD2511F53) (i64.extend_i32_u (local.get $x0))))
        (local.set $p1 (i64.mul (i64.const 0xCD9E8D57) (i64.extend_i32_u (local.get $x2))))
        (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $key0)))
        (local.set $x1 (i32.wrap_i64 (local.get $p1)))
        (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $key1)))
        (local.set $x3 (i32.wrap_i64 (local.get $p0)))
        (local.set $key0 (i32.add (local.get $key0) (i32.const 0x9E3779B9)))
        (local.set $key1 (i32.add (local.get $key1) (i32.const 0xBB67AE85)))
        ;; round 6: hi0:lo0 = M0 · x0, hi1:lo1 = M1 · x2 (unsigned 64-bit products); the key steps by the Weyl constants
        (local.set $p0 (i64.mul (i64.const 0xD2511F53) (i64.extend_i32_u (local.get $x0))))
        (local.set $p1 (i64.mul (i64.const 0xCD9E8D57) (i64.extend_i32_u (local.get $x2))))
        (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $key0)))
        (local.set $x1 (i32.wrap_i64 (local.get $p1)))
        (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $key1)))
        (local.set $x3 (i32.wrap_i64 (local.get $p0)))
        (local.set $key0 (i32.add (local.get $key0) (i32.const 0x9E3779B9)))
        (local.set $key1 (i32.add (local.get $key1) (i32.const 0xBB67AE85)))
        ;; round 7: hi0:lo0 = M0 · x0, hi1:lo1 = M1 · x2 (unsigned 64-bit products); the key steps by the Weyl constants
        (local.set $p0 (i64.mul (i64.const 0xD2511F53) (i64.extend_i32_u (local.get $x0))))
        (local.set $p1 (i64.mul (i64.const 0xCD9E8D57) (i64.extend_i32_u (local.get $x2))))
        (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $key0)))
        (local.set $x1 (i32.wrap_i64 (local.get $p1)))
        (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $key1)))
        (local.set $x3 (i32.wrap_i64 (local.get $p0)))
        (local.set $key0 (i32.add (local.get $key0) (i32.const 0x9E3779B9)))
        (local.set $key1 (i32.add (local.get $key1) (i32.const 0xBB67AE85)))
        ;; round 8: hi0:lo0 = M0 · x0, hi1:lo1 = M1 · x2 (unsigned 64-bit products); the key steps by the Weyl constants
        (local.set $p0 (i64.mul (i64.const 0xD2511F53) (i64.extend_i32_u (local.get $x0))))
        (local.set $p1 (i64.mul (i64.const 0xCD9E8D57) (i64.extend_i32_u (local.get $x2))))
        (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $key0)))
        (local.set $x1 (i32.wrap_i64 (local.get $p1)))
        (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $key1)))
        (local.set $x3 (i32.wrap_i64 (local.get $p0)))
        (local.set $key0 (i32.add (local.get $key0) (i32.const 0x9E3779B9)))
        (local.set $key1 (i32.add (local.get $key1) (i32.const 0xBB67AE85)))
        ;; round 9: hi0:lo0 = M0 · x0, hi1:lo1 = M1 · x2 (unsigned 64-bit products); the key steps by the Weyl constants
        (local.set $p0 (i64.mul (i64.const 0xD2511F53) (i64.extend_i32_u (local.get $x0))))
        (local.set $p1 (i64.mul (i64.const 0xCD9E8D57) (i64.extend_i32_u (local.get $x2))))
        (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $key0)))
        (local.set $x1 (i32.wrap_i64 (local.get $p1)))
        (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $key1)))
        (local.set $x3 (i32.wrap_i64 (local.get $p0)))
        (local.set $key0 (i32.add (local.get $key0) (i32.const 0x9E3779B9)))
        (local.set $key1 (i32.add (local.get $key1) (i32.const 0xBB67AE85)))
        ;; round 10: hi0:lo0 = M0 · x0, hi1:lo1 = M1 · x2 (unsigned 64-bit products); the key steps by the Weyl constants
        (local.set $p0 (i64.mul (i64.const 0xD2511F53) (i64.extend_i32_u (local.get $x0))))
        (local.set $p1 (i64.mul (i64.const 0xCD9E8D57) (i64.extend_i32_u (local.get $x2))))
        (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $key0)))
        (local.set $x1 (i32.wrap_i64 (local.get $p1)))
        (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $key1)))
        (local.set $x3 (i32.wrap_i64 (local.get $p0)))
        (local.set $out (i32.shl (local.get $b) (i32.const 4)))
        (f64.store (local.get $out)
          (f64.mul
            (f64.add
              (f64.add (f64.mul (f64.convert_i32_u (local.get $x0)) (f64.const 2097152))
                       (f64.convert_i32_u (i32.shr_u (local.get $x1) (i32.const 11))))
              (f64.const 0.5))
            (f64.const 0x1p-53)))
        (f64.store offset=8 (local.get $out)
          (f64.mul
            (f64.add
              (f64.add (f64.mul (f64.convert_i32_u (local.get $x2)) (f64.const 2097152))
                       (f64.convert_i32_u (i32.shr_u (local.get $x3) (i32.const 11))))
              (f64.const 0.5))
            (f64.const 0x1p-53)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $block)))))

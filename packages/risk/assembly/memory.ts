// Reading and writing the module's memory, and laying arrays out in it. Arrays are addressed by the byte
// address of their first element (the globals of portfolio.ts); an index is never negative where these
// are called.

/** Element i of the float64 array at `array`. */
export function f(array: usize, i: i32): f64 {
  return load<f64>(array + ((<usize>i) << 3));
}

export function setF(array: usize, i: i32, value: f64): void {
  store<f64>(array + ((<usize>i) << 3), value);
}

/** Element i of the int32 array at `array`. */
export function n(array: usize, i: i32): i32 {
  return load<i32>(array + ((<usize>i) << 2));
}

export function setN(array: usize, i: i32, value: i32): void {
  store<i32>(array + ((<usize>i) << 2), value);
}

/** Element i of the uint8 array at `array`. */
export function b(array: usize, i: i32): i32 {
  return <i32>load<u8>(array + <usize>i);
}

/** The end of what is laid out so far (8-byte aligned). */
let top: usize = (__heap_base + 7) & ~(<usize>7);

/**
 * Room for `bytes` at the end of the memory, 8-byte aligned, growing the memory when needed (which
 * detaches the JavaScript side's views of it). Never freed: an array that outgrows its room moves to the
 * end, doubled, so the memory stays within about twice what the largest year needed.
 */
export function allocate(bytes: usize): usize {
  const address = top;
  top += (max<usize>(bytes, 8) + 7) & ~(<usize>7);
  const pages = <i32>((top + 0xffff) >>> 16) - memory.size();
  if (pages > 0 && memory.grow(pages) < 0) unreachable();
  return address;
}

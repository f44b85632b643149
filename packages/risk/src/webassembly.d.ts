// The part of the WebAssembly JavaScript API the engine uses (the draw stream's Philox blocks, the
// financial module). Node has it as a global, but its type definitions (@types/node 20) leave it to the
// DOM library, which this project does not load.
declare global {
  namespace WebAssembly {
    class Module {
      constructor(bytes: Uint8Array);
    }
    class Instance {
      constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
      readonly exports: Record<string, unknown>;
    }
    class Memory {
      readonly buffer: ArrayBuffer;
      /** Adds pages of 64 KiB; the old buffer is detached. Returns the previous size in pages. */
      grow(pages: number): number;
    }
    class Global {
      value: number;
    }
  }
}

export {};

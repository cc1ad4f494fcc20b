// The fixed I/O area: the SDK copies presentations, messages and keys here before calling the core,
// so that no call needs an allocator. 64 KiB holds the largest presentation (4,096 bytes) in any of
// its transports (base45 text is 1.5x, hex 2x) with room for keys and outputs.
export const IO_CAPACITY: usize = 65536;
export const IO_BUFFER: usize = memory.data(65536, 16);

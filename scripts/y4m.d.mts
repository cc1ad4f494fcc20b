export function writeY4m(path: string, frames: readonly Uint8Array[], options: { width: number; height: number; fps?: number }): void;

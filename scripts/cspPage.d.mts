import type { Browser } from 'playwright-core';

export const CHROMIUM: string;
export const STRICT_CSP: string;
export function buildPage(root: string): Promise<string>;
export type Route = (body: Buffer) => [status: number, type: string, body: string | Uint8Array];
export function servePage(dir: string, options?: { csp?: string; routes?: Record<string, Route> }): Promise<{ url: string; close(): Promise<void> }>;
export function launchChromium(options?: { camera?: string; exposeGc?: boolean }): Promise<Browser>;
export function removePage(dir: string): void;

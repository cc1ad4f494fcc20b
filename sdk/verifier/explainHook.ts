/**
 * Where verify(..., { explain: true }) finds the explain module. sdk/explain/index.ts (the package's
 * `passgate/explain`, loaded by `passgate/node`, the command line and `passgate serve`) installs it,
 * so that a browser bundle that never explains does not carry it (about 5 KB after gzip).
 */
import type { Verification } from './verificationResult.js';
import type { ExplainContext } from './explainContext.js';
import type { ResultDetail } from './resultDetail.js';

export type Explainer = (v: Verification, input: string | Uint8Array, ctx: ExplainContext) => ResultDetail;

let installed: Explainer | undefined;

export function installExplainer(explainer: Explainer): void {
  installed = explainer;
}

export function installedExplainer(): Explainer | undefined {
  return installed;
}

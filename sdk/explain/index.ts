/**
 * `passgate/explain`: import it once (`import 'passgate/explain'`) and verify(..., { explain: true })
 * adds a detail to each result: the step of PG1 §5 that decided it and the values compared there.
 * Node entries (`passgate/node`, the command line, `passgate serve`) load it themselves.
 *
 * @module passgate/explain
 */
import { installExplainer } from '../verifier/explainHook.js';
import { explainResult } from './explainResult.js';

installExplainer(explainResult);

export { explainResult };
export type { ResultDetail, DetailValue } from '../verifier/resultDetail.js';
export type { ExplainContext } from '../verifier/explainContext.js';

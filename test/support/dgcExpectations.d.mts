/** A file of the EU DCC corpus, with the fields test/vectors/dgc-testdata/corpus.json keeps. */
export interface CorpusFile {
  readonly file: string;
  readonly PREFIX: string;
  readonly TESTCTX: { readonly CERTIFICATE: string; readonly VALIDATIONCLOCK: string };
  readonly EXPECTEDRESULTS: Readonly<Record<string, boolean>>;
}
export interface DscEntry { kid: string; country: string; certificateType: string; rawData: string }
export function loadCorpus(): readonly CorpusFile[];
export function clockSeconds(text: string): number;
export function knownIssueFlags(file: string): ReadonlySet<string>;
export function expectations(file: CorpusFile): ReadonlyMap<string, boolean>;
export function disagreement(file: CorpusFile, result: string): string | null;
export function expectsEarlyFailure(file: CorpusFile): boolean;
export function dscEntry(file: CorpusFile): DscEntry;

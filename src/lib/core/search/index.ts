export { ANALYZER_VERSION, STOP_WORDS, analyze, indexColumns, partsOf, requisitesText, termOf } from './analyze';
export type { TermToken } from './analyze';
export { MIN_PREFIX, hasPositive, parseQuery, prefixTerm, toFtsMatch } from './query';
export type { ParsedQuery, PhraseClause, QueryClause, TermClause } from './query';
export { highlightRanges, makeSnippet, matchRanges, toSegments } from './highlight';
export type { Range, Segment, Snippet } from './highlight';

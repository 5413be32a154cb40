/** Public API of the pure rule engine. */
export * from './types';
export { compileRules, auditText, auditUnits, actSignals, spanTexts, PatternError, type CompiledRules } from './engine';

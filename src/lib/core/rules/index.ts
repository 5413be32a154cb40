/** Public API of the pure rule engine. */
export * from './types';
export { ENGINE_VERSION, compileRules, auditText, auditUnits, actSignals, explainText, spanTexts, PatternError, type CompiledRules, type RuleExplanation } from './engine';

export * from './Diagnostic.ts';
export * from './codeFrame.ts';
export * from './formatDiagnostics.ts';
export * from './didYouMean.ts';

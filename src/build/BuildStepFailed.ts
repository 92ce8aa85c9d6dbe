// How a build step stops the build over a problem the user can fix.

import type { Diagnostic } from '../diagnostics/index.ts';

/** A build step's problems with the user's set-up or files: the build stops and says so, dist/ untouched. */
export class BuildStepFailed extends Error {
  diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('; '));
    this.diagnostics = diagnostics;
  }
}

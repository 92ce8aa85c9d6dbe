// Build step, optional: with POLICY_PRESS_SEAL_P12 set, an issuer (a trust or local authority) certifies every PDF it publishes.

import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadP12 } from '../sign/loadP12.ts';
import { certifyPdf } from '../sign/signPdf.ts';
import type { BuildStep } from './buildProject.ts';
import { BuildStepFailed } from './BuildStepFailed.ts';

export const SEAL_P12_VARIABLE = 'POLICY_PRESS_SEAL_P12';
export const SEAL_PASSPHRASE_VARIABLE = 'POLICY_PRESS_SEAL_PASSPHRASE';

/**
 * Appends a certification signature (DocMDP P 2: form filling and further
 * signatures allowed) to each dist/<slug>/policy.pdf, so the PDF as built
 * stays its first revision and governors can still sign it. The time is
 * SOURCE_DATE_EPOCH when set, so a sealed build is reproducible too (with an
 * RSA key, whose signatures are deterministic).
 */
export const sealPdfs: BuildStep = async (project, staging, options, pending) => {
  const env = options.env ?? process.env;
  const p12 = env[SEAL_P12_VARIABLE];
  if (!p12) return;
  const label = p12;
  const fail = (code: string, message: string, hint: string): never => {
    throw new BuildStepFailed([{ code, severity: 'error', message, hint, file: label }]);
  };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(resolve(options.root, p12)));
  } catch {
    return fail('SEAL_P12_NOT_FOUND', `${SEAL_P12_VARIABLE} names ${p12}, which cannot be read`, `set ${SEAL_P12_VARIABLE} to the issuer's .p12 file, or unset it to build without a seal`);
  }
  const passphrase = env[SEAL_PASSPHRASE_VARIABLE];
  if (passphrase === undefined) return fail('SEAL_NO_PASSPHRASE', `${SEAL_PASSPHRASE_VARIABLE} is not set`, `set it to the passphrase of ${p12} (the build never asks)`);
  const loaded = await loadP12(bytes, passphrase, label, SEAL_PASSPHRASE_VARIABLE);
  const identity = loaded.value;
  if (!identity) throw new BuildStepFailed(loaded.diagnostics);

  const epoch = env.SOURCE_DATE_EPOCH;
  const time = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  let done = 0;
  // Each PDF is sealed as soon as it is written (see PendingFiles), and the seal is then what the page links.
  for (const slug of project.documents.keys()) {
    const path = `${slug}/policy.pdf`;
    const sealed = pending.of(path).then(async () => {
      const file = join(staging, path);
      const result = await certifyPdf(new Uint8Array(readFileSync(file)), { identity, time, reason: `Issued by ${identity.signerName}`, label: path });
      if (!result.value) throw new BuildStepFailed(result.diagnostics);
      writeFileSync(file, result.value);
      options.progress?.tick('seals', ++done, project.documents.size);
    });
    pending.add(path, sealed);
  }
};

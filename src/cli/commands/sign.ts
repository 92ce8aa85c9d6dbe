// `policy-press sign IN.pdf --p12 FILE --field ROLE -o OUT.pdf`: a governor signs a sign-off field (PAdES B-B, appended).

import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Diagnostic } from '../../diagnostics/index.ts';
import { loadP12 } from '../../sign/loadP12.ts';
import { signPdf } from '../../sign/signPdf.ts';
import { type Command, EXIT, type Io, UsageError } from '../Command.ts';
import { printDiagnostics } from '../printDiagnostics.ts';
import { promptHidden } from '../promptHidden.ts';

export const PASSPHRASE_VARIABLE = 'POLICY_PRESS_P12_PASSPHRASE';

const shown = (io: Io, file: string) => {
  const rel = relative(io.cwd, file);
  return rel.startsWith('..') ? file : rel;
};

/** The same file, even through a symbolic link or a different spelling of the path. */
function samePath(a: string, b: string): boolean {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : resolve(p));
  return real(a) === real(b);
}

export const sign: Command = {
  name: 'sign',
  summary: "sign a policy PDF's sign-off field with a certificate (PAdES)",
  usage: 'policy-press sign IN.pdf --p12 FILE --field ROLE -o OUT.pdf [--reason TEXT] [--location TEXT] [--allow-expired]',
  help: `Signs one signature field on the policy PDF's sign-off page with the
certificate and private key in a PKCS#12 file (.p12 or .pfx), and writes the
signed copy to OUT.pdf. The signature is a PAdES baseline B-B signature
(ETSI.CAdES.detached), drawn in the field's box with the signer's name, their
role and the date.

Signing appends: the PDF as built stays, byte for byte, at the start of the
signed copy, and a second signature (the Headteacher after the Chair) leaves
the first one valid. Check a signed copy with \`policy-press verify\`.

The passphrase of the key file is read from the environment variable
${PASSPHRASE_VARIABLE}, or asked for on the terminal (nothing is shown as you
type). It is never accepted on the command line, and neither it nor the key is
written anywhere.

Options:
  --p12 FILE        the signer's certificate and private key (PKCS#12)
  --field ROLE      the field to sign: chair (or chair_of_governors),
                    headteacher, … as named on the sign-off page
  -o, --out FILE    where to write the signed copy (not the input file)
  --reason TEXT     why it is signed (default "Approved as <role>")
  --location TEXT   where it was signed, e.g. the school's name
  --allow-expired   sign even though the certificate has expired (a warning
                    is given; viewers will show the signature as untrusted)
  -h, --help        show this help

Keep signed copies in approved/SLUG/YYYY-MM-DD.pdf (the approval date): the
build publishes the newest one whose wording is the current policy.

Exit status: 0 signed, 1 a problem with the PDF, the key file or the
certificate (nothing is written), 2 a usage error.`,
  options: {
    p12: { type: 'string' },
    field: { type: 'string' },
    out: { type: 'string', short: 'o' },
    reason: { type: 'string' },
    location: { type: 'string' },
    'allow-expired': { type: 'boolean' },
  },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('give the PDF to sign, e.g. `policy-press sign dist/ashmole-primary/policy.pdf --p12 me.p12 --field chair -o signed.pdf`');
    const need = (name: string, example: string) => {
      const value = values[name] as string | undefined;
      if (value === undefined || !value.trim()) throw new UsageError(`--${name} is required, e.g. ${example}`);
      return value;
    };
    const p12Path = resolve(io.cwd, need('p12', '`--p12 governor.p12`'));
    const field = need('field', '`--field chair`');
    const out = resolve(io.cwd, need('out', '`-o signed.pdf`'));
    const input = resolve(io.cwd, positionals[0]!);
    const label = positionals[0]!;
    const fail = (diagnostics: Diagnostic[]) => {
      printDiagnostics(diagnostics, new Map(), io);
      io.stderr('Nothing was written.\n');
      return EXIT.FAILED;
    };
    const problem = (code: string, message: string, hint: string, file?: string): Diagnostic => ({ code, severity: 'error', message, hint, ...(file ? { file } : {}) });

    if (samePath(input, out)) return fail([problem('OUTPUT_IS_INPUT', 'the output file is the input file', 'write the signed copy to a new file, e.g. `-o approved/<slug>/YYYY-MM-DD.pdf`; the PDF as built is kept unchanged')]);
    if (!existsSync(input)) return fail([problem('FILE_NOT_FOUND', `${label} does not exist`, 'build the PDF first: `npm run build` writes dist/<slug>/policy.pdf', label)]);
    if (!existsSync(p12Path)) return fail([problem('FILE_NOT_FOUND', `${values.p12 as string} does not exist`, 'give the .p12/.pfx file holding your certificate and private key', values.p12 as string)]);
    const pdfBytes = new Uint8Array(readFileSync(input));
    const p12Bytes = new Uint8Array(readFileSync(p12Path));

    const passphrase = io.env[PASSPHRASE_VARIABLE] ?? (await promptHidden(`Passphrase for ${basename(p12Path)}: `));
    if (passphrase === undefined) {
      return fail([problem('NO_PASSPHRASE', `no passphrase for ${values.p12 as string}`, `set ${PASSPHRASE_VARIABLE}, or run the command in a terminal to be asked`)]);
    }
    const identity = await loadP12(p12Bytes, passphrase, values.p12 as string);
    if (!identity.value) return fail(identity.diagnostics);

    const signed = await signPdf(pdfBytes, {
      identity: identity.value,
      field,
      reason: values.reason as string | undefined,
      location: values.location as string | undefined,
      time: new Date(),
      allowExpired: Boolean(values['allow-expired']),
      label,
    });
    if (!signed.value) return fail(signed.diagnostics);
    printDiagnostics(signed.diagnostics, new Map(), io);

    // Written beside the target and renamed into place, so a failure never leaves half a file.
    const temporary = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
    try {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(temporary, signed.value.bytes);
      renameSync(temporary, out);
    } catch (error) {
      rmSync(temporary, { force: true });
      return fail([problem('CANNOT_WRITE', `cannot write ${shown(io, out)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'check the folder exists and you may write to it')]);
    }
    io.stderr(`signed the ${signed.value.role} field (${signed.value.field}) as ${identity.value.signerName} → ${shown(io, out)}\n`);
    return EXIT.OK;
  },
};

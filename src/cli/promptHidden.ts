// Asking for a passphrase on the terminal without showing what is typed (the CLI is the only place that talks to the terminal).

/**
 * Reads one line from the terminal with echo off. Returns undefined when
 * standard input is not a terminal, or on Ctrl-C / Ctrl-D with nothing typed.
 * The answer is never echoed, logged or kept beyond the returned string.
 */
export async function promptHidden(prompt: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string | undefined> {
  if (!input.isTTY || typeof input.setRawMode !== 'function') return undefined;
  // Echo off before the prompt shows, so even type-ahead is never echoed.
  const wasRaw = input.isRaw;
  input.setRawMode(true);
  output.write(prompt);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve) => {
    let value = '';
    const finish = (answer: string | undefined) => {
      input.off('data', onData);
      input.setRawMode(wasRaw);
      input.pause();
      output.write('\n');
      resolve(answer);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish(value);
        if (char === '\u0003') return finish(undefined);
        if (char === '\u0004') return finish(value || undefined);
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else if (char >= ' ') value += char;
      }
    };
    input.on('data', onData);
  });
}

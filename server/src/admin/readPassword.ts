/** The password for `pnpm admin:create`: typed at the terminal without echo, or the first line of a pipe. */
import type { ReadStream } from 'node:tty';

/** First line of a piped standard input (a trailing CR from Windows files dropped). */
export async function readFirstLine(input: NodeJS.ReadableStream): Promise<string> {
  let buffered = '';
  for await (const chunk of input) {
    buffered += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    const newline = buffered.indexOf('\n');
    if (newline >= 0) return buffered.slice(0, newline).replace(/\r$/, '');
  }
  return buffered.replace(/\r$/, '');
}

/** Read one line from the terminal in raw mode, echoing nothing; Ctrl+C or Ctrl+D aborts. */
export function readHidden(input: ReadStream, prompt: string, output: NodeJS.WritableStream): Promise<string> {
  output.write(prompt);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003' || ch === '\u0004') return finish(new Error('aborted'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}

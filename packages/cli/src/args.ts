import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io';

/**
 * Edit distance: insertions, deletions, substitutions and swaps of two neighbours (`lsit` is one
 * edit from `list`) — the optimal string alignment distance.
 */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      let distance = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        distance = Math.min(distance, (before[j - 2] ?? 0) + 1);
      current[j] = distance;
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The known name closest to what was typed, if it is close enough to be a typo (one edit for
 * short names, two for longer ones). Only our own names are ever suggested, so nothing the user
 * typed is echoed.
 */
export function closest(typed: string, known: readonly string[]): string | undefined {
  const word = typed.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(word, name.toLowerCase());
    if (best === undefined || distance < best.distance) best = { name, distance };
  }
  if (best === undefined) return undefined;
  const allowed = word.length >= 5 ? 2 : 1;
  return best.distance <= allowed ? best.name : undefined;
}

/** `, did you mean X?` or nothing. */
export function didYouMean(typed: string, known: readonly string[]): string {
  const name = closest(typed, known);
  return name === undefined ? '' : ` — did you mean ${name}?`;
}

/**
 * `parseArgs`, with an unknown option answered in our words: its name only when it looks like a
 * flag (anything else may be a secret pasted in the wrong place), and the flag it was probably
 * meant to be.
 */
export function parseFlags<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || typeof message !== 'string') throw error;
    const option = /'([^']*)'/.exec(message)?.[1] ?? '';
    const name = /^--[a-z][a-z-]{0,30}$/.test(option) ? ` '${option}'` : '';
    const flags = Object.keys(config.options ?? {}).map((flag) => `--${flag}`);
    const typed = /^--?[^=]*/.exec(option)?.[0] ?? '';
    const hint = typed.startsWith('--') ? didYouMean(typed, flags) : '';
    throw new UsageError(`unknown option${name}${hint} (run with --help for the options)`);
  }
}

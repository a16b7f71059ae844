import { readFileSync } from 'node:fs';
import { FleetJobSchema, type FleetJob } from '@invoicekit/fleet';
import type { z } from 'zod';
import { UsageError, quoted } from '../../io';
import { PROVIDERS } from '../../providers';

/** A field or key name safe to echo: letters, digits, `_` and `-` (anything else may be a value). */
const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,40}$/;

const shown = (name: string): string => (NAME.test(name) ? name : '(a key not shown)');

/** One problem with a job, in words that name the field and never quote its value. */
function issueText(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((part) => shown(String(part))).join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map(shown).join(', ');
    return `${path === '' ? '' : `${path}: `}unknown field${issue.keys.length > 1 ? 's' : ''} ${keys} (a job holds tenantId, kind, from, to and options only — never a credential; values are not shown)`;
  }
  // zod's own messages say what was expected and of which type, not what was given.
  return `${path === '' ? '(the job)' : path}: ${issue.message}`;
}

/** One job as written in the file: where it is, and what it holds. */
interface Entry {
  readonly where: string;
  readonly value: unknown;
}

/** A JSON array (`[{…}, {…}]`), each element named by its index. */
function arrayEntries(text: string, path: string): Entry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The parser's message quotes the text around the error: the file may hold a pasted secret.
    throw new UsageError(
      `--tenants: ${path} is not valid JSON (an array of jobs, or one per line)`,
    );
  }
  if (!Array.isArray(parsed))
    throw new UsageError(`--tenants: ${path} must hold an array of jobs, or one job per line`);
  return parsed.map((value: unknown, index) => ({ where: `index ${index}`, value }));
}

/** JSON lines: one job per line, blank lines skipped, each named by its line number. */
function lineEntries(text: string, path: string): Entry[] {
  const entries: Entry[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      entries.push({ where: `line ${index + 1}`, value: JSON.parse(line) });
    } catch {
      throw new UsageError(`--tenants: ${path} line ${index + 1} is not valid JSON`);
    }
  });
  return entries;
}

/**
 * Reads and checks every job of a tenants file with the fleet's schema before anything is
 * enqueued: the first bad one is a usage error naming its line (JSON lines) or index (a JSON
 * array) and its field, never a value — a credential pasted into the file must not be echoed.
 * A tenant listed twice is refused too: only one of its jobs could wait in the queue.
 */
export function readJobsFile(path: string): FleetJob[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new UsageError(
      `--tenants: cannot read ${path}${typeof code === 'string' ? ` (${code})` : ''}`,
    );
  }
  const entries = text.trimStart().startsWith('[')
    ? arrayEntries(text, path)
    : lineEntries(text, path);
  if (entries.length === 0) throw new UsageError(`--tenants: ${path} holds no jobs`);
  const firstSeen = new Map<string, string>();
  return entries.map(({ where, value }) => {
    const parsed = FleetJobSchema.safeParse(value);
    if (!parsed.success)
      throw new UsageError(
        `--tenants: ${path} ${where}: ${parsed.error.issues.map(issueText).join('; ')}`,
      );
    for (const side of ['from', 'to'] as const)
      if (!(PROVIDERS as readonly string[]).includes(parsed.data[side]))
        throw new UsageError(
          `--tenants: ${path} ${where}: ${side}: unknown provider ${quoted(parsed.data[side])} (one of ${PROVIDERS.join(', ')})`,
        );
    const earlier = firstSeen.get(parsed.data.tenantId);
    if (earlier !== undefined)
      throw new UsageError(
        `--tenants: ${path} ${where}: tenant ${JSON.stringify(parsed.data.tenantId)} is listed twice (first at ${earlier})`,
      );
    firstSeen.set(parsed.data.tenantId, where);
    return parsed.data;
  });
}

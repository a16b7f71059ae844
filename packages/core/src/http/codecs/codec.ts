/** Turns request bodies into wire text and response text into values. */
export interface Codec {
  readonly name: 'json' | 'xml';
  /** `Content-Type` for request bodies. */
  readonly contentType: string;
  /** `Accept` header value. */
  readonly accept: string;
  encode(body: unknown): string;
  /** Throws {@link CodecError} when the text is not in this format. */
  decode(text: string): unknown;
  /**
   * Matches where the format can spell a character other than as itself (JSON's `\`, XML's
   * `&`). A text without a match decodes to strings and keys that appear in it verbatim, so the
   * transport can look for an echoed secret in the text instead of walking the decoded value.
   * Without it, every decoded value is walked.
   */
  readonly escapes?: RegExp;
}

/** The response was not in the expected format (an HTML login page instead of JSON, …). */
export class CodecError extends Error {
  constructor(
    message: string,
    /** True when the text looks like an HTML page. */
    readonly looksLikeHtml: boolean,
  ) {
    super(message);
    this.name = 'CodecError';
  }
}

/** True when a body is an HTML document rather than data. */
export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html[\s>])/i.test(text);
}

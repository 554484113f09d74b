import { invalidFilter } from '../errors.ts';

/**
 * Tokens of a SCIM filter. A `word` is any run of characters other than whitespace, brackets and quotes: attribute
 * paths, operators, keywords, numbers and true/false/null are all words, told apart by the parser from their
 * position, which lets it name the offending word in its errors ("Unknown operator "eqq" at position 9").
 */
export type Token =
  | { type: 'word'; text: string; pos: number }
  | { type: 'string'; text: string; value: string; pos: number }
  | { type: '(' | ')' | '[' | ']' | 'eof'; text: string; pos: number };

const PUNCTUATION = new Set(['(', ')', '[', ']']);
const WORD_END = /[\s()[\]"']/;

/** Positions in messages are 0-based character offsets into the filter text. */
export function tokenize(text: string, lenient: boolean): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (PUNCTUATION.has(ch)) {
      tokens.push({ type: ch as '(' | ')' | '[' | ']', text: ch, pos: i });
      i++;
    } else if (ch === '"') {
      const end = closingQuote(text, i, '"');
      const raw = text.slice(i, end + 1);
      tokens.push({ type: 'string', text: raw, value: parseJsonString(raw, i), pos: i });
      i = end + 1;
    } else if (ch === "'") {
      // RFC 7644's own example `displayName sw 'Group'` breaks its ABNF; accepted only as an interop form (A12).
      if (!lenient) throw invalidFilter(`Single-quoted string at position ${i}: filter strings must use double quotes`);
      const end = closingQuote(text, i, "'");
      const raw = text.slice(i, end + 1);
      tokens.push({ type: 'string', text: raw, value: parseJsonString(singleToDoubleQuoted(raw), i), pos: i });
      i = end + 1;
    } else {
      const start = i;
      while (i < text.length && !WORD_END.test(text[i])) i++;
      tokens.push({ type: 'word', text: text.slice(start, i), pos: start });
    }
  }
  tokens.push({ type: 'eof', text: '', pos: text.length });
  return tokens;
}

function closingQuote(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  throw invalidFilter(`Unterminated string starting at position ${start}`);
}

/** String literals are JSON strings (RFC 7644 Figure 1), so JSON.parse applies exactly the JSON escape rules. */
function parseJsonString(raw: string, pos: number): string {
  try {
    return JSON.parse(raw) as string;
  } catch {
    throw invalidFilter(`Invalid string literal ${raw} at position ${pos}: not a valid JSON string`);
  }
}

/** 'it\'s "x"' → "it's \"x\"", so a single-quoted literal goes through the same JSON escape rules. */
function singleToDoubleQuoted(raw: string): string {
  let out = '"';
  for (let i = 1; i < raw.length - 1; i++) {
    const ch = raw[i];
    if (ch === '\\' && raw[i + 1] === "'") {
      out += "'";
      i++;
    } else if (ch === '\\') {
      out += ch + (raw[i + 1] ?? '');
      i++;
    } else {
      out += ch === '"' ? '\\"' : ch;
    }
  }
  return out + '"';
}

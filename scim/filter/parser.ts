import { invalidFilter, type ScimError } from '../errors.ts';
import type { AttrRef } from '../schema/registry.ts';
import { COMPARE_OPS, type CompareOp, type Filter, type FilterOptions } from './ast.ts';
import { tokenize, type Token } from './lexer.ts';

/** Longer filters are refused before any work is done; 8 KiB is far beyond any filter an IdP sends. */
export const MAX_FILTER_LENGTH = 8192;
/** Parentheses, `not` and `[` each add a level; the limit keeps recursion far from the stack's end. */
export const MAX_FILTER_DEPTH = 64;

const NAME = String.raw`(?:\$ref|[A-Za-z][\w-]*)`;
/** attrPath = [URI ":"] ATTRNAME *1subAttr; the greedy URN part makes the last colon the separator. */
const ATTR_PATH = new RegExp(String.raw`^(?:(urn:\S+):)?(${NAME})(?:\.(${NAME}))?$`, 'i');
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Parses RFC 7644 §3.4.2.2 filter text (Figure 1 ABNF) into a Filter; throws ScimError 400 invalidFilter.
 * Hand-written recursive descent: the grammar is small, and we need SCIM-specific error messages and the
 * interop forms of A12, which no general-purpose parser package gives us.
 */
export function parseFilter(text: string, options: FilterOptions = {}): Filter {
  if (text.length > MAX_FILTER_LENGTH) {
    throw invalidFilter(`Filter is ${text.length} characters long; the limit is ${MAX_FILTER_LENGTH}`);
  }
  const lenient = options.lenient === true;
  const filter = new Parser(tokenize(text, lenient), lenient).parse();
  if (lenient) parsedLeniently.add(filter);
  return filter;
}

/**
 * Filters parsed in lenient mode, so that compileFilter applies the lenient comparisons (boolean "True") to them
 * without every caller having to pass the option twice.
 */
const parsedLeniently = new WeakSet<Filter>();

export function wasParsedLeniently(filter: Filter): boolean {
  return parsedLeniently.has(filter);
}

const isWord = (t: Token, keyword: string) => t.type === 'word' && t.text.toLowerCase() === keyword;

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly lenient: boolean,
  ) {}

  parse(): Filter {
    if (this.peek().type === 'eof') throw invalidFilter('Filter is empty');
    const filter = this.parseOr(false);
    const rest = this.peek();
    if (rest.type !== 'eof') throw unexpected(rest, '"and", "or" or the end of the filter');
    return filter;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (token.type !== 'eof') this.index++;
    return token;
  }

  /** `inValue` is true inside `attr[...]`, where paths name sub-attributes and brackets may not nest. */
  private parseOr(inValue: boolean): Filter {
    let left = this.parseAnd(inValue);
    while (isWord(this.peek(), 'or')) {
      this.next();
      left = { kind: 'or', left, right: this.parseAnd(inValue) };
    }
    return left;
  }

  private parseAnd(inValue: boolean): Filter {
    let left = this.parseUnary(inValue);
    while (isWord(this.peek(), 'and')) {
      this.next();
      left = { kind: 'and', left, right: this.parseUnary(inValue) };
    }
    return left;
  }

  private parseUnary(inValue: boolean): Filter {
    const token = this.peek();
    if (token.type === '(') return this.parseGroup(inValue);
    if (isWord(token, 'not')) {
      this.next();
      // The ABNF writes `not(`, the RFC examples `not (`: the lexer makes both the same tokens.
      if (this.peek().type !== '(') throw unexpected(this.peek(), '"(" after "not"');
      return { kind: 'not', filter: this.parseGroup(inValue) };
    }
    if (isWord(token, 'and') || isWord(token, 'or') || token.type !== 'word') {
      throw unexpected(token, 'an attribute path, "not" or "("');
    }
    return this.parseAttributeExpression(inValue);
  }

  private parseGroup(inValue: boolean): Filter {
    const open = this.next();
    this.enter(open);
    const inner = this.parseOr(inValue);
    this.expect(')', `the "(" at position ${open.pos} is not closed`);
    this.depth--;
    return inner;
  }

  private parseAttributeExpression(inValue: boolean): Filter {
    const pathToken = this.next();
    const path = parseAttrPath(pathToken.text, pathToken.pos);
    if (this.peek().type !== '[') return this.parseCondition(path, pathToken);

    const open = this.next();
    if (inValue) throw invalidFilter(`Value filters cannot be nested: "[" at position ${open.pos}`);
    this.enter(open);
    const inner = this.parseOr(true);
    this.expect(']', `the "[" at position ${open.pos} is not closed`);
    this.depth--;

    const after = this.peek();
    if (after.type !== 'word' || !after.text.startsWith('.')) return { kind: 'valuePath', path, filter: inner };
    // Entra's `emails[type eq "work"].value eq "x"` (X-ENTRA-04): some element matches inner AND .value eq "x".
    if (!this.lenient) {
      throw invalidFilter(
        `"${after.text}" after "]" at position ${after.pos} is outside the RFC 7644 filter grammar (Entra's form; accepted only in lenient mode)`,
      );
    }
    this.next();
    const sub = parseAttrPath(after.text.slice(1), after.pos + 1);
    if (sub.urn || sub.sub) throw invalidFilter(`Expected a sub-attribute name after "]" at position ${after.pos}`);
    const condition = this.parseCondition(sub, after);
    return { kind: 'valuePath', path, filter: { kind: 'and', left: inner, right: condition } };
  }

  private parseCondition(path: AttrRef, pathToken: Token): Filter {
    const opToken = this.next();
    if (opToken.type !== 'word') throw unexpected(opToken, `an operator after "${pathToken.text}"`);
    const op = opToken.text.toLowerCase();
    if (op === 'pr') return { kind: 'present', path };
    if (!(COMPARE_OPS as readonly string[]).includes(op)) {
      throw invalidFilter(`Unknown operator "${opToken.text}" at position ${opToken.pos}`);
    }
    return { kind: 'compare', path, op: op as CompareOp, value: this.parseValue(opToken) };
  }

  private parseValue(opToken: Token): string | number | boolean | null {
    const token = this.next();
    if (token.type === 'string') return token.value;
    if (token.type !== 'word') throw unexpected(token, `a value after "${opToken.text}"`);
    // ABNF literals are case-insensitive (RFC 5234 §2.3), so True and NULL are valid.
    const word = token.text.toLowerCase();
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    if (NUMBER.test(token.text)) return Number(token.text);
    throw invalidFilter(
      `Invalid value ${token.text} at position ${token.pos}: expected a double-quoted string, a number, true, false or null`,
    );
  }

  private enter(token: Token): void {
    if (++this.depth > MAX_FILTER_DEPTH) {
      throw invalidFilter(`Filter nests deeper than ${MAX_FILTER_DEPTH} levels at position ${token.pos}`);
    }
  }

  private expect(type: ')' | ']', why: string): void {
    const token = this.next();
    if (token.type !== type) throw unexpected(token, `"${type}"`, why);
  }
}

function parseAttrPath(text: string, pos: number): AttrRef {
  const match = ATTR_PATH.exec(text);
  if (!match) throw invalidFilter(`Invalid attribute path "${text}" at position ${pos}`);
  const [, urn, attr, sub] = match;
  const ref: AttrRef = { attr };
  if (urn !== undefined) ref.urn = urn;
  if (sub !== undefined) ref.sub = sub;
  return ref;
}

function unexpected(token: Token, expected: string, why?: string): ScimError {
  const found = token.type === 'eof' ? 'the filter ended' : `found "${token.text}"`;
  return invalidFilter(`Expected ${expected} at position ${token.pos}, but ${found}${why ? ` (${why})` : ''}`);
}

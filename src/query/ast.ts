/**
 * The search query one grammar reads for `/mentions`, `/watch add topic` and `/jobs add`: X's own search
 * syntax where X has the operator (words, "phrases", OR, -exclusion, parentheses, from:, lang:, is:reply,
 * @handle, #tag), plus configured brands. A parsed query is a tree of these nodes; {@link formatQuery} writes
 * one back so that parsing the text gives the same tree.
 */

/** A node of a parsed query. Words are folded like the full-text index (NFKC, lower case, ё→е). */
export type QueryNode =
  /** One word. `exact` when typed in quotes: a Russian word is then not searched with its word forms. */
  | { type: 'word'; word: string; exact: boolean }
  /** Two or more words in this order ("code review", or a token such as vk.com or foo-bar). */
  | { type: 'phrase'; words: string[] }
  /** A configured brand, by name or alias in any case form: the mentions the classifier found. */
  | { type: 'brand'; brand: string; input: string }
  /** Tweets mentioning this account exactly (`@kate` never matches `@kate_backend`); lower case, no @. */
  | { type: 'mention'; handle: string }
  /** Tweets carrying this hashtag exactly; folded, no #. */
  | { type: 'hashtag'; tag: string }
  /** Tweets written by this account; lower case, no @. */
  | { type: 'from'; handle: string }
  | { type: 'lang'; lang: 'ru' | 'en' }
  /** Replies (X's `is:reply`). */
  | { type: 'reply' }
  | { type: 'and'; items: QueryNode[] }
  | { type: 'or'; items: QueryNode[] }
  | { type: 'not'; item: QueryNode };

/** A period typed in the query: a named one (`7d`) or days `from YYYY-MM-DD to YYYY-MM-DD` (both inclusive). */
export type QueryPeriod = (
  | { kind: 'named'; key: '24h' | '7d' | '30d' | '90d' }
  | { kind: 'range'; from: string; to: string }
) & {
  /** Position (1-based) where it was typed, and the text typed. */
  at: number;
  text: string;
};

/** A query as read from a command: the tree, and the period if one was typed. */
export interface ParsedQuery {
  root: QueryNode;
  period: QueryPeriod | null;
}

/** True for nodes that find tweets on their own (X's "standalone" operators); filters only narrow. */
export function isMatcher(node: QueryNode): boolean {
  switch (node.type) {
    case 'lang':
    case 'reply':
    case 'not':
      return false;
    case 'and':
      return node.items.some(isMatcher);
    case 'or':
      return node.items.every(isMatcher);
    default:
      return true;
  }
}

/** Every leaf of a query, in order. */
export function leavesOf(node: QueryNode): QueryNode[] {
  switch (node.type) {
    case 'and':
    case 'or':
      return node.items.flatMap(leavesOf);
    case 'not':
      return leavesOf(node.item);
    default:
      return [node];
  }
}

/**
 * The query as text in its own syntax: `parseQuery(formatQuery(q))` gives `q` again (with the same brands).
 * Exact words and phrases are quoted; OR inside AND and any group under `-` get parentheses.
 */
export function formatQuery(node: QueryNode): string {
  switch (node.type) {
    case 'word':
      return node.exact ? `"${node.word}"` : node.word;
    case 'phrase':
      return `"${node.words.join(' ')}"`;
    case 'brand':
      return node.input;
    case 'mention':
      return `@${node.handle}`;
    case 'hashtag':
      return `#${node.tag}`;
    case 'from':
      return `from:${node.handle}`;
    case 'lang':
      return `lang:${node.lang}`;
    case 'reply':
      return 'is:reply';
    case 'not':
      return `-${node.item.type === 'and' || node.item.type === 'or' ? `(${formatQuery(node.item)})` : formatQuery(node.item)}`;
    case 'and':
      return node.items.map((n) => (n.type === 'or' ? `(${formatQuery(n)})` : formatQuery(n))).join(' ');
    case 'or':
      return node.items.map((n) => (n.type === 'and' ? `(${formatQuery(n)})` : formatQuery(n))).join(' OR ');
  }
}

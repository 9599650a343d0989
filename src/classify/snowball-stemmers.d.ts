declare module 'snowball-stemmers' {
  /** A Snowball stemmer for one language. */
  export interface Stemmer {
    stem(word: string): string;
  }
  /** Creates a stemmer for a Snowball algorithm name such as `'russian'` or `'english'`. */
  export function newStemmer(algorithm: string): Stemmer;
  /** Names of the available algorithms. */
  export function algorithms(): string[];
  const snowball: { newStemmer: typeof newStemmer; algorithms: typeof algorithms };
  export default snowball;
}

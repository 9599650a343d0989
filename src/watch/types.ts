/** What the monitor follows. Config watches belong to no chat (`chatId` ''); `/watch add` ones to a chat. */
export type WatchSpec =
  | { kind: 'brand'; name: string; aliases: string[]; exclude: string[]; competitor: boolean }
  | { kind: 'jobs'; name: string; terms: string[]; lang?: string | undefined }
  | { kind: 'topic'; name: string; terms: string[]; lang?: string | undefined }
  | { kind: 'expert'; name: string; handle: string };

export type WatchKind = WatchSpec['kind'];

export interface Watch {
  id: number;
  chatId: string;
  origin: 'config' | 'chat';
  spec: WatchSpec;
  /** Changes whenever what the watch searches for changes; a cursor from another hash is discarded. */
  specHash: string;
}

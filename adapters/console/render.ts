import type { Reply, ReplyBlock, ReplyFile } from '../../src/chat/reply.js';
import { safeText } from '../../src/chat/safe-text.js';

/** Where a chart went, so the text can point at it. */
export type ChartSink = (chart: Extract<ReplyBlock, { type: 'chart' }>['chart']) => string | null;
/** Saves a file of a reply (a CSV export) and says where it went, or why it could not be saved. */
export type FileSink = (file: ReplyFile) => string;

/**
 * Renders a reply as plain text for a terminal: a title line, blocks separated by blank lines, items
 * numbered through the whole reply (the numbers `/feedback` takes) with their link and metrics, figures as "label: value", charts as the path they were saved to.
 * Control characters of the texts never reach the terminal ({@link safeText}).
 */
export function renderPlain(reply: Reply, saveChart?: ChartSink, saveFile?: FileSink): string {
  const out: string[] = [reply.title, '─'.repeat(Math.min(60, Math.max(8, [...reply.title].length)))];
  let number = 0;
  for (const block of reply.blocks) {
    const lines: string[] = [];
    if ('heading' in block && block.heading) lines.push(`${block.heading}:`);
    switch (block.type) {
      case 'text':
        lines.push(block.text);
        break;
      case 'figures':
        for (const f of block.figures) lines.push(`  ${f.label}: ${f.value}${f.note ? ` (${f.note})` : ''}`);
        break;
      case 'items':
        for (const item of block.items) {
          const who = item.author ? `${item.author}: ` : '';
          lines.push(`  ${++number}. ${who}${oneLine(item.text)}`);
          const tail = [item.metrics?.join('  '), item.link].filter(Boolean).join('  ');
          if (tail) lines.push(`     ${tail}`);
          if (item.note) lines.push(`     ${item.note}`);
        }
        if (block.more) lines.push(`  … +${block.more}`);
        break;
      case 'chart': {
        const where = saveChart?.(block.chart);
        lines.push(`[${block.chart.title}${where ? `: ${where}` : ''}] ${block.chart.alt}`);
        break;
      }
      case 'file': {
        const where = saveFile?.(block.file);
        lines.push(`[${block.file.title}: ${where ?? block.file.filename}]`);
        break;
      }
    }
    out.push(lines.join('\n'), '');
  }
  if (reply.footer) out.push(reply.footer);
  return safeText(out.join('\n')).trimEnd();
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return [...flat].length > 200 ? `${[...flat].slice(0, 199).join('')}…` : flat;
}

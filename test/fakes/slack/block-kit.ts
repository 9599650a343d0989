/**
 * Block Kit validation as Slack's chat.postMessage does it for the blocks Kestrel sends, with Slack's own
 * error texts (`must be less than 51 items [json-pointer:/blocks]`). Returns the errors; empty when valid.
 */
export function validateBlocks(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return ['must be an array [json-pointer:/blocks]'];
  const errors: string[] = [];
  if (blocks.length > 50) errors.push('must be less than 51 items [json-pointer:/blocks]');
  blocks.forEach((block, i) => {
    const at = `/blocks/${i}`;
    if (typeof block !== 'object' || block === null) {
      errors.push(`must be an object [json-pointer:${at}]`);
      return;
    }
    const b = block as Record<string, unknown>;
    switch (b.type) {
      case 'header':
        errors.push(...textObject(b.text, `${at}/text`, 150, ['plain_text']));
        break;
      case 'section': {
        if (b.text === undefined && b.fields === undefined)
          errors.push(`must provide text or fields [json-pointer:${at}]`);
        if (b.text !== undefined) errors.push(...textObject(b.text, `${at}/text`, 3000));
        if (b.fields !== undefined) {
          if (!Array.isArray(b.fields)) errors.push(`must be an array [json-pointer:${at}/fields]`);
          else {
            if (b.fields.length > 10) errors.push(`must be less than 11 items [json-pointer:${at}/fields]`);
            b.fields.forEach((f, j) => {
              errors.push(...textObject(f, `${at}/fields/${j}`, 2000));
            });
          }
        }
        break;
      }
      case 'context':
        if (!Array.isArray(b.elements) || b.elements.length === 0) {
          errors.push(`must provide elements [json-pointer:${at}/elements]`);
        } else {
          if (b.elements.length > 10) errors.push(`must be less than 11 items [json-pointer:${at}/elements]`);
          b.elements.forEach((e, j) => {
            errors.push(...textObject(e, `${at}/elements/${j}`, 3000));
          });
        }
        break;
      case 'divider':
        break;
      default:
        errors.push(`unsupported type: ${String(b.type)} [json-pointer:${at}/type]`);
    }
  });
  return errors;
}

function textObject(value: unknown, at: string, max: number, types = ['plain_text', 'mrkdwn']): string[] {
  if (typeof value !== 'object' || value === null) return [`must be a text object [json-pointer:${at}]`];
  const t = value as Record<string, unknown>;
  const errors: string[] = [];
  if (!types.includes(String(t.type)))
    errors.push(`must be one of ${types.join(', ')} [json-pointer:${at}/type]`);
  if (typeof t.text !== 'string' || t.text.length === 0) {
    errors.push(`must be more than 0 characters [json-pointer:${at}/text]`);
  } else if (t.text.length > max) {
    errors.push(`must be less than ${max + 1} characters [json-pointer:${at}/text]`);
  }
  return errors;
}

/** Characters of all texts of the blocks: Slack refuses more than about 12 000 with `msg_blocks_too_long`. */
export function blockChars(blocks: unknown[]): number {
  let n = 0;
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') n += x.length;
        else walk(x);
      }
    }
  };
  walk(blocks);
  return n;
}

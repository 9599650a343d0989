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
      case 'actions':
        errors.push(...actionsBlock(b, at));
        break;
      default:
        errors.push(`unsupported type: ${String(b.type)} [json-pointer:${at}/type]`);
    }
  });
  return errors;
}

/** Slack's limits for an actions block: ≤ 25 elements; buttons and static selects as Kestrel sends them. */
function actionsBlock(b: Record<string, unknown>, at: string): string[] {
  const errors: string[] = [];
  if (b.block_id !== undefined && (typeof b.block_id !== 'string' || b.block_id.length > 255))
    errors.push(`must be less than 256 characters [json-pointer:${at}/block_id]`);
  if (!Array.isArray(b.elements) || b.elements.length === 0)
    return [...errors, `must provide elements [json-pointer:${at}/elements]`];
  if (b.elements.length > 25) errors.push(`must be less than 26 items [json-pointer:${at}/elements]`);
  const ids = new Set<string>();
  b.elements.forEach((raw, j) => {
    const e = raw as Record<string, unknown>;
    const where = `${at}/elements/${j}`;
    const id = String(e.action_id ?? '');
    if (!id || id.length > 255) errors.push(`must be 1–255 characters [json-pointer:${where}/action_id]`);
    if (ids.has(id)) errors.push(`action_id must be unique in the block [json-pointer:${where}/action_id]`);
    ids.add(id);
    if (e.type === 'button') {
      errors.push(...textObject(e.text, `${where}/text`, 75, ['plain_text']));
      if (typeof e.value === 'string' && e.value.length > 2000)
        errors.push(`must be less than 2001 characters [json-pointer:${where}/value]`);
    } else if (e.type === 'static_select') {
      errors.push(...textObject(e.placeholder, `${where}/placeholder`, 150, ['plain_text']));
      const groups = e.option_groups as { label?: unknown; options?: unknown }[] | undefined;
      if (!Array.isArray(groups) || groups.length === 0 || groups.length > 100)
        errors.push(`must provide 1–100 option_groups [json-pointer:${where}/option_groups]`);
      else
        groups.forEach((g, k) => {
          errors.push(...textObject(g.label, `${where}/option_groups/${k}/label`, 75, ['plain_text']));
          const options = g.options as { text?: unknown; value?: unknown }[] | undefined;
          if (!Array.isArray(options) || options.length === 0 || options.length > 100)
            errors.push(`must provide 1–100 options [json-pointer:${where}/option_groups/${k}/options]`);
          else
            options.forEach((o, m) => {
              const path = `${where}/option_groups/${k}/options/${m}`;
              errors.push(...textObject(o.text, `${path}/text`, 75, ['plain_text']));
              if (typeof o.value !== 'string' || o.value.length === 0 || o.value.length > 150)
                errors.push(`must be 1–150 characters [json-pointer:${path}/value]`);
            });
        });
    } else errors.push(`unsupported type: ${String(e.type)} [json-pointer:${where}/type]`);
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

import { describe, expect, it } from 'vitest';
import { createHelpCommand } from '../../commands/help.js';
import type { Command } from '../../src/chat/command.js';
import { closest, createRegistry } from '../../src/chat/registry.js';
import { KestrelError } from '../../src/errors.js';
import { silentLogger } from '../../src/logger.js';
import { QUERY_SYNTAX } from '../../src/query/syntax.js';
import { makeContext } from './demo-store.js';

const echo = (name: string, aliases: string[] = [], run?: Command['run']): Command => ({
  name,
  aliases,
  summary: { en: `${name} things`, ru: `про ${name}` },
  usage: { en: '<x>', ru: '<x>' },
  examples: [`/${name} x`],
  run: run ?? (async (_ctx, args) => ({ title: name, blocks: [{ type: 'text', text: `args=${args}` }] })),
});

describe('command registry', () => {
  it('rejects duplicate names and aliases', () => {
    expect(() => createRegistry([echo('a'), echo('a')], { logger: silentLogger() })).toThrow(/already/);
    expect(() => createRegistry([echo('a', ['b']), echo('b')], { logger: silentLogger() })).toThrow(
      /already \/a/,
    );
  });

  it('dispatches by name, alias and /name@bot, and ignores plain text', async () => {
    const registry = createRegistry([echo('mentions', ['m'])], { logger: silentLogger() });
    const ctx = makeContext();
    expect((await registry.dispatch('/mentions yandex 7d', ctx))?.blocks[0]).toEqual({
      type: 'text',
      text: 'args=yandex 7d',
    });
    expect((await registry.dispatch('/m x', ctx))?.title).toBe('mentions');
    expect((await registry.dispatch('/mentions@kestrel_bot  x ', ctx))?.blocks[0]).toEqual({
      type: 'text',
      text: 'args=x',
    });
    expect(await registry.dispatch('hello', ctx)).toBeNull();
  });

  it('suggests the closest command for an unknown one, in the chat language', async () => {
    const registry = createRegistry([echo('mentions'), echo('engagement'), echo('jobs')], {
      logger: silentLogger(),
    });
    const en = await registry.dispatch('/mentoins yandex', makeContext());
    expect(en?.tone).toBe('refusal');
    expect(JSON.stringify(en)).toContain('Did you mean /mentions?');
    const ru = await registry.dispatch('/job', makeContext({ lang: 'ru' }));
    expect(JSON.stringify(ru)).toContain('Может быть, /jobs?');
    expect(closest('zzzzzz', ['mentions', 'jobs'])).toBeNull();
  });

  it('refuses arguments over 200 characters with the usage', async () => {
    const registry = createRegistry([echo('mentions')], { logger: silentLogger() });
    const reply = await registry.dispatch(`/mentions ${'я'.repeat(201)}`, makeContext());
    expect(reply?.tone).toBe('refusal');
    expect(JSON.stringify(reply)).toContain('200');
    expect(JSON.stringify(reply)).toContain('/mentions <x>');
  });

  it('turns bad input into a refusal with usage, and a crash into a reference, and keeps going', async () => {
    const registry = createRegistry(
      [
        echo('bad', [], async () => {
          throw new KestrelError('INPUT_INVALID', 'Unknown period "9y".');
        }),
        echo('boom', [], async () => {
          throw new Error('database is on fire');
        }),
      ],
      { logger: silentLogger() },
    );
    const bad = await registry.dispatch('/bad 9y', makeContext());
    expect(bad?.tone).toBe('refusal');
    expect(JSON.stringify(bad)).toContain('Unknown period');
    expect(JSON.stringify(bad)).toContain('Usage: /bad <x>');
    const boom = await registry.dispatch('/boom', makeContext({ lang: 'ru' }));
    expect(boom?.tone).toBe('error');
    expect(JSON.stringify(boom)).toMatch(/Что-то пошло не так \(ref [0-9a-f]{8}\)/);
    expect(JSON.stringify(boom)).not.toContain('on fire');
  });

  it('/help lists every command from its summary, and explains one', async () => {
    const commands: Command[] = [echo('mentions'), echo('jobs')];
    const help = createHelpCommand({ commands: () => commands });
    commands.push(help);
    const registry = createRegistry(commands, { logger: silentLogger() });
    const all = JSON.stringify(await registry.dispatch('/help', makeContext({ lang: 'ru' })));
    expect(all).toContain('/mentions <x> — про mentions');
    expect(all).toContain('/jobs <x> — про jobs');
    const one = JSON.stringify(await registry.dispatch('/help mentions', makeContext()));
    expect(one).toContain('Usage: /mentions <x>');
    expect(one).toContain('/mentions x');
    expect((await registry.dispatch('/help nope', makeContext()))?.tone).toBe('refusal');
  });

  it('/help mentions shows the search syntax with an example per operator, in both languages', async () => {
    const commands: Command[] = [{ ...echo('mentions'), syntax: QUERY_SYNTAX }];
    commands.push(createHelpCommand({ commands: () => commands }));
    const registry = createRegistry(commands, { logger: silentLogger() });
    for (const lang of ['en', 'ru'] as const) {
      const reply = await registry.dispatch('/help mentions', makeContext({ lang }));
      const block = reply?.blocks.find(
        (b) => b.type === 'text' && b.heading === (lang === 'en' ? 'Search syntax' : 'Синтаксис поиска'),
      );
      const text = block?.type === 'text' ? block.text : '';
      for (const op of [
        '"code review"',
        ' OR ',
        ' -такси',
        '( ',
        'from:@',
        'lang:ru',
        'is:reply',
        '@kate',
        '#typescript',
        '90d',
        'from 2026-11-01 to 2026-11-20',
        ' vs ',
        'csv',
      ]) {
        expect(text, `${lang} ${op}`).toContain(op.trim());
      }
      expect(text.split('\n')).toHaveLength(QUERY_SYNTAX.length);
    }
  });
});

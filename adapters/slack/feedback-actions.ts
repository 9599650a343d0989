import type { App, BlockAction, BlockElementAction } from '@slack/bolt';
import type { CommandContext } from '../../src/chat/context.js';
import type { MessageOrigin } from '../../src/chat/context-builder.js';
import type { ChoiceGroup, FeedbackButton } from '../../src/feedback/buttons.js';
import type { FeedbackTaps, TapOutcome } from '../../src/feedback/taps.js';
import type { Logger } from '../../src/logger.js';
import type { SlackBlock, SlackElement } from './blocks.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { originOf } from './origin.js';
import type { SlackPeople } from './people.js';
import { feedbackActions, feedbackBlockId, slackButton, voteBlockId } from './render.js';

/** What taps on feedback buttons need. */
export interface FeedbackActionDeps {
  taps: FeedbackTaps;
  people: SlackPeople;
  context: (origin: MessageOrigin) => CommandContext;
  logger: Logger;
}

/** Slack's limits for select options and placeholders (plain_text). */
const OPTION_TEXT = 75;
const PLACEHOLDER_TEXT = 150;

const plain = (text: string, max: number) => ({
  type: 'plain_text' as const,
  text: [...text].slice(0, max).join(''),
});

/** An item's choices as a static select (one option group per kind of choice) and a "← back" button. */
export function choiceElements(groups: readonly ChoiceGroup[], back: FeedbackButton): SlackElement[] {
  return [
    {
      type: 'static_select',
      action_id: 'fb_choose',
      placeholder: plain(groups[0]?.title ?? '…', PLACEHOLDER_TEXT),
      option_groups: groups.map((group) => ({
        label: plain(group.title, OPTION_TEXT),
        options: group.choices.map((c) => ({ text: plain(c.text, OPTION_TEXT), value: c.data })),
      })),
    },
    slackButton(back, 'fb_back'),
  ];
}

/**
 * The message's blocks after a tap: the item's actions block replaced in place (its choices after "✗", its
 * two buttons showing the reading after a vote) and, after a vote, the line under it saying who chose what.
 * Null when nothing changes or the item's block is not in the message.
 */
export function nextBlocks(
  blocks: readonly SlackBlock[],
  outcome: TapOutcome,
  voter: string,
): SlackBlock[] | null {
  if (outcome.kind === 'refused') return null;
  const id = outcome.item.button;
  const at = blocks.findIndex((b) => b.type === 'actions' && b.block_id === feedbackBlockId(id));
  if (at < 0) return null;
  const next = [...blocks];
  if (outcome.kind === 'choices') {
    next[at] = {
      type: 'actions',
      block_id: feedbackBlockId(id),
      elements: choiceElements(outcome.groups, outcome.back),
    };
    return next;
  }
  next[at] = feedbackActions(id, outcome.buttons);
  if (outcome.kind === 'recorded') {
    const line: SlackBlock = {
      type: 'context',
      block_id: voteBlockId(id),
      elements: [{ type: 'mrkdwn', text: `🗳 ${voter}: ${escapeMrkdwn(outcome.notice)}` }],
    };
    const shown = next.findIndex((b) => b.type === 'context' && b.block_id === voteBlockId(id));
    if (shown >= 0) next[shown] = line;
    else if (next.length < 50) next.splice(at + 1, 0, line);
  }
  return next;
}

/** The data a feedback element sent: a button's value or the chosen option's. */
function dataOf(action: BlockElementAction): string | null {
  if (action.type === 'button') return action.value ?? null;
  if (action.type === 'static_select') return action.selected_option?.value ?? null;
  return null;
}

/**
 * Feedback from Block Kit: `block_actions` of the feedback buttons and select are acknowledged at once
 * (Slack wants it within 3 seconds), the vote goes to the core as the person who tapped, and the message is
 * updated in place (`chat.update`, or the response_url for an ephemeral answer) to show the choice.
 * A tap Kestrel cannot act on is answered with an ephemeral line saying why.
 */
export function registerFeedbackActions(app: App, deps: FeedbackActionDeps): void {
  app.action<BlockAction>(
    { type: 'block_actions', action_id: /^fb_/ },
    async ({ ack, body, action, client, respond }) => {
      await ack();
      try {
        const data = dataOf(action);
        const channel = body.channel?.id;
        const team = body.team?.id ?? body.user.team_id ?? '';
        if (!data || !channel) return;
        const origin = await originOf(
          { team, channel, user: body.user.id, userName: body.user.username },
          deps.people,
        );
        const outcome = deps.taps.tap(deps.context(origin), data);
        if (outcome.kind === 'refused') {
          await respond({ response_type: 'ephemeral', replace_original: false, text: outcome.notice });
          return;
        }
        const blocks = nextBlocks(
          (body.message?.blocks ?? []) as SlackBlock[],
          outcome,
          `<@${body.user.id}>`,
        );
        if (!blocks) return;
        const text = body.message?.text ?? '';
        if (body.container?.is_ephemeral === true || !body.message?.ts) {
          await respond({ replace_original: true, text, blocks });
        } else {
          await client.chat.update({ channel, ts: body.message.ts, text, blocks });
        }
      } catch (error) {
        deps.logger.error({ err: error, action: action.action_id }, 'slack feedback action failed');
      }
    },
  );
}

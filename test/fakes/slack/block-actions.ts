/**
 * The `block_actions` payload Slack posts to an app's Request URL when a person uses a button or a select of a
 * bot message: the message as it is now, the person, the action, and a response_url.
 */
import type { FakeMessage } from './types.js';

export interface BlockActionInput {
  message: FakeMessage;
  user: { id: string; name: string };
  team: string;
  action: { block_id: string; action_id: string; value?: string; selected?: string };
  actionTs: string;
  responseUrl: string;
}

export function blockActionsPayload(input: BlockActionInput): Record<string, unknown> {
  const { message, user, team, action, actionTs } = input;
  const element = action.selected
    ? {
        type: 'static_select',
        block_id: action.block_id,
        action_id: action.action_id,
        selected_option: { text: { type: 'plain_text', text: action.selected }, value: action.selected },
        action_ts: actionTs,
      }
    : {
        type: 'button',
        block_id: action.block_id,
        action_id: action.action_id,
        text: { type: 'plain_text', text: 'button', emoji: true },
        value: action.value,
        action_ts: actionTs,
      };
  return {
    type: 'block_actions',
    user: { id: user.id, username: user.name, name: user.name, team_id: team },
    api_app_id: 'A0KESTREL',
    token: 'verification_token',
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    trigger_id: '111.222.abc',
    team: { id: team, domain: 'kestrel-test' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: message.channel, name: 'general' },
    message: {
      type: 'message',
      subtype: 'bot_message',
      text: message.text,
      ts: message.ts,
      bot_id: 'B0KESTREL',
      blocks: message.blocks,
    },
    state: { values: {} },
    response_url: input.responseUrl,
    actions: [element],
  };
}

/**
 * Builders of updates shaped like the real ones recorded in ../shared/fixtures/telegram (autogram's
 * getUpdates capture): `message` with `from` (is_bot, language_code), `chat`, `date`, `text` and a
 * `bot_command` entity for commands; `my_chat_member` with old and new ChatMember of the bot.
 */

/** A person as Telegram describes them. */
export interface FakeUser {
  id: number;
  is_bot?: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

/** A chat as Telegram describes it. */
export type FakeChat =
  | { id: number; type: 'private'; first_name: string; last_name?: string; username?: string }
  | { id: number; type: 'group' | 'supergroup' | 'channel'; title: string; is_forum?: boolean };

/** An update without its id (the fake numbers them). */
export type UpdateBody = Record<string, unknown>;

let messageId = 1000;
const date = () => Math.floor(Date.now() / 1000);

/** The private chat of a person. */
export function privateChatOf(user: FakeUser): FakeChat {
  return {
    id: user.id,
    type: 'private',
    first_name: user.first_name,
    ...(user.last_name ? { last_name: user.last_name } : {}),
    ...(user.username ? { username: user.username } : {}),
  };
}

/** A text message; commands get their `bot_command` entity, as Telegram sends them. */
export function textMessage(
  chat: FakeChat,
  from: FakeUser | null,
  text: string,
  extra: UpdateBody = {},
): UpdateBody {
  const command = /^\/[\w@]+/.exec(text);
  const message: UpdateBody = {
    message_id: ++messageId,
    ...(from ? { from: { is_bot: false, ...from } } : {}),
    chat,
    date: date(),
    text,
    ...(command ? { entities: [{ offset: 0, length: command[0].length, type: 'bot_command' }] } : {}),
    ...extra,
  };
  return chat.type === 'channel' ? { channel_post: message } : { message };
}

/** The bot's membership in a chat changed from `from` to `to` (e.g. 'left' → 'member', 'member' → 'kicked'). */
export function myChatMember(
  chat: FakeChat,
  actor: FakeUser,
  bot: { id: number; first_name: string; username: string },
  from: string,
  to: string,
): UpdateBody {
  const member = (status: string) => ({
    user: { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username },
    status,
    ...(status === 'kicked' ? { until_date: 0 } : {}),
    ...(status === 'administrator'
      ? { can_be_edited: false, can_manage_chat: true, can_post_messages: true }
      : {}),
  });
  return {
    my_chat_member: {
      chat,
      from: { is_bot: false, ...actor },
      date: date(),
      old_chat_member: member(from),
      new_chat_member: member(to),
    },
  };
}

/**
 * The service messages of a group upgraded to a supergroup: `migrate_to_chat_id` in the old group and
 * `migrate_from_chat_id` in the new supergroup (Bot API Message fields; Telegram sends both).
 */
export function migrationMessages(group: FakeChat, supergroupId: number, actor: FakeUser): UpdateBody[] {
  const title = 'title' in group ? group.title : 'group';
  return [
    {
      message: {
        message_id: ++messageId,
        from: { is_bot: false, ...actor },
        chat: group,
        date: date(),
        migrate_to_chat_id: supergroupId,
      },
    },
    {
      message: {
        message_id: ++messageId,
        from: { is_bot: false, ...actor },
        chat: { id: supergroupId, type: 'supergroup', title },
        date: date(),
        migrate_from_chat_id: group.id,
      },
    },
  ];
}

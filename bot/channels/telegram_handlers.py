"""Telegram updates to conversations and back: commands, text, buttons, groups, the error handler.

Everything Rasa and the logs see is keyed by the chat's HMAC pseudonym; the raw chat id is used
only to address the reply and is never stored or logged. Every text comes from locales/.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from telegram import Bot, Update
from telegram.constants import ChatType
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.channels.rate_limit import Limits, RateLimiter
from bot.channels.telegram_memory import DELETE_WINDOW_SECONDS, ChatLocks, Once
from bot.channels.telegram_send import Sender, call
from bot.channels.telegram_state import ChatState, LocalChatState
from bot.common.names import (
    CHANNEL_TELEGRAM,
    PAYLOAD_CHANGE_LANGUAGE,
    PAYLOAD_FORGET,
    PAYLOAD_GREET,
    PAYLOAD_HELP,
    PAYLOAD_INTERPRETER_CARD,
    UTTER_DEFAULT,
    UTTER_ERROR_RATE_LIMITED,
    UTTER_ERROR_TOO_LONG,
    UTTER_PRIVATE_ONLY,
    UTTER_TELEGRAM_FORGOTTEN,
    UTTER_TELEGRAM_TEXT_ONLY,
)
from bot.content.catalog_store import CatalogStore
from bot.content.render import render
from bot.runtime.settings import Settings
from bot.turn.conversation import Conversations, Reply

logger = logging.getLogger(__name__)
CHANNEL = CHANNEL_TELEGRAM
# What each command sends to the engine (the payloads the web page's buttons use too).
COMMANDS = {
    "start": PAYLOAD_GREET,
    "help": PAYLOAD_HELP,
    "language": PAYLOAD_CHANGE_LANGUAGE,
    "forget": PAYLOAD_FORGET,
    "card": PAYLOAD_INTERPRETER_CARD,  # the interpreter card, to show or read out when someone answers
}
GROUP_NOTICE_SECONDS = 3600.0  # a group hears "private chats only" at most once an hour


def language_hint(code: str | None) -> str | None:
    """Telegram's IETF tag ("pt-br") as a locale code ("pt"); only ever a hint."""
    return code.split("-")[0].lower() if code else None


async def limited(text: str | None, admit: Callable[[], Awaitable[bool]]) -> bool:
    """Whether this turn is refused by the rate limit. A forget request never is, nor does it use up
    the budget: a chat that flooded (or was flooded) must still be able to erase itself at once."""
    return text != PAYLOAD_FORGET and not await admit()


class Notices(Protocol):
    async def first_time(self, key: str) -> bool: ...

    def sweep(self) -> int: ...


@dataclass
class ChatStores:
    """Where the channel keeps what it knows per chat: in this process, or shared in Redis."""

    memory: ChatState
    limiter: Limits
    quiet: Notices  # the rate-limit notice: once per window, then silence
    groups: Notices  # "private chats only", once an hour per group

    @classmethod
    def local(cls, settings: Settings) -> ChatStores:
        return cls(LocalChatState(), RateLimiter(settings.rate_per_session), Once(60.0), Once(GROUP_NOTICE_SECONDS))


class TelegramChannel:
    def __init__(
        self,
        settings: Settings,
        catalog: CatalogStore,
        conversations: Conversations,
        bot: Bot,
        stores: ChatStores | None = None,
    ) -> None:
        self._settings = settings
        self._catalog = catalog
        self._conversations = conversations
        stores = stores or ChatStores.local(settings)
        self.memory = stores.memory
        self._locks = ChatLocks()
        self._limiter = stores.limiter
        self._quiet = stores.quiet
        self._groups = stores.groups
        self._sender = Sender(bot, self.memory)

    def register(self, application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        message = filters.UpdateType.MESSAGE
        private = filters.ChatType.PRIVATE & message
        application.add_handler(
            MessageHandler(
                (message | filters.UpdateType.CHANNEL_POST) & ~filters.ChatType.PRIVATE,
                self.not_private,
            )
        )
        for command in COMMANDS:
            application.add_handler(CommandHandler(command, self.command, filters=private))
        application.add_handler(MessageHandler(private & filters.TEXT & ~filters.COMMAND, self.text))
        application.add_handler(MessageHandler(private & filters.COMMAND, self.other_command))
        # Photos, voice notes, stickers, contacts: answered (never silence), never passed on.
        application.add_handler(MessageHandler(private, self.not_text))
        application.add_handler(CallbackQueryHandler(self.button))
        application.add_error_handler(self.on_error)

    # --- handlers ---

    async def command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None and message.text is not None
        name = message.text.split()[0].lstrip("/").split("@")[0].lower()  # "/start@LanternBot arg"
        await self._converse(update, COMMANDS[name], message.message_id)

    async def text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None and message.text is not None
        await self._converse(update, message.text, message.message_id)

    async def other_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """An unknown /word is read as the word, never as an intent name the user could inject."""
        message = update.effective_message
        assert message is not None and message.text is not None
        first, _, rest = message.text.partition(" ")
        words = " ".join(filter(None, [first.lstrip("/").split("@")[0].replace("_", " "), rest])).strip()
        await self._converse(update, words or None, message.message_id, local=None if words else UTTER_DEFAULT)

    async def not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None
        if message.caption:
            await self._converse(update, message.caption, message.message_id)
        else:
            await self._converse(update, None, message.message_id, local=UTTER_TELEGRAM_TEXT_ONLY)

    async def button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await call(query.answer)  # stops the button's spinner, whatever happens next
        if query.message is None or query.message.chat.type != ChatType.PRIVATE:
            return
        key = self._key(query.message.chat.id)
        payload = await self.memory.payload(key, query.data)
        await self._converse(update, payload, None, local=None if payload else UTTER_DEFAULT)

    async def not_private(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        assert chat is not None
        key = self._key(chat.id)
        if not await self._groups.first_time(key):
            return
        user = update.effective_user
        hint = language_hint(user.language_code if user else None)
        catalog = self._catalog.current
        reply = render(catalog, UTTER_PRIVATE_ONLY, hint, self._settings.default_region, channel=CHANNEL).as_message()
        await self._sender.send(chat.id, key, [reply], track=False)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log what failed, never what was said or who said it (the update is not logged)."""
        error = context.error
        logger.error("Telegram update not handled: %s", type(error).__name__, exc_info=error)

    def sweep(self, idle_seconds: float = DELETE_WINDOW_SECONDS) -> int:
        """Erase what this channel holds past its window: chats idle longer than `idle_seconds`, expired
        limits and notices; how many entries (the app's timer calls this)."""
        swept = self.memory.sweep(idle_seconds) + self._limiter.sweep()
        return swept + self._quiet.sweep() + self._groups.sweep()

    # --- one turn ---

    def _key(self, chat_id: int) -> str:
        return self._conversations.key(CHANNEL, str(chat_id))

    async def _converse(self, update: Update, text: str | None, incoming: int | None, local: str | None = None) -> None:
        """One turn in a private chat: in order per chat, rate-limited, answered, never silent."""
        chat, user = update.effective_chat, update.effective_user
        assert chat is not None
        hint = language_hint(user.language_code if user else None)
        key = self._key(chat.id)
        async with self._locks.hold(key):
            if incoming is not None:
                await self.memory.remember_message(key, incoming)
            if await limited(text, lambda: self._limiter.admit(key)):
                if await self._quiet.first_time(key):
                    await self._sender.send(chat.id, key, [await self._local(key, UTTER_ERROR_RATE_LIMITED)])
                return
            if local or text is None:
                await self._sender.send(chat.id, key, [await self._local(key, local or UTTER_TELEGRAM_TEXT_ONLY)])
                return
            if len(text) > self._settings.max_text_chars:
                await self._sender.send(chat.id, key, [await self._local(key, UTTER_ERROR_TOO_LONG)])
                return
            reply = await self._conversations.handle(CHANNEL, key, text, language_hint=hint)
            if text == PAYLOAD_FORGET or reply.forgotten:  # /forget deletes, engine or not
                await self._forget(chat.id, key, reply)
                return
            await self._sender.send(chat.id, key, reply.messages)

    async def _forget(self, chat_id: int, key: str, reply: Reply) -> None:
        """Delete what the bot and the user wrote here, drop every trace, then say how to finish."""
        ids = await self.memory.take_messages(key)
        deleted = await self._sender.delete(chat_id, ids)
        await self._conversations.forget_local(key)
        await self._limiter.drop(key)
        logger.info("Telegram forget: deleted %d of %d message(s).", deleted, len(ids))
        if reply.forgotten:
            messages = [await self._local(key, UTTER_TELEGRAM_FORGOTTEN, reply.language)]
        else:  # the engine did not erase (down): the chat is cleared here; say only what is true
            messages = list(reply.messages)
        await self._sender.send(chat_id, key, messages)

    async def _local(self, key: str, response: str, language: str | None = None) -> dict[str, Any]:
        """A response rendered here, without the engine, in the conversation's language and region."""
        return await self._conversations.render_local(key, response, language, channel=CHANNEL)

"""What private messages announce to the layer above (moderation listens, in its AppConfig).

The same `Event` as content's (posts/events.py): one explicit list of listeners."""

from posts.events import Event

# The words of a private message suggest its sender may be at risk.
message_crisis = Event("message_crisis", "(message)")

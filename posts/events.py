"""What content announces to the layers above it: the one exception to "no signals".

Content (this app) may not import moderation or notifications, yet a published post must
reach the members watching its tags, and words that suggest crisis must reach the
moderators' queue. So content names a few events here, and the apps above register their
listeners explicitly, in their AppConfig.ready() (forum.notifications, forum.moderation).

Not Django signals: one list of listeners per event, in the order they were registered,
nothing discovered implicitly, no weak references, no sender filtering. `announce` calls
each listener in turn, in the caller's transaction, exactly where the direct calls used to
be, so what happens, how many queries it takes and what rolls back together are unchanged.
An exception in a listener propagates (and rolls the write back), as a direct call did.
"""


class Event:
    def __init__(self, name, signature):
        self.name, self.signature = name, signature
        self._listeners = []

    def __repr__(self):
        return f"<Event {self.name}{self.signature}>"

    @property
    def listeners(self):
        return tuple(self._listeners)

    def listen(self, listener):
        """Register `listener` once: a second registration (ready() run again) changes nothing."""
        if listener not in self._listeners:
            self._listeners.append(listener)
        return listener

    def announce(self, *args, **kwargs):
        for listener in self._listeners:
            listener(*args, **kwargs)


# A post became visible to others: published by its author, or approved by a moderator.
post_published = Event("post_published", "(post)")
# A comment became visible to others: posted, or approved by a moderator.
comment_published = Event("comment_published", "(comment, parent=None)")
# The words of a post or comment suggest their author may be at risk.
crisis_words = Event("crisis_words", "(*, post, comment=None)")
# The asker (or a moderator) marked a reply as one that helped.
comment_helped = Event("comment_helped", "(comment, *, by)")

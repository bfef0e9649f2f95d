"""The demo's one private conversation (seed_demo): two members, after a story, checking in.
Every sentence is invented for Kindred. `(who, text)`, oldest first; the first starts it."""

PRIVATE_CONVERSATION = [
    ("lena_k", "Hi demo, I saw your comment about the cold mornings and didn't want to "
               "crowd the thread. How did the new routine go this week?"),
    ("demo", "Hello Lena, thank you for asking! Better than I feared. The warm shower "
             "before stretching helps, although Tuesday was a write-off."),
    ("lena_k", "Tuesdays sound like my Thursdays. Be gentle with yourself on those. I'm "
               "around on the forum most evenings if you want to compare notes."),
    ("demo", "I will. It helps to hear it from someone who gets it."),
]

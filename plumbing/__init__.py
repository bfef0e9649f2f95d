"""Plumbing every layer uses, below people, content and community: parsing ids from the
outside world (`parsing`), the one refusal type (`refusals`), email and the task queue
(`mail`), and asking once more before an irreversible act (`confirming`). It imports none of
Kindred's apps (lint-imports keeps it so)."""

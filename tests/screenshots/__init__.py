"""`make screenshots`: every page type as PNGs in screenshots/, for review before a change lands.

Run with `python -m tests.screenshots`; not part of `make test` (no test_*.py here).
"""

"""The one refusal type every service raises.

It lives in the lowest layer so that people (accounts), content (posts) and the community
layer (forum.*) can all raise it. It carries the HTTP status the page answers with and a
message the member can act on. One piece of code turns it into a page
(`forum.middleware.RefusalMiddleware`): views with a form catch it to show their own form
again with the reason and the member's words; anything a view lets through is shown on a
page that keeps every word the member sent.
"""


class Refused(Exception):
    """A request that cannot be carried out as asked.

    `status`: 400 bad input the member can fix, 403 not allowed, 404 not there,
    409 conflicts with the current state, 429 too many for now.
    """

    def __init__(self, message: str, *, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status

    def __str__(self) -> str:
        return self.message

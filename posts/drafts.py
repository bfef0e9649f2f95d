"""Half-written comments kept in the session, so an expired login never costs the text."""


def _key(post, parent_id):
    return f"comment-draft:{post.pk}:{parent_id or 0}"


def keep(request, post, parent_id, body):
    if body:
        request.session[_key(post, parent_id)] = body


def get(request, post, parent_id):
    return request.session.get(_key(post, parent_id), "")


def clear(request, post, parent_id):
    request.session.pop(_key(post, parent_id), None)

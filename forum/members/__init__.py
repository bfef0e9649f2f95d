"""Member pages that gather every app's data: the public profile with a member's posts and
comments, export, deletion and anonymisation. The top layer: it may import accounts, posts,
moderation and notifications; none of them imports it."""

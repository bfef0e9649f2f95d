from .comments import Comment
from .community import Bookmark, Poll, PollChoice, PollVote, Reaction
from .disclaimers import Disclaimer
from .limits import RateCount
from .posts import Post
from .reading import PostFollow, ReadMark
from .revisions import Revision
from .tags import MAX_TAGS_PER_POST, Symptom, SymptomSynonym, TagFollow, TaggedPost, TagSuggestion
from .versions import PageVersion

__all__ = [
    "Bookmark", "Poll", "PollChoice", "PollVote", "Reaction",
    "MAX_TAGS_PER_POST", "Comment", "Disclaimer", "PageVersion", "Post", "PostFollow",
    "RateCount", "ReadMark",
    "Revision", "Symptom", "SymptomSynonym",
    "TagFollow", "TagSuggestion", "TaggedPost",
]

from .comments import Comment
from .disclaimers import Disclaimer
from .posts import Post

__all__ = ["Comment", "Disclaimer", "Post"]

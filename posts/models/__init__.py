from .disclaimers import Disclaimer
from .posts import Post

__all__ = ["Disclaimer", "Post"]

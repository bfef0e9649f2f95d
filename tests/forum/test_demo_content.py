"""seed_demo writes conversations that read like people: threads of different lengths, an
unanswered question, replies written for the comment they answer, and a few polls."""

from django.core.management import call_command

from forum.demo.conversations import CONVERSATIONS
from posts.models import Comment, Poll, Post


def _written_pairs(nodes, parent_text=None, pairs=None):
    pairs = set() if pairs is None else pairs
    for _who, text, replies in nodes:
        pairs.add((parent_text, text))
        _written_pairs(replies, text, pairs)
    return pairs


def test_demo_threads_vary_in_length_and_a_question_waits_for_an_answer(db):
    call_command("seed_demo", "--allow-production")
    counts = {post.title: post.comment_count for post in Post.objects.all()}
    assert len(set(counts.values())) >= 6
    assert min(counts.values()) == 0 and max(counts.values()) >= 25
    unanswered = Post.objects.get(comment_count=0)
    assert unanswered.kind == "question"
    assert all(Comment.objects.filter(post__title=t).count() == n for t, n in counts.items())


def test_every_demo_reply_answers_the_comment_it_sits_under(db):
    call_command("seed_demo", "--allow-production", "--depth", "3")
    written = set().union(*(_written_pairs(tree) for tree in CONVERSATIONS))
    replies = Comment.objects.exclude(parent=None).select_related("parent")
    assert replies.exists()
    for reply in replies:
        answered = reply.parent.body
        if reply.reply_to_name:  # flattened at the nesting cap: it answers a deeper comment
            assert reply.depth == 2
            continue
        assert (answered, reply.body) in written, reply.body
    assert Comment.objects.filter(depth__gte=3).count() == 0
    assert Comment.objects.exclude(reply_to_name="").exists()


def test_the_story_author_answers_in_their_own_thread_and_a_few_posts_have_polls(db):
    call_command("seed_demo", "--allow-production")
    assert Poll.objects.count() == 3
    spasticity = Post.objects.get(title__startswith="Does anyone else get back spasticity")
    assert Comment.objects.filter(post=spasticity, author=spasticity.author).exists()
    assert spasticity.last_activity_at is not None


def test_generated_comments_for_load_tests_still_follow_the_options(db):
    call_command("seed_demo", "--allow-production", "--stories", "3", "--comments", "9",
                 "--depth", "2", "--seed", "7")
    assert sorted(Post.objects.values_list("comment_count", flat=True)) == [9, 9, 9]
    assert Comment.objects.count() == 27
    assert not Comment.objects.filter(depth__gte=2).exists()


def test_a_few_askers_have_marked_what_helped_them(client, db):
    call_command("seed_demo", "--allow-production")
    marked = Comment.objects.helped().select_related("post")
    questions = {comment.post for comment in marked}
    assert 1 <= len(questions) <= 3
    for comment in marked:
        assert comment.post.kind == "question" and comment.author_id != comment.post.author_id
    # The first reader of a marked question sees the replies that helped, under the question.
    question = next(iter(questions))
    page = client.get(question.get_absolute_url()).content.decode()
    assert "What helped" in page


def test_two_demo_members_have_a_short_kind_private_conversation(client, db):
    from forum.conversations.models import Conversation
    from forum.demo.messages import PRIVATE_CONVERSATION

    call_command("seed_demo", "--allow-production")
    conversation = Conversation.objects.get()
    written = list(conversation.messages.values_list("sender__username", "body"))
    assert written == PRIVATE_CONVERSATION
    client.login(username="demo", password="kindred-demo-2026")
    page = client.get(f"/messages/{conversation.pk}/").content.decode()
    assert "compare notes" in page

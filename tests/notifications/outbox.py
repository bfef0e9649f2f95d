"""A mail server for worker processes started by tests: each message is a file in
$KINDRED_TEST_OUTBOX, so the test counts what every process sent. The first send of the
test hangs (it writes `hanging` and sleeps), so the test can kill the worker mid-send."""

import os
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

HANGING = "hanging"


class HangsOnceOutbox(BaseEmailBackend):
    def send_messages(self, messages):
        outbox = Path(os.environ["KINDRED_TEST_OUTBOX"])
        try:
            (outbox / HANGING).touch(exist_ok=False)
        except FileExistsError:
            pass  # the send that hangs already happened
        else:
            time.sleep(3600)  # until the test kills this process
        for message in messages:
            (outbox / f"{uuid.uuid4().hex}.eml").write_bytes(message.message().as_bytes())
        return len(messages)

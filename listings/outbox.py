"""Side effects of a write (e-mails, background work), enqueued once its transaction commits.

Every service enqueues its tasks here, so this is where the durable outbox will go: a row
written in the transaction of the change, relayed to the broker after.
"""

from __future__ import annotations

import logging
import reprlib

from django.db import transaction
from django.utils.module_loading import import_string

__all__ = ["enqueue_on_commit"]

logger = logging.getLogger(__name__)

# Arguments are ids and kinds (tasks take ids), shortened so a long reason stays one line.
_short = reprlib.Repr()
_short.maxstring = _short.maxother = 60


def enqueue_on_commit(task, *args, using: str | None = None, **kwargs) -> None:
    """Call ``task.delay(*args, **kwargs)`` once the current transaction commits; not at all
    if it rolls back. ``task`` is a Celery task or its dotted path.

    The change is already saved by then, so a broker (or, with eager tasks, a mail server)
    that fails is logged with the task and its arguments and the caller goes on: a role saved
    or approved never turns into an error page.
    """
    name = task if isinstance(task, str) else getattr(task, "name", None) or repr(task)

    def enqueue() -> None:
        try:
            # A dotted path is looked up now, so a service never imports a tasks module that
            # imports the services back.
            (import_string(task) if isinstance(task, str) else task).delay(*args, **kwargs)
        except Exception:
            logger.exception(
                "Could not enqueue %s(%s) after commit",
                name,
                ", ".join(
                    [_short.repr(a) for a in args]
                    + [f"{k}={_short.repr(v)}" for k, v in kwargs.items()]
                ),
            )

    # Named for Django's own log line should anything escape the handler above.
    enqueue.__qualname__ = f"enqueue_on_commit({name})"
    transaction.on_commit(enqueue, using=using, robust=True)

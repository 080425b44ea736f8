"""One lock for importing model libraries from worker threads.

transformers resolves its classes lazily on first attribute access; two threads doing that at
once can see a half-initialised module ("cannot import name 'AutoConfig'"). Every import of a
model family's code (and allennlp's) goes through this lock.
"""

from __future__ import annotations

import threading

IMPORT_LOCK = threading.RLock()

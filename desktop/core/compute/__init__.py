"""The models in a process of their own: the window's process only draws.

Measured with scripts/bench_gui.py before this existed: loading the default models stalled the
window's event loop for 0.65-1.8 s (a tokenizer's constructor holds the interpreter lock for
0.87 s), and every model's computation competed with drawing for the same lock. In a second
process a model holds only that process's lock.

- ``task``: a job body that can cross the process boundary (a module-level function and its
  arguments), and how it reports progress;
- ``host``: the compute process: the loaded models, one thread per model;
- ``client``: the front end's handle: start the process, stream a task's values back.
"""

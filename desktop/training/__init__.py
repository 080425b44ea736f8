"""Train the three mini models (BERT, GPT, ELMo) from scratch on one corpus with one token budget.

The entry point is ``desktop.training.run.train`` (and ``python -m desktop.training.run``).
"""

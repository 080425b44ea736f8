"""Tiny random BERT and GPT-2 checkpoints with tokenizers built locally: tests never reach a hub.

The folders have the same layout as a real download (config.json, model.safetensors,
tokenizer files), so they go through exactly the loading code used for bert-base and gpt2.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import torch
from transformers import (
    BertConfig,
    BertForPreTraining,
    BertTokenizer,
    GPT2Config,
    GPT2LMHeadModel,
)

from desktop.training.tokenizers_build import build_byte_bpe

CORPUS = [
    "I deposited cash at the bank. We had a picnic on the river bank.",
    "The animal didn't cross the street because it was too tired.",
    "The animal didn't cross the street because it was too wide.",
    "A bank can hold money. The river bank was muddy and wide.",
    "She reads a book in the park while the children play.",
    "我在银行存钱。我们在河岸边野餐。",
]
ELMO_FIXTURE = Path(__file__).parent / "fixtures" / "elmo"


def _bert_vocab() -> list[str]:
    special = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    words = sorted({w.lower().strip(".,'") for line in CORPUS[:-1] for w in line.split()} - {""})
    chars = sorted({c for line in CORPUS for c in line.lower() if not c.isspace()})
    return special + words + [c for c in chars if c not in words] + [f"##{c}" for c in "abcdefghijklmnopqrstuvwxyz"]


def make_tiny_bert(folder: Path, seed: int = 0, max_positions: int = 64) -> Path:
    torch.manual_seed(seed)
    vocab = {tok: i for i, tok in enumerate(dict.fromkeys(_bert_vocab()))}
    tokenizer = BertTokenizer(vocab=vocab)
    tokenizer.model_max_length = max_positions
    config = BertConfig(
        vocab_size=len(vocab),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=max_positions,
    )
    config.architectures = ["BertForPreTraining"]
    BertForPreTraining(config).eval().save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def make_tiny_gpt2(folder: Path, seed: int = 0, max_positions: int = 64) -> Path:
    torch.manual_seed(seed)
    tokenizer = build_byte_bpe(CORPUS, vocab_size=400, max_length=max_positions)
    config = GPT2Config(
        vocab_size=len(tokenizer),
        n_embd=32,
        n_layer=2,
        n_head=2,
        n_positions=max_positions,
        bos_token_id=tokenizer.eos_token_id,
        eos_token_id=tokenizer.eos_token_id,
    )
    config.architectures = ["GPT2LMHeadModel"]
    GPT2LMHeadModel(config).eval().save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def elmo_folder() -> Path:
    """allennlp's own tiny ELMo test weights (real bilm-tf layout), shipped under tests/fixtures."""
    return ELMO_FIXTURE


def write_elmo_folder(folder: Path) -> Path:
    """A folder with exactly one options *.json and one weights *.hdf5, as ``--model elmo=`` expects."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ELMO_FIXTURE / "options.json", folder / "options.json")
    shutil.copy(ELMO_FIXTURE / "lm_weights.hdf5", folder / "lm_weights.hdf5")
    return folder

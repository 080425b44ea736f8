"""Each mini model's vocabulary, learned from the training text only.

mini-BERT gets WordPiece (lower-cased, like bert-base-uncased), mini-GPT gets byte-level BPE
(like GPT-2), mini-ELMo gets whole words for its softmax (its input is characters, so it needs
no vocabulary to read). The subword vocabularies are wrapped as transformers' fast tokenizers,
so that ``save_pretrained`` writes tokenizer.json and the program's adapters load them unchanged.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers
from transformers import BertTokenizer, GPT2Tokenizer

from desktop.core.text.words import is_cjk
from desktop.training.loop import corpus_words

BERT_SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
GPT_END = "<|endoftext|>"
BOS, EOS, UNK = "<S>", "</S>", "<UNK>"  # the names bilm-tf's vocabulary files use


def build_wordpiece(texts: Iterable[str], vocab_size: int, max_length: int) -> BertTokenizer:
    """A lower-casing WordPiece tokenizer whose pipeline is exactly the one BertTokenizer rebuilds.

    The trainer numbers the word-inner pieces ("##e") in hash-map order, and ties between
    equally frequent merges are broken by those numbers, so the same text can give different
    vocabularies. Declaring every "##c" up front (sorted) fixes their numbers and the result.
    Every character of the text is in the alphabet, so each Chinese character is a token (the
    normalizer splits CJK characters apart, as bert-base-chinese does) and needs no "##" form.
    """
    texts = list(texts)
    wp = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    wp.normalizer = normalizers.BertNormalizer(clean_text=True, handle_chinese_chars=True, lowercase=True)
    wp.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    alphabet = sorted({ch for text in texts for ch in wp.normalizer.normalize_str(text) if not ch.isspace()})
    trainer = trainers.WordPieceTrainer(
        vocab_size=vocab_size,
        special_tokens=BERT_SPECIAL + [f"##{ch}" for ch in alphabet if not is_cjk(ch)],
        initial_alphabet=alphabet,
        continuing_subword_prefix="##",
        show_progress=False,
    )
    wp.train_from_iterator(texts, trainer)
    vocab = dict(sorted(wp.get_vocab().items(), key=lambda kv: kv[1]))
    tokenizer = BertTokenizer(vocab=vocab)
    tokenizer.model_max_length = max_length
    return tokenizer


def build_byte_bpe(texts: Iterable[str], vocab_size: int, max_length: int) -> GPT2Tokenizer:
    """GPT-2's scheme: byte-level BPE, every byte in the base alphabet, one end-of-text token."""
    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=[GPT_END],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    bpe.train_from_iterator(texts, trainer)
    with tempfile.TemporaryDirectory() as tmp:
        bpe.model.save(tmp)
        lines = (Path(tmp) / "merges.txt").read_text(encoding="utf-8").splitlines()
    merges = [tuple(line.split(" ")) for line in lines if line and not line.startswith("#")]
    tokenizer = GPT2Tokenizer(vocab=bpe.get_vocab(), merges=merges)
    tokenizer.model_max_length = max_length
    return tokenizer


class WordVocab:
    """ELMo's output vocabulary: ``<S>``, ``</S>``, ``<UNK>``, then the most frequent words (cased)."""

    def __init__(self, words: list[str]) -> None:
        if words[:3] != [BOS, EOS, UNK]:
            raise ValueError(f"a word vocabulary starts with {BOS}, {EOS}, {UNK}")
        self.words = words
        self.index = {w: i for i, w in enumerate(words)}
        self.unk_id = self.index[UNK]

    @classmethod
    def build(cls, texts: Iterable[str], size: int) -> WordVocab:
        counts = Counter(w for text in texts for w in corpus_words(text))
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))  # ties broken by spelling: deterministic
        return cls([BOS, EOS, UNK] + [w for w, _ in ranked[: max(0, size - 3)]])

    def __len__(self) -> int:
        return len(self.words)

    def ids(self, words: list[str]) -> list[int]:
        """``<S> w1 .. wn </S>`` as ids, unknown words as ``<UNK>``."""
        return [self.index[BOS], *(self.index.get(w, self.unk_id) for w in words), self.index[EOS]]

    def save(self, path: Path) -> None:
        path.write_text("\n".join(self.words) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> WordVocab:
        return cls(path.read_text(encoding="utf-8").splitlines())

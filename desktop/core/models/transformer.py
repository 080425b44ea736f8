"""What BERT-style encoders and GPT-style decoders share: loading a local transformers folder
safely, and running text through it in windows with every hidden layer kept."""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
import transformers
from safetensors import SafetensorError, safe_open
from transformers import AutoConfig, AutoTokenizer

from desktop.core.cancel import check_cancel
from desktop.core.encoding import Encoding, Unknown, Window
from desktop.core.messages import Msg, msg
from desktop.core.models.attention import AppliedMask, applied_mask
from desktop.core.models.base import (
    ModelAdapter,
    ModelError,
    Prediction,
    Run,
    StaticBaseline,
    check_text,
    elapsed_ms,
)
from desktop.core.models.packed import pack_linears
from desktop.core.models.token_labels import BYTE_PIECES, byte_level_labels, is_byte_level, lone_bytes, unk_tokens
from desktop.core.text.windowing import plan_windows, run_in_windows, stitch

transformers.logging.set_verbosity_error()
transformers.utils.logging.disable_progress_bar()

WEIGHT_FILES = ("model.safetensors", "model.safetensors.index.json", "pytorch_model.bin")
TOKENIZER_FILE_SETS = (("tokenizer.json",), ("vocab.txt",), ("vocab.json", "merges.txt"))
STATIC_BASELINE = "input token embeddings (no position)"
BATCH_TOKENS = 512  # padded tokens per forward of encode_many: on one CPU thread 256-1,024 ran mini-BERT / GPT
# x1.4-1.65 / x1.3-1.4 faster than one by one, 2,048 x1.3 / x1.1-1.2, 8,192 x0.7 (scripts/bench_corpus.py --encoding)


def check_transformers_folder(name: str, folder: Path) -> None:
    """Fail with the exact missing or broken file before transformers gives a vaguer error."""
    if not folder.is_dir():
        raise ModelError(name, "folder not found", folder, "Check the path, or run `python main.py models`.")
    config = folder / "config.json"
    if not config.is_file():
        raise ModelError(name, "config.json is missing", config, "A transformers model folder needs it.")
    try:
        json.loads(config.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(name, f"config.json is not valid JSON ({exc})", config) from exc
    weights = [folder / f for f in WEIGHT_FILES if (folder / f).is_file()]
    if not weights:
        raise ModelError(name, f"no weights file (expected one of {', '.join(WEIGHT_FILES)})", folder)
    if weights[0].name == "model.safetensors":
        try:
            with safe_open(str(weights[0]), framework="pt") as f:
                list(f.keys())
        except (SafetensorError, OSError, ValueError) as exc:
            raise ModelError(
                name, f"weights file is corrupt or truncated ({exc})", weights[0], "Download it again."
            ) from exc
    if not any(all((folder / f).is_file() for f in files) for files in TOKENIZER_FILE_SETS):
        raise ModelError(name, "no tokenizer files (tokenizer.json, vocab.txt, or vocab.json + merges.txt)", folder)


def load_pretrained(name: str, loader: Any, folder: Path, **kwargs: Any) -> Any:
    """``from_pretrained`` with offline, no-remote-code, safetensors-first settings."""
    use_safetensors = (folder / "model.safetensors").is_file() or (folder / "model.safetensors.index.json").is_file()
    try:
        return loader.from_pretrained(
            str(folder),
            local_files_only=True,
            trust_remote_code=False,
            use_safetensors=use_safetensors or None,
            **kwargs,
        )
    except Exception as exc:  # transformers raises many types; the user needs the file and the reason
        raise ModelError(name, f"could not load ({type(exc).__name__}: {exc})", folder) from exc


def checked_config(name: str, folder: Path, accepts: Callable[[Any], bool], what: Msg, other: str) -> Any:
    """The folder's config, if it holds the kind of model this family runs (``what``); otherwise
    a ``ModelError`` that says which family (``other``) to load it as."""
    check_transformers_folder(name, folder)
    config = load_pretrained(name, AutoConfig, folder)
    if not accepts(config):
        archs = ", ".join(config.architectures or []) or "-"
        raise ModelError(
            name,
            msg(
                "holds a '{kind}' model ({archs}), which is not {what}", kind=config.model_type, archs=archs, what=what
            ),
            folder,
            msg("Load it as another family (e.g. --model {other}=PATH).", other=other),
        )
    return config


def fast_tokenizer(name: str, folder: Path) -> Any:
    tokenizer = load_pretrained(name, AutoTokenizer, folder)
    if not tokenizer.is_fast:
        raise ModelError(name, "needs a fast tokenizer (tokenizer.json) for character offsets", folder)
    return tokenizer


@dataclass
class Tokenized:
    prefix: list[int]  # special tokens the model adds before the text ([CLS])
    ids: list[int]  # the text's own tokens
    spans: list[tuple[int, int]]  # their character spans
    suffix: list[int]  # special tokens after the text ([SEP])

    def window(self, start: int, end: int) -> list[int]:
        """The model's input for the text's tokens ``[start, end)``."""
        return self.prefix + self.ids[start:end] + self.suffix


class TransformerAdapter(ModelAdapter):
    """A transformers model run with ``output_hidden_states``; subclasses add their heads."""

    def __init__(self, name: str, folder: Path, model: torch.nn.Module, tokenizer: Any) -> None:
        super().__init__(name)
        self.folder = folder
        self.model = model.eval()
        pack_linears(self.model.base_model)  # the body's linear layers, on the CPU (not the LM heads)
        self.tokenizer = tokenizer
        config = model.config
        self.n_layers = int(config.num_hidden_layers)
        self._parameters = sum(p.numel() for p in model.parameters())
        positions = getattr(config, "max_position_embeddings", None) or getattr(config, "n_positions", None)
        limits = [x for x in (positions, tokenizer.model_max_length) if x and x < 1_000_000]
        if not limits:
            raise ModelError(name, "neither the config nor the tokenizer states a maximum length", folder)
        self.max_length = int(min(limits))
        self.byte_level = is_byte_level(tokenizer)

    @property
    def parameters(self) -> int:
        return self._parameters

    def _move(self, device: str) -> None:
        self.model.to(device)
        pack_linears(self.model.base_model)  # packed again from the moved weights, or not at all off the CPU

    def ids_tensor(self, rows: list[list[int]]) -> torch.Tensor:
        """Token ids as the model's input, on its device."""
        return torch.tensor(rows, device=self.device)

    @property
    def layer_names(self) -> list[str]:
        return ["embeddings"] + [f"layer {i}" for i in range(1, self.n_layers + 1)]

    def tokenize(self, text: str) -> Tokenized:
        """The text's tokens with their character spans, and the special tokens the model adds
        around them (kept apart, so that a window of the text can get them again)."""
        enc = self.tokenizer(
            text,
            add_special_tokens=True,
            return_offsets_mapping=True,
            return_special_tokens_mask=True,
            verbose=False,
        )
        ids: list[int] = enc["input_ids"]
        offsets = [tuple(o) for o in enc["offset_mapping"]]
        added = [bool(s) and o[0] == o[1] for s, o in zip(enc["special_tokens_mask"], offsets, strict=True)]
        content = [i for i, a in enumerate(added) if not a]
        if not content:
            raise ModelError(self.name, "its tokenizer kept nothing of this text (only characters it drops)")
        return Tokenized(
            prefix=[ids[i] for i in range(content[0]) if added[i]],
            ids=[ids[i] for i in content],
            spans=[(int(offsets[i][0]), int(offsets[i][1])) for i in content],
            suffix=[ids[i] for i in range(content[-1] + 1, len(ids)) if added[i]],
        )

    def _encode(self, text: str) -> Encoding:
        t0 = time.perf_counter()
        tok = self.tokenize(text)
        tokenize_ms = elapsed_ms(t0)
        t1 = time.perf_counter()

        def run(win: Window) -> np.ndarray:
            return self._forward([tok.window(win.start, win.end)])[0][:, len(tok.prefix) : -len(tok.suffix) or None]

        layers, windows = run_in_windows(len(tok.ids), self._room(tok), run)
        return self._finish(text, tok, Run(layers, windows, t0, tokenize_ms, elapsed_ms(t1), []))

    def encode_many(self, texts: list[str]) -> list[Encoding]:
        """Every window of every text (one, unless a text is longer than the model's limit) runs in
        padded batches, sorted by length so that little padding is run; each text's windows are then
        stitched as ``encode`` stitches them. Right padding: the attention mask hides it from BERT's
        tokens, and GPT's causal mask already does (a token sees only those before it), so each
        text's vectors are those it gets alone (tests/test_batched_encoding.py)."""
        for text in texts:
            check_text(text)
        if not texts:
            return []
        with self._lock:
            t0 = time.perf_counter()
            toks = [self.tokenize(text) for text in texts]
            tokenize_ms = elapsed_ms(t0) / len(texts)
            t1 = time.perf_counter()
            plans = [plan_windows(len(tok.ids), self._room(tok)) for tok in toks]
            outputs = self._run_windows(toks, plans)
            forward_ms = elapsed_ms(t1) / len(texts)
            return [
                self._finish(text, tok, Run(stitched, plan, t0, tokenize_ms, forward_ms, []))
                for text, tok, plan, stitched in zip(texts, toks, plans, outputs, strict=True)
            ]

    def _run_windows(self, toks: list[Tokenized], plans: list[list[Window]]) -> list[np.ndarray]:
        """Each text's windows run in batches of about ``BATCH_TOKENS`` padded tokens, then
        stitched: ``[layers, tokens, dim]`` float32 per text."""
        rows = [(t, win) for t, plan in enumerate(plans) for win in plan]
        lengths = [len(toks[t].prefix) + win.end - win.start + len(toks[t].suffix) for t, win in rows]
        done: list[np.ndarray] = [np.empty(0)] * len(rows)
        for batch in _batches(sorted(range(len(rows)), key=lengths.__getitem__), lengths):
            check_cancel()
            outputs = self._forward([toks[rows[r][0]].window(rows[r][1].start, rows[r][1].end) for r in batch])
            for r, out in zip(batch, outputs, strict=True):
                start = len(toks[rows[r][0]].prefix)
                done[r] = out[:, start : start + rows[r][1].end - rows[r][1].start]
        per_text: list[list[np.ndarray]] = [[] for _ in toks]
        for (t, _), out in zip(rows, done, strict=True):
            per_text[t].append(out)
        return [
            np.ascontiguousarray(stitch(plan, outs), dtype=np.float32)
            for plan, outs in zip(plans, per_text, strict=True)
        ]

    def _room(self, tok: Tokenized) -> int:
        """How many of the text's own tokens one window holds, beside the special tokens."""
        return self.max_length - len(tok.prefix) - len(tok.suffix)

    def _forward(self, rows: list[list[int]]) -> list[np.ndarray]:
        """Every hidden layer of each row, ``[layers, len(row), dim]`` float32; rows of unequal
        length are padded on the right and masked (the body alone: an LM head costs more than the
        layers with a 250k vocabulary)."""
        width = max(len(row) for row in rows)
        pad = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0
        input_ids = self.ids_tensor([row + [pad] * (width - len(row)) for row in rows])
        mask = None
        if any(len(row) < width for row in rows):
            mask = self.ids_tensor([[1] * len(row) + [0] * (width - len(row)) for row in rows])
        with torch.inference_mode():
            hidden = self.model.base_model(input_ids=input_ids, attention_mask=mask, output_hidden_states=True)
            stacked = torch.stack(hidden.hidden_states).float().cpu().numpy()
        return [stacked[:, b, : len(row)] for b, row in enumerate(rows)]

    def _finish(self, text: str, tok: Tokenized, run: Run) -> Encoding:
        """The contract from one text's run (its windows stitched), with a note when it needed several."""
        if len(run.windows) > 1:
            run.notes.append(
                msg(
                    "{n} tokens exceed this model's {limit}-token limit: run as {windows} overlapping windows "
                    "and stitched",
                    n=len(tok.ids),
                    limit=self.max_length,
                    windows=len(run.windows),
                )
            )
        tokens = self.tokenizer.convert_ids_to_tokens(tok.ids)
        labels, unknown = self.readable(tokens, tok.ids)
        return self._encoding(text, tokens, tok.spans, run, labels=labels, unknown=unknown)

    def readable(self, tokens: list[str], ids: list[int]) -> tuple[list[str], Unknown]:
        """The text's tokens as a reader reads them, and those the model cannot read.

        A byte-level BPE has no unknown token (every byte is in its vocabulary, and its ``unk_token``
        is often the end-of-text token): what it cannot read is a character it left as bare bytes,
        because its training text held too little of it to merge them.
        """
        if self.byte_level:
            return byte_level_labels(tokens), Unknown(lone_bytes(tokens), BYTE_PIECES)
        return list(tokens), unk_tokens(ids, self.tokenizer.unk_token_id)

    def static_baseline(self, enc: Encoding, words: list[int]) -> StaticBaseline:
        """The token-embedding table, before positions are added: a Transformer's word2vec-like view
        (its "embeddings" output already adds positions, so context starts at layer 1)."""
        table = self.model.get_input_embeddings().weight.detach()
        ids = self.tokenizer.convert_tokens_to_ids
        with torch.inference_mode():
            vectors = torch.stack(
                [table[ids([enc.tokens[t] for t in enc.tokens_of_word(i)])].float().mean(0) for i in words]
            )
        return StaticBaseline(STATIC_BASELINE, vectors.cpu().numpy(), first_contextual=1)

    def _top_k(self, logits: torch.Tensor, k: int) -> Prediction:
        # a model's output layer may be wider than its vocabulary (padded rows): never rank those
        probs = torch.softmax(logits[: len(self.tokenizer)].float(), -1)
        top = torch.topk(probs, min(k, probs.numel()))
        return Prediction(self.readable_tokens(top.indices.tolist()), top.values.tolist())

    def network(self) -> torch.nn.Module:
        return self.model

    def applied_mask(self, texts: list[str]) -> AppliedMask:
        with self._lock:
            found = applied_mask(self.model, self.tokenizer, texts, self.device)
        if not self.byte_level:
            return found
        return dataclasses.replace(found, tokens=[byte_level_labels(t) for t in found.tokens])

    def readable_tokens(self, ids: list[int]) -> list[str]:
        """Tokens as shown in predictions; decoders override this to decode byte-level pieces."""
        return self.tokenizer.convert_ids_to_tokens(ids)


def _batches(order: list[int], lengths: list[int]) -> list[list[int]]:
    """``order`` (sorted by length) cut into runs whose padded size stays within ``BATCH_TOKENS``."""
    batches: list[list[int]] = []
    for i in order:
        if batches and (len(batches[-1]) + 1) * lengths[i] <= BATCH_TOKENS:
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches

"""What ``run.train`` needs from each of the three trainers, so that one driver trains them all."""

from __future__ import annotations

import copy
import json
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import torch

from desktop.training.corpus import Gloss
from desktop.training.loop import Batch, OptimConfig, to_device
from desktop.training.model_card import CARD_NAME

if TYPE_CHECKING:
    from transformers import PreTrainedModel, PreTrainedTokenizerBase


@dataclass
class TransformerSize:
    """The shape BERT and GPT share, with the same defaults, so that they are compared at one size."""

    vocab_size: int = 8000
    hidden: int = 128
    layers: int = 4
    heads: int = 4
    half: bool = False  # export the weights in float16 (the program still runs them in float32)


def size_fields(size: Any) -> dict[str, Any]:
    """A size dataclass for the card's architecture table (the optimiser and vocabulary have their own rows)."""
    return {k: v for k, v in asdict(size).items() if k not in ("optim", "vocab_size")}


class Trainer(ABC):
    """One model, its vocabulary, its batches from the shared corpus, its evaluation and its export."""

    name: str  # "bert", "gpt" or "elmo"
    model: torch.nn.Module  # everything that is trained (for ELMo: the biLM plus its softmax)
    optim: OptimConfig
    device: torch.device = torch.device("cpu")  # where the model trains and evaluates (``run.train`` sets it)
    autocast: bool = False  # bfloat16 autocast on a GPU (the Transformers; ELMo's allennlp LSTM stays float32)

    @abstractmethod
    def batches(self, train: list[Gloss], seed: int) -> Iterator[Batch]:
        """Endless training batches drawn from ``train`` in a seeded order."""

    @abstractmethod
    def loss(self, inputs: Any) -> torch.Tensor: ...

    def step_loss(self, inputs: Any) -> torch.Tensor:
        """``loss`` on the trainer's device (under bfloat16 autocast where ``autocast`` asks for it)."""
        inputs = to_device(inputs, self.device)
        if self.autocast and self.device.type == "cuda":
            with torch.autocast("cuda", dtype=torch.bfloat16):
                return self.loss(inputs)
        return self.loss(inputs)

    @abstractmethod
    def evaluate(self, held_out: list[Gloss]) -> dict[str, float]:
        """Held-out metrics; deterministic (fixed masking/pairing seed, no dropout)."""

    @abstractmethod
    def export(self, out_dir: Path) -> list[Path]:
        """Write the files the program's adapter loads; return them."""

    @property
    @abstractmethod
    def vocab_size(self) -> int: ...

    @property
    def parameters(self) -> int:
        """Every trained parameter, shared (tied) tensors counted once."""
        return sum(p.numel() for p in self.model.parameters())

    def after_step(self) -> None:  # noqa: B027  (a hook: most trainers need nothing here)
        """Called after each optimiser step (ELMo keeps its padding row at zero)."""

    def describe(self) -> dict[str, Any]:
        """The architecture, for the model card."""
        return {}


class PretrainedTrainer(Trainer):
    """A transformers model and its tokenizer (BERT, GPT): configured, seeded and saved the same way."""

    tokenizer: PreTrainedTokenizerBase

    def __init__(
        self, size: Any, tokenizer: PreTrainedTokenizerBase, model_class: type[PreTrainedModel], seed: int, **own: Any
    ) -> None:
        """``size``: a BertSize or GptSize; ``own``: the model's settings beyond the shape all transformers share."""
        self.size = size
        self.optim = size.optim
        self.tokenizer = tokenizer
        shape = {
            "hidden_size": size.hidden,
            "num_hidden_layers": size.layers,
            "num_attention_heads": size.heads,
            "max_position_embeddings": size.max_length,
        }
        names = model_class.config_class.attribute_map  # the model's own names for them (GPT-2: n_embd, ...)
        settings = {names.get(k, k): v for k, v in shape.items()} | own
        config = model_class.config_class(vocab_size=len(tokenizer), **settings)
        config.architectures = [model_class.__name__]
        torch.manual_seed(seed)  # just before the weights are drawn: the seed alone decides them
        self.model = model_class(config)

    @property
    def vocab_size(self) -> int:
        return len(self.tokenizer)

    def export(self, out_dir: Path) -> list[Path]:
        """The model folder; with ``size.half`` the weights are stored in float16 and the config says
        float32, so that the program loads them as float32 (half the disk, the same arithmetic)."""
        out_dir.mkdir(parents=True, exist_ok=True)
        model = self.model.eval().to("cpu")
        if self.size.half:
            model = copy.deepcopy(model).half()
        model.save_pretrained(out_dir)
        if self.size.half:
            config_path = out_dir / "config.json"
            config = json.loads(config_path.read_text(encoding="utf-8"))
            config["dtype"] = "float32"
            config_path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        self.tokenizer.save_pretrained(out_dir)
        return sorted(p for p in out_dir.iterdir() if p.name != CARD_NAME)

"""What a feature-based vs fine-tuning run is given and gives back (``finetune``): records without
torch, so that the window can draw them without importing it at its start."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """The training budget, the same for every model. The body's rate is low so that a few hundred
    steps adjust the pretrained weights rather than overwrite them; the new head starts from zero
    knowledge and gets a higher one."""

    steps: int = 300
    batch: int = 16  # sentences per step
    lr: float = 1e-4  # every pretrained weight
    head_lr: float = 1e-3  # the linear head
    seed: int = 0


@dataclass(frozen=True)
class Step:
    """How far a fine-tuning run is: steps done of all."""

    done: int
    total: int


@dataclass(frozen=True)
class FineTuneRow:
    model: str
    family: str
    language: str
    feature_layer: str  # the probe's best layer: the frozen vectors the feature-based number uses
    feature_accuracy: float  # linear probe on that layer's frozen vectors
    feature_top: float  # linear probe on the top layer (the layer fine-tuning trains a head on)
    finetuned_accuracy: float  # whole model + linear head, trained ``steps`` steps
    majority: float  # always the most frequent training tag
    steps: int
    batch: int
    lr: float
    head_lr: float
    seconds: float  # the fine-tuning run alone, when it was computed
    trainable_parameters: int  # fine-tuning: every weight of the copy that the task reaches, plus the head
    feature_parameters: int  # feature-based: the linear head alone
    n_train: int
    n_test: int
    from_cache: bool = False

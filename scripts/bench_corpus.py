"""Benchmark the corpus view (issue 14) on the shipped sentences: per model the encoding rate, peak
memory, build time, index and vector sizes, query latency, and for the shipped polysemy words the
same-sense precision@10 of each stored layer next to the static view's.

Each model is built anew in its own process (its peak RSS is that process's, read with wait4);
the prepared corpus (sentences and words table, shared by the models) is kept between runs unless
--fresh. Precision@10: every use of a listed word (resources/polysemy/senses.toml) whose sentence
has cue words of exactly one sense (desktop.core.measure.senses.sense_of) asks for its 10 nearest
among the word's other labelled uses (exact cosine); the share of them with its sense, averaged
over the uses. "chance" is the share a random ranking would get. Usage:

    python scripts/bench_corpus.py --sentences 10000 --models mini-bert,mini-gpt,mini-elmo
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.cli.corpus_cmd import sentences  # noqa: E402
from desktop.core.corpus.build import CHUNK, build_model  # noqa: E402
from desktop.core.corpus.index import LayerIndex, unit  # noqa: E402
from desktop.core.corpus.neighbours import nearest_rows  # noqa: E402
from desktop.core.corpus.store import Corpus, open_corpus, prepare  # noqa: E402
from desktop.core.corpus.vectors import ModelStore, encode_rows, model_folder, plan_layers  # noqa: E402
from desktop.core.measure.senses import sense_of, senses  # noqa: E402

K = 10


def child(args: argparse.Namespace) -> dict:
    """Build one model in this process; then time queries and score the senses."""
    from desktop.core.models import load_adapter
    from desktop.core.runtime import configure_compute
    from desktop.core.store.registry import load_registry

    configure_compute(args.threads, leave_free=0)
    corpus = open_corpus(args.out)
    assert corpus is not None
    spec = next(s for s in load_registry() if s.name == args.child)
    adapter = load_adapter(spec)
    times = {"encode": 0.0, "index": 0.0}
    last = [time.monotonic(), "encode"]

    def report(step) -> None:
        now = time.monotonic()
        times[step.stage] += now - last[0]
        last[:] = [now, step.stage]

    t0 = time.monotonic()
    last[0] = t0
    store = build_model(corpus, spec, adapter, ["first", "middle", "last"], args.engine, report)
    build_s = time.monotonic() - t0
    out = {"model": spec.name, "build_s": build_s, "encode_s": times["encode"], "index_s": times["index"]}
    out["index_bytes"] = sum(p.stat().st_size for p in store.folder.glob("index-*.faiss"))
    out["vector_bytes"] = sum(p.stat().st_size for p in store.folder.glob("vectors-*.npy"))
    out["latency"] = latency(corpus, store, args.queries)
    out["precision"] = precision(corpus, store)
    out["layers"] = {layer.key: layer.name for layer in store.plan}
    return out


def latency(corpus: Corpus, store: ModelStore, n: int) -> dict:
    """p50/p99 ms of the search alone (the index, then the exact ranking), on stored vectors of
    random uses: any word (the index) and the same word (exact over its uses)."""
    key = store.plan[-1].key
    vectors = store.vectors(key)
    index = LayerIndex(store.folder, key, vectors)
    rng = np.random.default_rng(0)
    rows = rng.choice(corpus.n_words, size=min(n, corpus.n_words), replace=False)
    times: dict[str, list[float]] = {"any word": [], "same word": []}
    for row in rows:
        query = np.asarray(vectors[row], dtype=np.float32)
        t0 = time.perf_counter()
        index.search(query, K)
        t1 = time.perf_counter()
        word = corpus.word(int(row))[2]
        nearest_rows(vectors, corpus.uses_of(word), query, K)
        t2 = time.perf_counter()
        times["any word"].append((t1 - t0) * 1000)
        times["same word"].append((t2 - t1) * 1000)
    out = {kind: {"p50": float(np.percentile(t, 50)), "p99": float(np.percentile(t, 99))} for kind, t in times.items()}
    out["any word"].update(recall(vectors, index, rows))
    return out


def recall(vectors: np.ndarray, index: LayerIndex, rows: np.ndarray) -> dict:
    """Recall@10 of the index's answers against an exact scan of every row (one pass, in chunks).
    Many uses can share one cosine (mini-BERT reads Chinese as [UNK] only: hundreds of uses get
    the same float16 vector), and then which 10 of them are "the" nearest is arbitrary: ``recall``
    counts an answer found when its exact cosine is at least the exact 10th best (to 1e-6),
    ``recall_rows`` only the exact scan's own 10 rows; ``tied``: the share of queries whose 10th and
    11th exact cosines tie."""
    queries = unit(np.asarray(vectors[np.sort(rows)], dtype=np.float32))
    best = np.full((len(queries), K + 1), -np.inf)
    where = np.zeros((len(queries), K + 1), dtype=np.int64)
    for lo in range(0, len(vectors), 65_536):
        scores = queries @ unit(np.asarray(vectors[lo : lo + 65_536])).T
        kth = min(K + 1, scores.shape[1]) - 1
        top = np.argpartition(-scores, kth, axis=1)[:, : kth + 1]
        merged = np.concatenate([best, np.take_along_axis(scores, top, 1)], 1)
        rows_all = np.concatenate([where, top + lo], 1)
        keep = np.argsort(-merged, axis=1)[:, : K + 1]
        best, where = np.take_along_axis(merged, keep, 1), np.take_along_axis(rows_all, keep, 1)
    found = [index.search(q, K) for q in queries]
    by_rows = [len({h.row for h in f} & set(w[:K].tolist())) / K for f, w in zip(found, where, strict=True)]
    by_score = [sum(h.score >= b[K - 1] - 1e-6 for h in f) / K for f, b in zip(found, best, strict=True)]
    tied = np.abs(best[:, K - 1] - best[:, K]) < 1e-6
    return {"recall": float(np.mean(by_score)), "recall_rows": float(np.mean(by_rows)), "tied": float(np.mean(tied))}


def encoding_rates(args: argparse.Namespace, corpus: Corpus) -> None:
    """Sentences/s of the build's encode function, batched (``encode_many``) and one by one
    (the base class's), on the same chunks, taking turns chunk by chunk so that other load on the
    machine weighs on both alike."""
    from desktop.core.models import load_adapter
    from desktop.core.models.base import ModelAdapter
    from desktop.core.runtime import configure_compute
    from desktop.core.store.registry import load_registry

    configure_compute(args.threads, leave_free=0)
    for name in args.models.split(","):
        adapter = load_adapter(next(s for s in load_registry() if s.name == name.strip()))
        plan = plan_layers(adapter, corpus.sentences(0, 1)[0], ["first", "middle", "last"])
        seconds = {"batched": 0.0, "one by one": 0.0}
        n = min(args.encoding, corpus.n_sentences)
        for lo in range(0, n, CHUNK):
            texts, where = corpus.sentences(lo, min(lo + CHUNK, n)), corpus.positions(lo, min(lo + CHUNK, n))
            for kind in seconds:
                if kind == "one by one":
                    adapter.encode_many = functools.partial(ModelAdapter.encode_many, adapter)
                t0 = time.perf_counter()
                encode_rows(adapter, texts, where, plan)
                seconds[kind] += time.perf_counter() - t0
                adapter.__dict__.pop("encode_many", None)
        rates = {kind: n / s for kind, s in seconds.items()}
        shown = ", ".join(f"{kind} {rate:.1f}" for kind, rate in rates.items())
        ratio = rates["batched"] / rates["one by one"]
        print(f"{adapter.name}: {n:,} sentences, {args.threads} torch thread(s): sentences/s {shown} (x{ratio:.2f})")


def labelled_uses(corpus: Corpus) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per listed word: the rows of its uses that the cue words give one sense, and that sense."""
    found = {}
    for word in senses():
        rows, labels = [], []
        for row in corpus.uses_of(word):
            sentence_id = corpus.word(int(row))[0]
            sense = sense_of(word, corpus.sentences(sentence_id, sentence_id + 1)[0])
            if sense is not None:
                rows.append(int(row))
                labels.append(sense)
        if len(set(labels)) == 2:
            found[word] = (np.array(rows), np.array(labels))
    return found


def precision(corpus: Corpus, store: ModelStore) -> dict:
    """Same-sense precision@10 per stored layer, over every labelled use of every listed word."""
    uses = labelled_uses(corpus)
    out: dict = {"words": {w: len(r) for w, (r, _) in uses.items()}, "layers": {}}
    chance = [
        ((labels == labels[i]).sum() - 1) / (len(labels) - 1) for _, labels in uses.values() for i in range(len(labels))
    ]
    out["chance"] = float(np.mean(chance)) if chance else None
    for layer in store.plan:
        vectors = store.vectors(layer.key)
        scores = []
        for rows, labels in uses.values():
            for i, row in enumerate(rows):
                others = np.delete(np.arange(len(rows)), i)
                hits = nearest_rows(vectors, rows[others], np.asarray(vectors[row], np.float32), K)
                picked = [labels[others[np.searchsorted(rows[others], h.row)]] for h in hits]
                scores.append(np.mean([p == labels[i] for p in picked]))
        out["layers"][layer.key] = float(np.mean(scores)) if scores else None
    out["queries"] = len(chance)
    return out


def run_child(args: argparse.Namespace, model: str) -> dict:
    """One model's build in a child process; its peak RSS from wait4."""
    argv = [sys.executable, __file__, "--child", model, "--out", str(args.out), "--threads", str(args.threads)]
    argv += ["--queries", str(args.queries)]
    proc = subprocess.Popen([*argv, "--engine", args.engine], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{model}: the build failed ({proc.returncode})")
    result = json.loads(output.strip().splitlines()[-1])
    result["peak_rss_mb"] = usage.ru_maxrss / 1024
    return result


def show(corpus: Corpus, prepare_s: float, results: list[dict]) -> None:
    words = f"{corpus.n_sentences:,} sentences, {corpus.n_words:,} words stored"
    print(f"corpus: {corpus.source}; {words}; prepared in {prepare_s:.0f} s")
    for r in results:
        lat = r["latency"]
        print(
            f"{r['model']}: {corpus.n_sentences / r['encode_s']:.1f} sentences/s; build {r['build_s']:.0f} s "
            f"(encode {r['encode_s']:.0f} s, index {r['index_s']:.0f} s); peak RSS {r['peak_rss_mb']:.0f} MB; "
            f"index {r['index_bytes'] / 1e6:.1f} MB, vectors {r['vector_bytes'] / 1e6:.1f} MB on disk"
        )
        for kind, q in lat.items():
            extra = (
                f", recall@{K} against an exact scan {q['recall']:.3f} (ties counted; the scan's own rows "
                f"{q['recall_rows']:.3f}, {q['tied']:.0%} of queries tied at the 10th)"
                if "recall" in q
                else ""
            )
            print(f"    query ({kind}, last layer): p50 {q['p50']:.2f} ms, p99 {q['p99']:.2f} ms{extra}")
        p = r["precision"]
        chance = f"{p['chance']:.3f}" if p["chance"] is not None else "-"
        print(f"    same-sense precision@{K} over {p['queries']} labelled uses {p['words']} (chance {chance}):")
        for key, value in p["layers"].items():
            shown = f"{value:.3f}" if value is not None else "-"
            print(f"      {key:>6} {r['layers'][key]:<40} {shown}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=1000, help="sentences of the shipped corpus")
    parser.add_argument("--models", default="mini-bert,mini-gpt,mini-elmo")
    parser.add_argument("--out", type=Path, help="the corpus folder (default: a fresh one in /tmp)")
    parser.add_argument("--queries", type=int, default=200, help="random uses timed per model")
    parser.add_argument("--engine", choices=["local", "ray"], default="local")
    parser.add_argument(
        "--threads", type=int, default=1, help="torch threads per build (default 1: fastest for mini models)"
    )
    parser.add_argument("--fresh", action="store_true", help="prepare the corpus again (default: keep one there)")
    parser.add_argument(
        "--encoding", type=int, help="only compare batched and one-by-one encoding on this many sentences"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args)))
        return
    args.out = args.out or Path(f"/tmp/bench-corpus-{args.sentences}")
    if args.fresh:
        shutil.rmtree(args.out, ignore_errors=True)
    if args.encoding:
        stream, source, limit = sentences(SimpleNamespace(source="shipped", limit=args.sentences))
        encoding_rates(args, prepare(args.out, stream, source, limit, lambda done, total: None))
        return
    for model in args.models.split(","):  # every model is built anew; the corpus is kept unless --fresh
        shutil.rmtree(model_folder(args.out, model.strip()), ignore_errors=True)
    stream, source, limit = sentences(SimpleNamespace(source="shipped", limit=args.sentences))
    corpus = prepare(args.out, stream, source, limit, lambda done, total: None)
    prepare_s = json.loads((args.out / "corpus.json").read_text(encoding="utf-8"))["seconds"]
    results = [run_child(args, model.strip()) for model in args.models.split(",")]
    show(corpus, prepare_s, results)


if __name__ == "__main__":
    main()

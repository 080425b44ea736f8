"""Which code the GUI thread was running while it stalled: a watchdog for the GUI benchmarks.

A timer on the GUI thread beats every few milliseconds. A watchdog thread watches the beat: once
the GUI thread has not beaten for more than ``threshold_ms``, it samples the GUI thread's Python
stack (``sys._current_frames()``) every ``sample_ms`` until the beat comes back, and charges the
time between samples to the stack it saw. The report lists the stacks that took the most stalled
time, so that a stall is attributed to code, not guessed.

Two things the samples cannot tell apart by themselves: the GUI thread running Python, and the GUI
thread waiting for the interpreter lock while another thread holds it (an import, a C extension
that keeps the lock). For those, each sample also notes what the other Python threads were doing;
the report prints the commonest of them under each stack. A stall spent in Qt's own C++ (layout,
painting) shows as the event loop's frame, the innermost Python frame that called into Qt.

Usage (see scripts/bench_gui.py): ``explainer = StallExplainer(); explainer.start()`` once the
Qt application exists; ``explainer.phase("loading")`` to label what follows;
``print(explainer.report())`` at the end.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

ROOT = str(Path(__file__).resolve().parents[1])
BEAT_MS = 5
OWN_FRAMES = ("stall_explainer.py",)
Stack = tuple[str, ...]


def describe(frame: FrameType | None, depth: int) -> Stack:
    """The innermost ``depth`` frames as 'file:line function', the project's paths made relative;
    the explainer's own frames are dropped, as they explain nothing."""
    out: list[str] = []
    while frame is not None and len(out) < depth:
        code = frame.f_code
        path = code.co_filename
        if not path.endswith(OWN_FRAMES):
            short = path.removeprefix(ROOT + "/") if path.startswith(ROOT) else _site_relative(path)
            out.append(f"{short}:{frame.f_lineno} {code.co_name}")
        frame = frame.f_back
    return tuple(out)


def _site_relative(path: str) -> str:
    marker = "site-packages/"
    return path[path.index(marker) + len(marker) :] if marker in path else path


def thread_cpu_ms(native_id: int) -> float:
    """CPU time a thread of this process has used (Linux: /proc, 10 ms ticks; 0 elsewhere). A stall
    whose GUI-thread CPU time is far below its length was spent waiting: for the interpreter lock,
    or for a core, as when other programs share the machine."""
    try:
        fields = Path(f"/proc/self/task/{native_id}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) * 10.0  # utime + stime, in ticks of 10 ms


@dataclass
class Stall:
    phase: str
    start: float
    cpu_start: float = 0.0
    end: float = 0.0
    cpu_ms: float = 0.0

    @property
    def ms(self) -> float:
        return (self.end - self.start) * 1000


@dataclass
class _Charges:
    """Stalled milliseconds per GUI stack, and what the other threads were doing meanwhile."""

    ms: Counter = field(default_factory=Counter)
    others: dict[Stack, Counter] = field(default_factory=lambda: defaultdict(Counter))
    phases: dict[Stack, Counter] = field(default_factory=lambda: defaultdict(Counter))


class StallExplainer:
    def __init__(self, threshold_ms: float = 30, sample_ms: float = 3, depth: int = 12) -> None:
        from PySide6.QtCore import QTimer

        self.threshold = threshold_ms / 1000
        self.sample = sample_ms / 1000
        self.depth = depth
        self.gui_ident = threading.get_ident()  # built on the GUI thread
        self.gui_native = threading.get_native_id()
        self.beat = time.perf_counter()
        self.current_phase = "start"
        self.stalls: list[Stall] = []
        self.charges = _Charges()
        self._stop = threading.Event()
        self._timer = QTimer()
        self._timer.setInterval(BEAT_MS)
        self._timer.timeout.connect(self._beat)
        self._thread = threading.Thread(target=self._watch, name="stall-explainer", daemon=True)

    def start(self) -> None:
        self.beat = time.perf_counter()
        self._timer.start()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._timer.stop()
        if self._thread.is_alive():
            self._thread.join(1)

    def phase(self, name: str) -> None:
        """Label the stalls that follow (set from the GUI thread between steps of a benchmark)."""
        self.current_phase = name
        self.beat = time.perf_counter()

    def _beat(self) -> None:
        self.beat = time.perf_counter()

    def _watch(self) -> None:
        stall: Stall | None = None
        last = time.perf_counter()
        while not self._stop.wait(self.sample):
            now, beat = time.perf_counter(), self.beat
            if now - beat <= self.threshold:
                if stall is not None:
                    stall.end = beat
                    stall.cpu_ms = thread_cpu_ms(self.gui_native) - stall.cpu_start
                    self.stalls.append(stall)
                    stall = None
                last = now
                continue
            if stall is None:
                stall = Stall(self.current_phase, beat, thread_cpu_ms(self.gui_native))
                last = beat + self.threshold
            self._charge(stall.phase, (now - last) * 1000)
            last = now

    def _charge(self, phase: str, ms: float) -> None:
        frames = sys._current_frames()
        gui = describe(frames.get(self.gui_ident), self.depth) or ("(no Python frame)",)
        self.charges.ms[gui] += ms
        self.charges.phases[gui][phase] += ms
        me = threading.get_ident()
        names = {t.ident: t.name for t in threading.enumerate()}
        for ident, frame in frames.items():
            if ident not in (me, self.gui_ident):
                top = describe(frame, 1)  # only the innermost: another thread's older frames are not walked
                if top and "threading.py" not in top[0]:  # a thread that waits holds nothing up
                    self.charges.others[gui][f"{names.get(ident, ident)}: {top[0]}"] += ms

    def worst(self, phase: str | None = None) -> float:
        return max((s.ms for s in self.stalls if phase in (None, s.phase)), default=0.0)

    def report(self, top: int = 8, frames: int = 8, phase: str | None = None) -> str:
        """The stalls per phase, then the stacks that took the most stalled time (in ``phase`` only,
        when given: printed as soon as that phase is over)."""
        lines = [f"stalls over {self.threshold * 1000:.0f} ms (GUI thread without a beat), by phase:"]
        by_phase: dict[str, list[Stall]] = defaultdict(list)
        for s in self.stalls:
            if phase in (None, s.phase):
                by_phase[s.phase].append(s)
        for name, stalls in by_phase.items():
            worst = max(stalls, key=lambda s: s.ms)
            lines.append(
                f"  {name}: {len(stalls)} stall(s), worst {worst.ms:.0f} ms ({worst.cpu_ms:.0f} ms of it on the GUI "
                f"thread's CPU), total {sum(s.ms for s in stalls):.0f} ms ({sum(s.cpu_ms for s in stalls):.0f} ms CPU)"
            )
        in_phase = self.charges.phases
        charged = Counter({k: ms if phase is None else in_phase[k][phase] for k, ms in self.charges.ms.items()})
        total = sum(charged.values()) or 1.0
        lines.append(f"the GUI thread's stacks during those stalls (sampled every {self.sample * 1000:.0f} ms):")
        for stack, ms in charged.most_common(top):
            if ms <= 0:
                break
            phases = ", ".join(f"{p} {t:.0f}" for p, t in self.charges.phases[stack].most_common(3))
            lines.append(f"- {ms:.0f} ms ({100 * ms / total:.0f} %; {phases})")
            lines += [f"    {f}" for f in stack[:frames]]
            for other, t in self.charges.others[stack].most_common(2):
                lines.append(f"    meanwhile {other} ({t:.0f} ms)")
        lines.append("the innermost frames (leaves) that took the most stalled time:")
        leaves: Counter = Counter()
        for stack, ms in charged.items():
            leaves[stack[0]] += ms
        lines += [f"- {ms:.0f} ms  {leaf}" for leaf, ms in leaves.most_common(top) if ms > 0]
        return "\n".join(lines)

"""Benchmark transcription: the real-time factor (processing seconds per audio second).

Synthesises a ~20 s voicemail with espeak-ng (140 words a minute), then times
`critique_recording` cold (model load included, first file) and warm (model
loaded, median of the following runs). Target (issue #8): warm RTF <= 0.1 with
the bundled tiny.en. Never fails on time: it only prints figures.

    .venv/bin/python bench/audio.py [--runs 5] [--threads 0] [--model PATH_OR_NAME]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

SCRIPT = (
    "Hi Lou, this is Kim, seven oh four, three three three, eleven twelve. Your competitors "
    "on Main Street changed their opening hours this month, and one of them doubled its "
    "walk-in trade. I'll tell you which one when you call me back. Again, seven oh four, "
    "three three three, eleven twelve."
)


def main() -> None:
    """Print cold and warm real-time factors."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=0, help="CPU threads (0: automatic)")
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "voicemail.wav"
        subprocess.run(["espeak-ng", "-s", "140", "-w", str(path), SCRIPT], check=True)
        started = time.perf_counter()
        from callworthy.audio.critique import critique_recording
        from callworthy.audio.transcribe import load_model

        model = load_model(args.model, cpu_threads=args.threads)
        loaded = time.perf_counter()
        first = critique_recording(path, model)
        cold = time.perf_counter() - started
        seconds = first.measurements.duration_seconds
        warm = []
        for _ in range(args.runs):
            start = time.perf_counter()
            critique_recording(path, model)
            warm.append(time.perf_counter() - start)
    median = statistics.median(warm)
    print(f"model: {model.name}; audio: {seconds:.1f} s; threads: {args.threads or 'auto'}")
    print(f"model load: {loaded - started:.2f} s (imports included)")
    print(f"cold: {cold:.2f} s  RTF {cold / seconds:.3f}  (load + first file)")
    print(
        f"warm: {median:.2f} s  RTF {median / seconds:.3f}  (median of {args.runs}; target <= 0.1)"
    )
    print(f"transcript: {first.transcript}")


if __name__ == "__main__":
    main()

"""Progress of long steps, as the command line shows it.

Library stages report progress through a plain callback ``progress(stage, done, total)`` and
show nothing unless given one, so a notebook gets no stray bars.  :class:`ProgressReporter` is
the callback the CLI passes: on a terminal a live bar per stage with counts, rate and ETA; when
stderr is not a terminal (a CI log, a pipe) one line every ``interval`` seconds while a stage
runs and one when it ends (none when it starts, so that a command that fails at once prints its
one error line only); nothing at all when quiet.

>>> with ProgressReporter(mode="lines") as progress:      # doctest: +SKIP
...     progress("embedding", 1024, 5183)
factcheck: embedding 1,024/5,183 (20%), 10.2 s, ETA 41.4 s
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TextIO

Mode = Literal["auto", "bar", "lines", "off"]
#: Seconds between two progress lines of one stage when stderr is not a terminal.
LINE_INTERVAL = 10.0


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(round(seconds), 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


@dataclass(slots=True)
class _Stage:
    started: float
    printed: float
    done: int = 0
    total: int = 0
    finished: bool = False


class ProgressReporter:
    """A ``progress(stage, done, total)`` callback that draws bars or writes lines; see the module doc."""

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        mode: Mode = "auto",
        interval: float = LINE_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        import sys

        self.stream = stream if stream is not None else sys.stderr
        if mode == "auto":
            mode = "bar" if getattr(self.stream, "isatty", lambda: False)() else "lines"
        self.mode: Mode = mode
        self.interval = interval
        self.clock = clock
        self._stages: dict[str, _Stage] = {}
        # a stage is first heard of when it has made progress: it started when the previous one last reported
        self._last = clock()
        self._bar: Any = None
        self._tasks: dict[str, Any] = {}

    # -- context ---------------------------------------------------------------------------
    def __enter__(self) -> ProgressReporter:
        if self.mode == "bar":
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("elapsed"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
                transient=True,
            )
            self._bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)
            self._bar = None
        if exc[0] is None:
            for name, stage in self._stages.items():
                if not stage.finished and self.mode == "lines":
                    self._line(name, stage, final=True)

    # -- reporting -------------------------------------------------------------------------
    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.mode == "off":
            return
        now = self.clock()
        state = self._stages.get(stage)
        if state is None:
            state = self._stages[stage] = _Stage(started=self._last, printed=now)
        self._last = now
        state.done, state.total = done, total
        finishing = total > 0 and done >= total
        if self.mode == "bar" and self._bar is not None:
            if stage not in self._tasks:
                self._tasks[stage] = self._bar.add_task(stage, total=total)
            self._bar.update(self._tasks[stage], completed=done, total=total)
            state.finished = finishing
            return
        if finishing and not state.finished:
            state.finished = True
            self._line(stage, state, final=True)
        elif not state.finished and now - state.printed >= self.interval:
            state.printed = now
            self._line(stage, state, final=False)

    def _line(self, name: str, state: _Stage, *, final: bool) -> None:
        elapsed = self.clock() - state.started
        counted = state.total > 1
        if final:
            count = f"{state.done:,} " if counted else ""
            text = f"factcheck: {name}: {count}done in {_duration(elapsed)}"
        elif not counted:
            text = f"factcheck: {name}…"
        else:
            share = f" ({100 * state.done / state.total:.0f}%)"
            eta = ""
            if 0 < state.done < state.total and elapsed >= 1.0:
                eta = f", ETA {_duration(elapsed * (state.total - state.done) / state.done)}"
            text = f"factcheck: {name} {state.done:,}/{state.total:,}{share}, {_duration(elapsed)}{eta}"
        self.stream.write(text + "\n")
        self.stream.flush()

from __future__ import annotations

import io

from factcheck.progress import ProgressReporter


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_lines_when_not_a_terminal_tick_and_end():
    out, clock = io.StringIO(), Clock()
    with ProgressReporter(out, interval=10.0, clock=clock) as progress:
        assert progress.mode == "lines"  # a StringIO is not a terminal
        clock.now += 2
        progress("embedding", 1000, 5000)
        clock.now += 3
        progress("embedding", 2000, 5000)  # within the interval: no line
        clock.now += 10
        progress("embedding", 4000, 5000)
        clock.now += 5
        progress("embedding", 5000, 5000)
        progress("embedding", 5000, 5000)  # already finished: no second end line
        progress("finding claims", 0, 1)
        clock.now += 1.5
        progress("finding claims", 1, 1)
    # no line when a stage starts (a command that fails at once prints only its error), one per
    # interval while it runs, one when it ends
    assert out.getvalue().splitlines() == [
        "factcheck: embedding 4,000/5,000 (80%), 15.0 s, ETA 3.8 s",
        "factcheck: embedding: 5,000 done in 20.0 s",
        "factcheck: finding claims: done in 1.5 s",
    ]


def test_progress_off_prints_nothing_and_unfinished_stages_end_on_exit():
    out = io.StringIO()
    with ProgressReporter(out, mode="off") as progress:
        progress("embedding", 1, 10)
    assert out.getvalue() == ""
    out, clock = io.StringIO(), Clock()
    with ProgressReporter(out, clock=clock) as progress:
        progress("retrieving", 3, 10)
        clock.now += 65
    assert out.getvalue().splitlines()[-1] == "factcheck: retrieving: 3 done in 1 min 05 s"


def test_progress_bar_mode_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Terminal()
    with ProgressReporter(out) as progress:
        assert progress.mode == "bar"
        progress("verifying claims", 5, 10)
        progress("verifying claims", 10, 10)
    assert "factcheck:" not in out.getvalue()  # bars, not log lines

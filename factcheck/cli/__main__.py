"""``python -m factcheck.cli``."""

from factcheck.cli import main

main()

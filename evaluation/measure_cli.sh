#!/usr/bin/env bash
# Wall time and peak memory of the README's main command (cold: empty index cache) and of
# `factcheck check` on the seed article with a warm index, plus the seed article's claim count.
#   bash evaluation/measure_cli.sh            (from the repository root, venv installed)
set -uo pipefail
cd "$(dirname "$0")/.."
FC=.venv/bin/factcheck
SEED=../shared/seeds/000_67f97ffaf357c057.txt
export FACTCHECK_HOME="$(mktemp -d)"
measure() {  # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o /tmp/fc-time "$@" >/tmp/fc-out 2>/tmp/fc-err
  local rc=$?
  read -r secs kb < <(tail -n 1 /tmp/fc-time)  # GNU time prepends a line when the exit code is not 0
  printf '%-44s exit %d  wall %6.1f s  peak RSS %5.0f MB\n' "$label" "$rc" "$secs" "$((kb / 1024))"
}
measure "README main command (cold cache)" $FC check data/sample/article.txt --corpus data/sample/corpus
measure "same command again (warm index)" $FC check data/sample/article.txt --corpus data/sample/corpus
if [ -f "$SEED" ]; then
  measure "seed article, warm index" $FC check "$SEED" --corpus data/sample/corpus
  echo "seed article claims: $($FC claims "$SEED" --format jsonl | wc -l)"
else
  echo "seed article $SEED not found; skipped"
fi
rm -rf "$FACTCHECK_HOME"

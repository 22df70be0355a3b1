"""Checkpoints of a training run, so that an interrupted run resumes where it stopped.

A checkpoint folder (``OUTPUT.ckpt``) holds the model weights (safetensors), the optimiser and
scheduler state and the random-number state (a ``torch.save`` file of tensors and numbers only,
read back with ``weights_only=True``), and ``trainer.json``: the step reached and the fingerprint
of the run's configuration and data.  Resuming with another configuration or mix is refused.
Each checkpoint is written to a temporary folder and renamed into place.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import DataError

STATE_FILE = "trainer.json"


@dataclass(frozen=True, slots=True)
class Resume:
    step: int
    fingerprint: str


def folder_for(output_dir: str | Path) -> Path:
    out = Path(output_dir)
    return out.with_name(out.name + ".ckpt")


def save(folder: Path, *, model, optimizer, scheduler, step: int, fingerprint: str) -> None:
    import torch
    from safetensors.torch import save_file

    tmp = folder.with_name(folder.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(tmp / "model.safetensors"))
    torch.save(
        {"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict(), "rng": torch.get_rng_state()},
        tmp / "optim.pt",
    )
    (tmp / STATE_FILE).write_text(json.dumps({"step": step, "fingerprint": fingerprint}) + "\n", encoding="utf-8")
    old = folder.with_name(folder.name + ".old")
    if folder.exists():
        folder.rename(old)
    tmp.rename(folder)
    if old.exists():
        shutil.rmtree(old)


def load(folder: Path, *, model, optimizer, scheduler, fingerprint: str) -> int:
    """Restore the state saved in ``folder``; returns the step reached."""
    import torch
    from safetensors.torch import load_file

    state_path = folder / STATE_FILE
    if not state_path.is_file():
        raise DataError(f"no checkpoint to resume in {folder}; run without --resume")
    state = json.loads(state_path.read_text(encoding="utf-8"))
    if state.get("fingerprint") != fingerprint:
        raise DataError(
            f"the checkpoint in {folder} is of another configuration or mix; "
            "resume with the same options, or delete the folder to start again"
        )
    model.load_state_dict(load_file(str(folder / "model.safetensors")))
    rest = torch.load(folder / "optim.pt", weights_only=True)
    optimizer.load_state_dict(rest["optimizer"])
    scheduler.load_state_dict(rest["scheduler"])
    torch.set_rng_state(rest["rng"])
    return int(state["step"])


def remove(folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)

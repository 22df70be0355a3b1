from __future__ import annotations

import re
import tomllib
from importlib import resources

from .conftest import ROOT


def test_packaging_distribution_name_is_free_and_import_name_stays():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "factcheck-toolkit"  # "factcheck" on PyPI is another project
    assert project["scripts"] == {"factcheck": "factcheck.cli:main"}
    extras = project["optional-dependencies"]
    assert {"fastapi", "uvicorn"} <= {re.split(r"[<>=\[]", d)[0] for d in extras["serve"]}
    assert any(d.startswith("factcheck-toolkit[") and "serve" in d for d in extras["dev"])
    assert any(d.startswith("playwright") for d in extras["dev"])
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install factcheck-toolkit" in readme


def test_packaging_ci_runs_the_readme_test_command_verbatim():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines() if line.endswith(".venv/bin/python -m pytest"))
    assert "apt-get install -y -q chromium" in command
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_packaging_templates_and_schema_are_package_data():
    report = resources.files("factcheck.report")
    for name in ("report.html.j2", "report_body.html.j2", "report.css", "report.js"):
        assert report.joinpath("templates", name).is_file(), name
    assert report.joinpath("schema", "report.schema.json").is_file()
    for name in ("index.html.j2", "app.js", "app.css"):
        assert resources.files("factcheck.serve").joinpath("templates", name).is_file(), name

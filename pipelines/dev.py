"""`make dev`: the Dagster UI and daemon with the project's Dagster settings, on 127.0.0.1.

    python -m pipelines.dev [--port 3000] [other `dagster dev` options]

The settings of pipelines/config.py (DAGSTER_ENV) must be in the environment of the webserver
too: it is the process that creates the runs launched from the UI.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from . import config


def main(argv: list[str]) -> None:
    config.apply_dagster_env()
    config.prepare_dagster_home()
    dagster = Path(sys.executable).with_name("dagster")
    args = ["dev", "-h", "127.0.0.1", "-m", "pipelines.definitions", *argv]
    if not any(a in ("-p", "--port") for a in argv):
        args[3:3] = ["-p", "3000"]
    os.execv(dagster, [str(dagster), *args])


if __name__ == "__main__":
    main(sys.argv[1:])

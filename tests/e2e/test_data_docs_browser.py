"""The Data Docs front page, opened in headless Chromium with the network off, shows every suite and result."""
from __future__ import annotations

import os
import shutil
import subprocess

import duckdb
import pytest

from pipelines.checks.execute import execute
from pipelines.checks.suites import SUITES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Network off: every request goes to a proxy on a closed local port.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-quic", "--proxy-server=http://127.0.0.1:9",
         "--proxy-bypass-list=<-loopback>", "--window-size=1280,2000"]

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def chromium():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run installs Debian's chromium package")
        pytest.skip("chromium not installed (apt-get install chromium)")
    return CHROMIUM


def run_chromium(chromium, tmp_path, *args):
    profile = tmp_path / "profile"
    return subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120, check=True)


def test_data_docs_readable_offline(chromium, tmp_path, seeded_warehouse):
    db = tmp_path / "wh" / "govreports.duckdb"
    db.parent.mkdir()
    shutil.copy(seeded_warehouse, db)
    with duckdb.connect(str(db)) as con:
        for suite in SUITES:
            execute(suite, con, db, "e2e")
    index = db.parent / "data_docs" / "index.html"
    assert index.exists()

    dom = run_chromium(chromium, tmp_path, "--dump-dom", index.as_uri()).stdout
    for suite in SUITES:
        assert suite.check_name in dom
    assert "PASSED" in dom and "WARNING" in dom  # completeness warns on the seeds: two reports without a GDP target
    assert "expect_column_values_to_be_unique" in dom and "rows unexpected" in dom

    shot = tmp_path / "data_docs.png"
    run_chromium(chromium, tmp_path, f"--screenshot={shot}", index.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000  # a rendered page, not a blank one

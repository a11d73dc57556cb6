"""The Dagster UI as a user starts it (`dagster dev`, as `make dev` does), driven through its own GraphQL API.

The server runs in its own process session on 127.0.0.1 with a temporary DAGSTER_HOME and
warehouse; the test adds a partition per seed file and launches the refresh_all job over all of
them (every asset and check) through the API the UI uses, waits for it, and reads the warehouse it wrote. Every wait is bounded;
the whole process group is stopped in `finally`.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from pipelines import config
from pipelines.checks.suites import SUITES
from pipelines.defs.assets.marts import MODEL_NAMES
from pipelines.defs.partitions import all_files_tags, source_files
from tests.conftest import REPO, SEEDS
from tests.helpers import query

pytestmark = pytest.mark.e2e

BUDGET = 240  # seconds for everything: start-up, the run, its checks


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _default_sigint():
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class UI:
    def __init__(self, port: int, deadline: float):
        self.url = f"http://127.0.0.1:{port}"
        self.deadline = deadline

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def graphql(self, text: str, variables: dict | None = None) -> dict:
        body = json.dumps({"query": text, "variables": variables or {}}).encode()
        request = urllib.request.Request(self.url + "/graphql", data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=max(1.0, min(30.0, self.left()))) as response:
            payload = json.load(response)
        assert "errors" not in payload, payload["errors"]
        return payload["data"]

    def wait_for(self, what: str, probe, server: subprocess.Popen, log: Path, every: float = 1.0):
        """Call probe() until it returns something truthy; fail with the server's log when time runs out."""
        last = None
        while self.left() > 0:
            if server.poll() is not None:
                pytest.fail(f"dagster dev exited ({server.returncode}) while waiting for {what}:\n{_tail(log)}")
            try:
                value = probe()
                if value:
                    return value
            except (urllib.error.URLError, ConnectionError, TimeoutError) as e:
                last = e
            time.sleep(every)
        pytest.fail(f"gave up after {BUDGET} s waiting for {what} (last error: {last}):\n{_tail(log)}")


def _tail(log: Path, chars: int = 4000) -> str:
    return log.read_text(errors="replace")[-chars:] if log.exists() else ""


WORKSPACE = """{ workspaceOrError { __typename ... on Workspace { locationEntries { name loadStatus
    locationOrLoadError { __typename ... on RepositoryLocation { name repositories { name } }
                                     ... on PythonError { message } } } } } }"""

REPOSITORY = """query($selector: RepositorySelector!) { repositoryOrError(repositorySelector: $selector) {
    __typename ... on Repository { schedules { name } sensors { name } jobs { name }
        assetNodes { assetKey { path } isExecutable
                     assetChecksOrError { __typename ... on AssetChecks { checks { name blocking } } } } } } }"""

LAUNCH = """mutation($params: ExecutionParams!) { launchRun(executionParams: $params) { __typename
    ... on LaunchRunSuccess { run { runId } }
    ... on PythonError { message stack }
    ... on RunConfigValidationInvalid { errors { message } }
    ... on InvalidSubsetError { message }
    ... on UnauthorizedError { message } } }"""

ADD_PARTITION = """mutation($selector: RepositorySelector!, $name: String!, $key: String!) {
    addDynamicPartition(repositorySelector: $selector, partitionsDefName: $name, partitionKey: $key) { __typename
        ... on AddDynamicPartitionSuccess { partitionKey } ... on PythonError { message } } }"""

RUN = """query($runId: ID!) { runOrError(runId: $runId) { __typename ... on Run { status
    stepStats { stepKey status } } } }"""

DONE = {"SUCCESS", "FAILURE", "CANCELED"}


@pytest.fixture
def dagster_dev(tmp_path):
    """`dagster dev` on a free port, its own session, a temporary instance and warehouse."""
    home = tmp_path / "dagster_home"
    config.prepare_dagster_home(home)  # the project's instance settings, as make dev has them
    warehouse = tmp_path / "warehouse" / "govreports.duckdb"
    port = free_port()
    env = {**os.environ, "DAGSTER_HOME": str(home), "GOVREPORTS_WAREHOUSE": str(warehouse),
           "GOVREPORTS_SEEDS": str(SEEDS), "GOVREPORTS_EXECUTOR": "in_process"}
    log = tmp_path / "dagster_dev.log"
    deadline = time.monotonic() + BUDGET
    with log.open("wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "pipelines.dev", "-p", str(port)],  # what make dev runs
                                  cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                  start_new_session=True, preexec_fn=_default_sigint)
    try:
        yield UI(port, deadline), server, log, warehouse
    finally:
        _stop_group(server)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


def _stop_group(server: subprocess.Popen) -> None:
    """SIGINT to the whole group (dagster dev shuts its webserver, daemon and code server down), then SIGKILL."""
    pgid = server.pid  # start_new_session: the server leads its own group
    if _group_alive(pgid):
        os.killpg(pgid, signal.SIGINT)
        stop_by = time.monotonic() + 30
        while _group_alive(pgid) and time.monotonic() < stop_by:
            server.poll()
            time.sleep(0.5)
    if _group_alive(pgid):
        os.killpg(pgid, signal.SIGKILL)
    server.wait(timeout=10)


def test_materialize_everything_through_the_ui(dagster_dev):
    ui, server, log, warehouse = dagster_dev
    from pipelines.definitions import defs

    ui.wait_for("the webserver to answer", lambda: urllib.request.urlopen(ui.url + "/server_info", timeout=5).status == 200,
                server, log)

    def loaded_location():
        entries = ui.graphql(WORKSPACE)["workspaceOrError"]["locationEntries"]
        for entry in entries:
            loaded = entry["locationOrLoadError"]
            if loaded and loaded["__typename"] == "PythonError":
                pytest.fail(f"code location {entry['name']} failed to load: {loaded['message']}")
            if entry["loadStatus"] == "LOADED" and loaded:
                return loaded
        return None

    location = ui.wait_for("the code location to load", loaded_location, server, log)
    (repository,) = location["repositories"]
    selector = {"repositoryLocationName": location["name"], "repositoryName": repository["name"]}
    repo = ui.graphql(REPOSITORY, {"selector": selector})["repositoryOrError"]
    assert repo["__typename"] == "Repository", repo

    # what the UI shows is what the definitions hold
    graph = defs.resolve_asset_graph()
    assets = {"/".join(n["assetKey"]["path"]): n for n in repo["assetNodes"]}
    assert set(assets) == {k.to_user_string() for k in graph.get_all_asset_keys()}
    for name in ("ingest_log", "documents", "fact_targets", "fact_projects", "gdp_targets_chart",
                 *(f"marts/{m}" for m in MODEL_NAMES)):
        assert assets[name]["isExecutable"], name
    checks = {(k, c["name"]): c["blocking"] for k, n in assets.items()
              if n["assetChecksOrError"]["__typename"] == "AssetChecks" for c in n["assetChecksOrError"]["checks"]}
    suites = {(s.table, s.check_name): s.severity == "error" for s in SUITES}
    dbt_tests = {key: blocking for key, blocking in checks.items() if key[0].startswith("marts/")}
    assert checks == {**suites, **dbt_tests}  # the suites, and the marts' dbt tests (blocking unless warn)
    assert {k for k, _ in dbt_tests} == {f"marts/{m}" for m in MODEL_NAMES} and not all(dbt_tests.values())
    assert {s["name"] for s in repo["schedules"]} == {s.name for s in defs.schedules or []}
    assert {s["name"] for s in repo["sensors"]} == {s.name for s in defs.sensors or []}
    assert {"refresh_all", "ingest_files", "refresh_marts"} <= {j["name"] for j in repo["jobs"]}

    # a partition per seed file, as the UI's "Add partition" (or the sensor) adds them
    files = sorted(p.name for p in SEEDS.iterdir())
    for name in files:
        added = ui.graphql(ADD_PARTITION, {"selector": selector, "name": source_files.name, "key": name})
        assert added["addDynamicPartition"]["__typename"] == "AddDynamicPartitionSuccess", added
    # the refresh_all job over every partition in one run (what `make run` launches): every asset and check
    tags = [{"key": k, "value": v} for k, v in all_files_tags(files).items()]
    launched = ui.graphql(LAUNCH, {"params": {"selector": {**selector, "jobName": "refresh_all"}, "runConfigData": {},
                                              "executionMetadata": {"tags": tags}}})
    launched = launched["launchRun"]
    assert launched["__typename"] == "LaunchRunSuccess", launched
    run_id = launched["run"]["runId"]

    def finished():
        run = ui.graphql(RUN, {"runId": run_id})["runOrError"]
        return run if run["status"] in DONE else None

    run = ui.wait_for(f"run {run_id} to finish", finished, server, log, every=2.0)
    failed = [s["stepKey"] for s in run["stepStats"] if s["status"] != "SUCCESS"]
    assert run["status"] == "SUCCESS" and failed == [], (run["status"], failed, _tail(log))

    # the warehouse the run wrote, as an analyst opens it
    assert query(warehouse, "SELECT count(*) FROM documents") == [(35,)]
    assert query(warehouse, "SELECT count(*) FROM fact_targets")[0][0] > 0
    marts_tables = {r[0] for r in query(warehouse, "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'marts'")}
    assert marts_tables == set(MODEL_NAMES)
    assert query(warehouse, "SELECT count(*) FROM marts.targets_wide")[0][0] >= 15
    # every check ran in this run and the error-level ones passed
    results = query(warehouse, """
        SELECT check_name, severity, bool_and(success) FROM dq_results WHERE run_id = ? GROUP BY ALL""", [run_id])
    dbt_checks = {c for k, c in dbt_tests}
    assert {r[0] for r in results} == {s.check_name for s in SUITES} | dbt_checks
    assert [r[0] for r in results if r[1] == "error" and not r[2]] == []
    # built after every suite of the run (the marts' own tests are recorded when dbt has built it)
    summary = query(warehouse, "SELECT count(*), count(DISTINCT run_id) FROM marts.quality_summary")
    assert summary == [(len(SUITES), 1)]
    assert (warehouse.parent / "reports" / "gdp_targets_2023.png").stat().st_size > 30_000

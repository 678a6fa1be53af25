"""`make cluster-up` / `make cluster-down`: three nodes on loopback, hosts and pids files, nothing left."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from index.opensearch.devcluster import _alive, get_json

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "index.opensearch.devcluster", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)


def test_cluster_up_writes_hosts_and_pids_and_down_stops_every_node(tmp_path: Path) -> None:
    folder = tmp_path / "cluster"
    up = _run("up", "--dir", str(folder), "--heap", "256m")
    try:
        assert up.returncode == 0, up.stdout + up.stderr
        hosts = (folder / "hosts").read_text().split()
        pids = [int(p) for p in (folder / "pids").read_text().split()]
        assert len(hosts) == len(pids) == 3
        assert all(url.startswith("http://127.0.0.1:") for url in hosts)
        health = get_json(f"{hosts[1]}/_cluster/health")
        assert health["status"] == "green" and health["number_of_nodes"] == 3
        names = [get_json(url)["name"] for url in hosts]
        assert names == ["node-1", "node-2", "node-3"]  # one line per node, in node order
        for pid in pids:
            assert "gongkai.node.NodeMain" in Path(f"/proc/{pid}/cmdline").read_bytes().decode(
                errors="replace"
            )
        again = _run("up", "--dir", str(folder))
        assert again.returncode == 1 and "already running" in again.stderr
    finally:
        down = _run("down", "--dir", str(folder))
    assert down.returncode == 0 and "stopped 3 nodes" in down.stdout
    assert not any(_alive(pid) for pid in pids)
    assert not (folder / "pids").exists() and not (folder / "hosts").exists()
    assert any((folder / "node-1" / "data").iterdir())  # the data folders stay for a look afterwards

"""Local OpenSearch clusters for development, tests and the bench: one JVM per node on 127.0.0.1.

    python -m index.opensearch.devcluster up [--dir var/cluster] [--nodes 3]   (make cluster-up)
    python -m index.opensearch.devcluster down [--dir var/cluster]             (make cluster-down)

Each node runs our launcher (deploy/opensearch/node: a small Java program over the
OpenSearch jars from Maven Central), built once per clone into var/opensearch/launcher.
A cluster gets fresh data folders, free ports, small fixed heaps, and writes its HTTP
URLs to `<dir>/hosts` and the node process ids to `<dir>/pids`, one per line, in node
order. Nothing here listens on anything but 127.0.0.1.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LAUNCHER_SRC = REPO / "deploy" / "opensearch" / "node"
LAUNCHER_DIR = REPO / "var" / "opensearch" / "launcher"
MAIN_CLASS = "gongkai.node.NodeMain"
HEAP = "384m"  # per node: three nodes fit beside the bot on a small machine
START_TIMEOUT = 180.0  # seconds for a cluster to turn green (JVM start on 2 shared cores)
STOP_TIMEOUT = 30.0


class ClusterError(RuntimeError):
    """The local cluster could not be built, started or stopped."""


def _sources_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in LAUNCHER_SRC.rglob("*") if p.is_file()):
        digest.update(path.relative_to(LAUNCHER_SRC).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def launcher_classpath() -> str:
    """The launcher's class path (our jar plus OpenSearch's from the local Maven repository), built once."""
    for tool in ("java", "mvn"):
        if shutil.which(tool) is None:
            raise ClusterError(
                f"`{tool}` is not installed: the OpenSearch cluster (make cluster-up, tests/opensearch) "
                "needs Java 17 and Maven with access to Maven Central"
            )
    stamp = LAUNCHER_DIR / "sources.sha256"
    jar, classpath = LAUNCHER_DIR / "gongkai-opensearch-node-1.0.jar", LAUNCHER_DIR / "classpath.txt"
    digest = _sources_digest()
    if not (jar.is_file() and classpath.is_file() and stamp.is_file() and stamp.read_text() == digest):
        command = ["mvn", "-q", "-B", "-f", str(LAUNCHER_SRC / "pom.xml"), f"-Dlauncher.dir={LAUNCHER_DIR}"]
        done = subprocess.run([*command, "package"], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise ClusterError(f"building the OpenSearch launcher failed:\n{done.stdout}{done.stderr}")
        stamp.write_text(digest)
    return f"{jar}{os.pathsep}{classpath.read_text().strip()}"


def free_ports(count: int) -> list[int]:
    """Ports free on 127.0.0.1 right now (held together so they differ)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


@dataclass
class Node:
    """One node of a local cluster: its folder, ports and process."""

    name: str
    home: Path
    http_port: int
    transport_port: int
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None


@dataclass
class LocalCluster:
    """A cluster of nodes started from the launcher jar, in one folder."""

    folder: Path
    nodes: list[Node] = field(default_factory=list)
    heap: str = HEAP
    name: str = "gongkai-dev"
    tied: bool = True  # nodes stop when this process is gone (not for `up`, which exits at once)

    @classmethod
    def create(cls, folder: Path, size: int = 3, heap: str = HEAP, *, tied: bool = True) -> LocalCluster:
        """A new cluster in folder (emptied first); nothing runs until start()."""
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        ports = free_ports(2 * size)
        nodes = [
            Node(f"node-{i + 1}", folder / f"node-{i + 1}", ports[2 * i], ports[2 * i + 1])
            for i in range(size)
        ]
        cluster = cls(folder=folder, nodes=nodes, heap=heap, tied=tied)
        for node in nodes:
            cluster._configure(node)
        return cluster

    @property
    def urls(self) -> list[str]:
        return [node.url for node in self.nodes]

    def _configure(self, node: Node) -> None:
        config = node.home / "config"
        config.mkdir(parents=True, exist_ok=True)
        settings = {
            "cluster.name": self.name,
            "node.name": node.name,
            "network.host": "127.0.0.1",
            "http.port": node.http_port,
            "transport.port": node.transport_port,
            "discovery.seed_hosts": [f"127.0.0.1:{n.transport_port}" for n in self.nodes],
            "cluster.initial_cluster_manager_nodes": [n.name for n in self.nodes],
            "node.processors": 1,  # three JVMs share two cores: small thread pools
            "cluster.routing.allocation.disk.threshold_enabled": False,  # shared disks fill up
            "path.data": str(node.home / "data"),
            "path.logs": str(node.home / "logs"),
        }
        # JSON is YAML: one line per setting, no YAML library needed.
        lines = [f"{key}: {json.dumps(value)}" for key, value in settings.items()]
        (config / "opensearch.yml").write_text("\n".join(lines) + "\n")

    def start(self, timeout: float = START_TIMEOUT) -> None:
        """Start every node not running and wait until the cluster is green."""
        classpath = launcher_classpath()
        for node in self.nodes:
            if node.process is None or node.process.poll() is not None:
                self._spawn(node, classpath)
        self.wait_green(timeout)
        self.write_files()

    def start_node(self, index: int, timeout: float = START_TIMEOUT) -> None:
        """(Re)start one node on its data folder and wait for green."""
        self._spawn(self.nodes[index], launcher_classpath())
        self.wait_green(timeout)
        self.write_files()

    def _spawn(self, node: Node, classpath: str) -> None:
        log = (node.home / "stdout.log").open("ab")
        command = ["java", f"-Xms{self.heap}", f"-Xmx{self.heap}", "-XX:+UseSerialGC", "-Xss1m"]
        command += [
            "-Djava.awt.headless=true",
            "-Dlog4j2.disable.jmx=true",
            "-Dlog4j.shutdownHookEnabled=false",
        ]
        command += ["-cp", classpath, MAIN_CLASS, str(node.home)]
        if self.tied:
            command.append(str(os.getpid()))
        # Own session: a Ctrl-C in the terminal that started it does not reach the nodes.
        node.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()

    def wait_green(self, timeout: float = START_TIMEOUT) -> None:
        """Block until every running node answers and the cluster health is green."""
        deadline = time.monotonic() + timeout
        running = [n for n in self.nodes if n.process is not None and n.process.poll() is None]
        want = len(running)
        last = "no answer"
        while time.monotonic() < deadline:
            for node in self.nodes:
                if node.process is not None and node.process.poll() is not None and node in running:
                    raise ClusterError(
                        f"{node.name} exited ({node.process.returncode}): see {node.home}/stdout.log"
                    )
            try:
                health = get_json(f"{running[0].url}/_cluster/health?wait_for_status=green&timeout=2s")
                last = f"{health['status']}, {health['number_of_nodes']}/{want} nodes"
                if health["status"] == "green" and health["number_of_nodes"] == want:
                    return
            except (OSError, ValueError) as exc:
                last = str(exc)
            time.sleep(1)
        raise ClusterError(f"the cluster in {self.folder} did not turn green in {timeout:.0f} s ({last})")

    def kill(self, index: int, sig: int = signal.SIGKILL) -> None:
        """Send a signal to one node (SIGKILL: as a crash would) and reap it."""
        process = self.nodes[index].process
        if process is not None and process.poll() is None:
            process.send_signal(sig)
            process.wait(STOP_TIMEOUT)

    def stop(self) -> None:
        """Stop every node: SIGTERM (a clean close), SIGKILL for one that does not exit in time."""
        for node in self.nodes:
            if node.process is not None and node.process.poll() is None:
                node.process.terminate()
        for node in self.nodes:
            if node.process is None:
                continue
            try:
                node.process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                node.process.kill()
                node.process.wait(STOP_TIMEOUT)
        for name in ("hosts", "pids"):
            (self.folder / name).unlink(missing_ok=True)

    def write_files(self) -> None:
        """hosts and pids, one line per node, in node order."""
        (self.folder / "hosts").write_text("".join(f"{url}\n" for url in self.urls))
        (self.folder / "pids").write_text("".join(f"{node.pid or ''}\n" for node in self.nodes))


def get_json(url: str, timeout: float = 10.0) -> dict[str, object]:
    """GET a JSON object from a node (the dev cluster is plain HTTP on loopback)."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        data = json.loads(response.read())
    if not isinstance(data, dict):
        raise ValueError(f"{url}: not a JSON object")
    return data


def stop_pids(folder: Path) -> list[int]:
    """Stop the nodes a previous `up` recorded in folder/pids (for `down` from another process)."""
    pids_file = folder / "pids"
    if not pids_file.is_file():
        return []
    pids = [int(line) for line in pids_file.read_text().split() if line.strip()]
    for pid in pids:
        _signal(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT
    while time.monotonic() < deadline and any(_alive(pid) for pid in pids):
        time.sleep(0.5)
    for pid in pids:
        if _alive(pid):
            _signal(pid, signal.SIGKILL)
    pids_file.unlink()
    (folder / "hosts").unlink(missing_ok=True)
    return pids


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by its parent) counts as gone.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.is_file() and stat.read_text().split(") ", 1)[-1].startswith("Z"))


def _signal(pid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


def main(argv: list[str] | None = None) -> int:
    """`up` or `down` a local cluster."""
    parser = argparse.ArgumentParser(prog="python -m index.opensearch.devcluster")
    parser.add_argument("command", choices=["up", "down"])
    parser.add_argument("--dir", type=Path, default=REPO / "var" / "cluster", help="cluster folder")
    parser.add_argument("--nodes", type=int, default=3)
    parser.add_argument("--heap", default=HEAP, help=f"heap per node (default {HEAP})")
    args = parser.parse_args(argv)
    try:
        if args.command == "down":
            stopped = stop_pids(args.dir)
            print(f"stopped {len(stopped)} nodes" if stopped else f"no cluster recorded in {args.dir}")
            return 0
        if (args.dir / "pids").is_file() and any(
            _alive(int(p)) for p in (args.dir / "pids").read_text().split()
        ):
            print(f"a cluster is already running from {args.dir} (make cluster-down first)", file=sys.stderr)
            return 1
        cluster = LocalCluster.create(args.dir, args.nodes, args.heap, tied=False)
        try:
            cluster.start()
        except BaseException:
            cluster.stop()
            raise
    except ClusterError as exc:
        print(f"cluster: {exc}", file=sys.stderr)
        return 1
    print(f"green: {len(cluster.nodes)} nodes; hosts in {args.dir / 'hosts'}, pids in {args.dir / 'pids'}")
    print(",".join(cluster.urls))
    return 0


if __name__ == "__main__":
    sys.exit(main())

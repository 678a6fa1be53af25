"""deploy/: what can be checked without a server: unit files, Dockerfile, compose, nginx."""

from __future__ import annotations

import argparse
import re
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest
import yaml

from bot.cli import build_parser
from bot.settings import Settings
from tests.ship.conftest import DEPLOY, GONGKAI_NAME, REPO, SETTING_NAMES

SYSTEMD = DEPLOY / "systemd"
UNITS = sorted(SYSTEMD.iterdir())
INSTALL_ROOT = "/opt/gongkai"  # where the units expect the checkout
DEFAULTS = Settings(_env_file=None)  # type: ignore[call-arg]


def unit(name: str) -> dict[str, list[tuple[str, str]]]:
    """A unit file as section -> [(key, value)], keeping repeated keys."""
    sections: dict[str, list[tuple[str, str]]] = {}
    current = None
    for raw in (SYSTEMD / name).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), [])
            continue
        assert current is not None, f"{name}: {line!r} outside a section"
        key, sep, value = line.partition("=")
        assert sep, f"{name}: {line!r} is not key=value"
        current.append((key.strip(), value.strip()))
    return sections


def values(section: list[tuple[str, str]], key: str) -> list[str]:
    return [v for k, v in section if k == key]


def one(section: list[tuple[str, str]], key: str) -> str:
    [value] = values(section, key)
    return value


def environment(section: list[tuple[str, str]]) -> dict[str, str]:
    return dict(entry.split("=", 1) for entry in values(section, "Environment"))


def gongkai_argv(command: str, env: dict[str, str]) -> list[str]:
    """The gongkai arguments of an Exec line, with ${VAR} expanded as systemd would."""
    argv = shlex.split(re.sub(r"\$\{(\w+)\}", lambda m: env[m[1]], command))
    assert argv[0] == f"{INSTALL_ROOT}/.venv/bin/gongkai", command
    return argv[1:]


def parses(argv: list[str]) -> argparse.Namespace:
    """The command line as the real parser reads it (SystemExit if it does not exist)."""
    return build_parser().parse_args(argv)


# --- systemd ---------------------------------------------------------------------------


def test_the_units_pass_systemd_analyze_verify(tmp_path: Path):
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed here; the structural tests below still run")
    # verify checks that ExecStart's program exists: point the units at this checkout.
    venv = REPO / ".venv" / "bin" / "gongkai"
    if not venv.is_file():
        pytest.skip(f"{venv} is missing (make setup creates it)")
    for path in UNITS:
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8").replace(INSTALL_ROOT, str(REPO)))
    result = subprocess.run(
        ["systemd-analyze", "verify", *sorted(str(p) for p in tmp_path.iterdir())],
        capture_output=True,
        text=True,
        check=False,
    )
    # Unknown keys and bad values are only warnings: any word about our files fails.
    ours = [line for line in (result.stdout + result.stderr).splitlines() if "gongkai" in line]
    assert result.returncode == 0 and not ours, result.stdout + result.stderr


def test_the_bot_unit_runs_serve_as_a_dedicated_user_with_hardening():
    service = unit("gongkai.service")["Service"]
    assert parses(gongkai_argv(one(service, "ExecStart"), {})).command == "serve"
    assert one(service, "User") == "gongkai"
    assert one(service, "WorkingDirectory") == INSTALL_ROOT
    assert one(service, "EnvironmentFile") == "/etc/gongkai/gongkai.env"
    assert one(service, "Restart") == "on-failure"
    # Each start heals a missing or damaged index first; a failed build ("-") does not stop it.
    pre = one(service, "ExecStartPre")
    assert pre.startswith("-")
    assert parses(gongkai_argv(pre.lstrip("-"), {})).if_stale
    assert one(service, "ExecReload") == "/bin/kill -HUP $MAINPID"
    for key, value in [
        ("NoNewPrivileges", "yes"),
        ("ProtectSystem", "strict"),
        ("ProtectHome", "yes"),
        ("PrivateTmp", "yes"),
        ("CapabilityBoundingSet", ""),
    ]:
        assert one(service, key) == value, key
    assert "multi-user.target" in one(unit("gongkai.service")["Install"], "WantedBy")


@pytest.mark.parametrize("name", ["gongkai.service", "gongkai-rebuild.service"])
def test_every_folder_the_service_writes_is_a_read_write_path(name: str):
    service = unit(name)["Service"]
    env = environment(service)
    assert set(env) - {"PYTHONUNBUFFERED"} <= SETTING_NAMES
    writable = [PurePosixPath(p.lstrip("-")) for v in values(service, "ReadWritePaths") for p in v.split()]
    for setting in ("GONGKAI_INDEX_DIR", "GONGKAI_DATA_DIR"):
        folder = PurePosixPath(env[setting])
        assert any(folder.is_relative_to(root) for root in writable), (setting, folder)
    # The documents are read, never written.
    corpus = PurePosixPath(env["GONGKAI_CORPUS_DIR"])
    assert not any(corpus.is_relative_to(root) for root in writable)
    assert PurePosixPath("/var/lib") / one(service, "StateDirectory") in writable


def test_the_rebuild_unit_builds_then_reloads_the_bot_only_on_success():
    rebuild = unit("gongkai-rebuild.service")
    service = rebuild["Service"]
    assert one(service, "Type") == "oneshot"
    assert one(service, "User") == "gongkai"
    args = parses(gongkai_argv(one(service, "ExecStart"), environment(service)))
    assert args.command == "build" and args.if_stale
    # Without --corpus/--index, build reads the same settings as the bot.
    assert args.corpus in (None, Path(environment(service)["GONGKAI_CORPUS_DIR"]))
    assert args.index in (None, Path(environment(service)["GONGKAI_INDEX_DIR"]))
    # ExecStartPost runs only after ExecStart exited 0; "+" gives systemctl its privileges.
    [post] = values(service, "ExecStartPost")
    assert re.fullmatch(r"\+/bin/systemctl (try-reload-or-restart|reload) gongkai\.service", post)
    bot = unit("gongkai.service")["Service"]
    assert environment(service) == environment(bot)
    assert one(service, "EnvironmentFile") == one(bot, "EnvironmentFile")


def test_the_timer_starts_the_rebuild_every_night():
    timer = unit("gongkai-rebuild.timer")
    assert one(timer["Timer"], "Unit") == "gongkai-rebuild.service"
    assert re.fullmatch(r"\*-\*-\* \d\d:\d\d(:\d\d)?", one(timer["Timer"], "OnCalendar"))
    assert one(timer["Timer"], "Persistent") == "true"
    assert one(timer["Install"], "WantedBy") == "timers.target"


# --- Docker ----------------------------------------------------------------------------


def dockerfile() -> Iterator[tuple[str, str]]:
    """(INSTRUCTION, arguments) of deploy/Dockerfile, continuation lines joined."""
    text = re.sub(r"\\\n", " ", (DEPLOY / "Dockerfile").read_text(encoding="utf-8"))
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            instruction, _, rest = line.strip().partition(" ")
            yield instruction.upper(), rest.strip()


def test_the_dockerfile_copies_files_that_exist_and_are_not_ignored():
    ignored = [
        line.strip().strip("/")
        for line in (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    copied = []
    for instruction, rest in dockerfile():
        if instruction == "COPY" and not rest.startswith("--from"):
            *sources, _destination = rest.split()
            copied += sources
    assert {"pyproject.toml", "README.md", "bot", "index", "corpus"} <= set(copied)
    for source in copied:
        assert (REPO / source).exists(), source
        assert not any(PurePosixPath(source).match(pattern) for pattern in ignored), source


def test_the_dockerfile_runs_gongkai_commands_that_exist():
    commands = []
    for instruction, rest in dockerfile():
        if instruction == "CMD":
            commands.append(yaml.safe_load(rest))  # exec form: a JSON list
        if instruction == "RUN":
            commands += [shlex.split(part) for part in rest.split("&&")]
    runs = [argv for argv in commands if argv and argv[0] == "gongkai"]
    assert ["gongkai", "run"] in runs
    for argv in runs:
        parses([a for a in argv[1:] if not a.startswith(">") and a != "/dev/null"])


def test_the_image_runs_as_a_non_root_user_with_its_data_on_a_volume():
    steps = list(dockerfile())
    froms = [rest for instruction, rest in steps if instruction == "FROM"]
    assert all(base.startswith("python:3.11-slim") for base in froms)
    users = [rest for instruction, rest in steps if instruction == "USER"]
    assert users and users[-1] not in ("root", "0")
    env = dict(
        re.findall(r"(\w+)=(\S+)", " ".join(rest for instruction, rest in steps if instruction == "ENV"))
    )
    [volume] = [yaml.safe_load(rest) for instruction, rest in steps if instruction == "VOLUME"]
    for setting in ("GONGKAI_INDEX_DIR", "GONGKAI_DATA_DIR"):
        assert any(PurePosixPath(env[setting]).is_relative_to(v) for v in volume), setting


def compose(name: str) -> dict:
    loaded = yaml.safe_load((DEPLOY / name).read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_compose_builds_the_image_and_keeps_data_on_a_volume():
    service = compose("compose.yaml")["services"]["gongkai"]
    context = (DEPLOY / service["build"]["context"]).resolve()
    assert context == REPO
    assert (context / service["build"]["dockerfile"]).is_file()
    assert service["env_file"] == ["gongkai.env"]
    volumes = compose("compose.yaml")["volumes"]
    mounts = dict(m.split(":")[:2] for m in service["volumes"])
    assert {name for name in mounts if not name.startswith("/")} <= set(volumes)
    assert service["environment"]["GONGKAI_INDEX_DIR"].startswith(tuple(mounts.values()))
    assert service["init"] is True  # signals reach gongkai: SIGHUP reloads, SIGTERM stops


@pytest.mark.parametrize("name", ["compose.yaml", "compose.webhook.yaml"])
def test_compose_files_set_only_real_settings_with_valid_values(name: str):
    text = (DEPLOY / name).read_text(encoding="utf-8")
    assert set(GONGKAI_NAME.findall(text)) <= SETTING_NAMES
    env = {k: str(v) for k, v in compose(name)["services"]["gongkai"]["environment"].items()}
    fields = {f"GONGKAI_{f.upper()}": f for f in Settings.model_fields}
    Settings(_env_file=None, **{fields[k]: v for k, v in env.items()})  # type: ignore[call-arg]


def test_the_webhook_variant_publishes_the_bot_port_on_loopback_only():
    service = compose("compose.webhook.yaml")["services"]["gongkai"]
    port = service["environment"]["GONGKAI_WEBHOOK_PORT"]
    assert service["ports"] == [f"127.0.0.1:{port}:{port}"]


# --- nginx -----------------------------------------------------------------------------

NGINX = DEPLOY / "nginx" / "gongkai.conf"


def test_nginx_passes_the_default_webhook_path_to_the_default_port():
    text = NGINX.read_text(encoding="utf-8")
    path = f"/{DEFAULTS.webhook_path}"
    assert re.search(rf"location = {re.escape(path)} \{{", text)
    target = f"http://{DEFAULTS.webhook_listen}:{DEFAULTS.webhook_port}{path};"
    assert re.search(rf"proxy_pass {re.escape(target)}", text)
    assert re.search(r"listen 443 ssl;", text)
    assert set(GONGKAI_NAME.findall(text)) <= SETTING_NAMES


def test_nginx_accepts_the_example_config(tmp_path: Path):
    nginx, openssl = shutil.which("nginx"), shutil.which("openssl")
    if nginx is None or openssl is None:
        pytest.skip("nginx or openssl is not installed here")
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=test",
         "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    conf = NGINX.read_text(encoding="utf-8")
    conf = re.sub(r"ssl_certificate\s+\S+;", f"ssl_certificate {tmp_path / 'cert.pem'};", conf)
    conf = re.sub(r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {tmp_path / 'key.pem'};", conf)
    (tmp_path / "gongkai.conf").write_text(conf, encoding="utf-8")
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{ access_log off; include {tmp_path}/gongkai.conf; }}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [nginx, "-t", "-q", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# --- the package that systemd and Docker install with `pip install .` ------------------


def test_a_non_editable_install_carries_every_data_file():
    import fnmatch
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    patterns = config["package-data"]["*"]
    packages = [p.rstrip("*") for p in config["packages"]["find"]["include"]]
    assert {"bot", "index"} <= set(packages)
    data = [
        path
        for package in packages
        for path in (REPO / package).rglob("*")
        # Code and its documentation aside, every file is something the code reads at run time.
        if path.is_file() and path.suffix not in (".py", ".pyc", ".md") and "__pycache__" not in path.parts
    ]
    missed = [str(p.relative_to(REPO)) for p in data if not any(fnmatch.fnmatch(p.name, x) for x in patterns)]
    assert not missed, f"add their patterns to [tool.setuptools.package-data]: {missed}"


def test_the_documented_docker_rebuild_writes_where_the_container_reads():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    env = compose("compose.yaml")["services"]["gongkai"]["environment"]
    [command] = re.findall(r"compose\.yaml exec gongkai (gongkai build.*)", readme)
    args = parses(shlex.split(command)[1:])
    # Without --corpus/--index, build reads the container's settings, as `gongkai run` does.
    assert args.corpus in (None, Path(env["GONGKAI_CORPUS_DIR"]))
    assert args.index in (None, Path(env["GONGKAI_INDEX_DIR"]))

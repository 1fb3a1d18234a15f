"""Start, stop and inspect one local Neo4j server instance.

Layout of an instance under `LINEAGE_HOME/neo4j/<instance>/`:
  conf/neo4j.conf   rewritten at every start from the settings (port, memory, directories)
  data/             the databases; kept between starts
  logs/             neo4j.log, debug.log, and console.log (the JVM's own output)
  password          the generated password of the `neo4j` user (mode 0600)
  server.pid        the running server's process id

The jars are resolved once by Maven into ~/.m2; their classpath is cached in
`LINEAGE_HOME/neo4j-<version>.classpath`.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from lineage.progress import Progress, logged
from lineage.settings import Settings

_logged = logged(logging.getLogger(__name__))

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
SUPPORTED_JAVA = (17, 21)  # Neo4j 5.26 runs on these; 2025.x would need 21+.
DEFAULT_PORTS = {"main": 7687, "test": 7688}


# The JVM flags Neo4j's own launcher adds (see the default neo4j.conf `server.jvm.additional`).
JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
]


class LocalNeo4jError(RuntimeError):
    """Something stops the local server from starting; the message says what to do."""


@dataclass(frozen=True)
class ServerStatus:
    instance: str
    running: bool
    pid: int | None
    uri: str
    version: str | None
    home: Path
    log: Path


class LocalNeo4j:
    """One named local server instance ("main" for serving, "test" for pytest)."""

    def __init__(self, settings: Settings, instance: str | None = None) -> None:
        self.settings = settings
        self.instance = instance or settings.instance
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,30}", self.instance):
            raise LocalNeo4jError(f"instance name {self.instance!r}: use lowercase letters, digits, - or _")
        self.home = settings.home / "neo4j" / self.instance
        self.port = settings.bolt_port or DEFAULT_PORTS.get(self.instance, 7689)

    # -- paths -----------------------------------------------------------------------------
    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.home / "logs" / "neo4j.log"

    @property
    def console_log_path(self) -> Path:
        return self.home / "logs" / "console.log"

    @property
    def pid_path(self) -> Path:
        return self.home / "server.pid"

    @property
    def password_path(self) -> Path:
        return self.home / "password"

    # -- credentials -----------------------------------------------------------------------
    def password(self) -> str:
        """The `neo4j` user's password: NEO4J_PASSWORD if given, else one generated once and
        kept in the instance folder, so nothing secret is committed or typed."""
        if self.settings.neo4j_password:
            return self.settings.neo4j_password
        if self.password_path.is_file():
            return self.password_path.read_text().strip()
        self.home.mkdir(parents=True, exist_ok=True)
        value = secrets.token_urlsafe(18)
        fd = os.open(self.password_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(value + "\n")
        return value

    def auth(self) -> tuple[str, str]:
        return ("neo4j", self.password())

    # -- lifecycle -------------------------------------------------------------------------
    def status(self) -> ServerStatus:
        pid = self._live_pid()
        version = self._server_version() if pid else None
        return ServerStatus(self.instance, pid is not None, pid, self.uri, version, self.home, self.log_path)

    def start(self, timeout: float = 180.0, progress: Progress | None = None) -> ServerStatus:
        """Start the server unless it runs already; return once Bolt answers a query."""
        progress = progress or _logged
        if (pid := self._live_pid()) is not None:
            progress(f"Neo4j ({self.instance}) already running, pid {pid}, {self.uri}")
            self._wait_for_bolt(pid, timeout)
            return self.status()
        if _port_in_use(self.port):
            raise LocalNeo4jError(
                f"port {self.port} is already in use by another program; stop it, or choose another "
                f"port with LINEAGE_BOLT_PORT, or point at that server with NEO4J_URI"
            )
        java = find_java(self.settings)
        classpath = self.fetch(progress)
        self._write_config()
        self._set_initial_password(java, classpath)
        progress(f"Starting Neo4j {self.settings.neo4j_version} ({self.instance}) on {self.uri} ...")
        env = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.home / "conf")}
        with open(self.console_log_path, "ab") as console:  # the child keeps its own copy of the file
            process = subprocess.Popen(
                [
                    str(java),
                    f"-Xms{self.settings.heap}",
                    f"-Xmx{self.settings.heap}",
                    *JVM_FLAGS,
                    "-cp",
                    classpath,
                    ENTRY_POINT,
                    f"--home-dir={self.home}",
                    f"--config-dir={self.home / 'conf'}",
                ],
                stdin=subprocess.DEVNULL,
                stdout=console,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,  # survives the CLI that started it
            )
        self.pid_path.write_text(f"{process.pid}\n")
        self._wait_for_bolt(process.pid, timeout)
        progress(f"Neo4j ({self.instance}) is up: {self.uri}, user neo4j, log {self.log_path}")
        return self.status()

    def stop(self, timeout: float = 60.0, progress: Progress | None = None) -> bool:
        """Stop the server; returns False when it was not running."""
        progress = progress or _logged
        pid = self._live_pid()
        if pid is None:
            self.pid_path.unlink(missing_ok=True)
            progress(f"Neo4j ({self.instance}) is not running")
            return False
        os.kill(pid, signal.SIGTERM)  # Neo4j shuts down cleanly on SIGTERM
        deadline = time.monotonic() + timeout
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.3)
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
            progress(f"Neo4j ({self.instance}) did not stop within {timeout:.0f}s; killed pid {pid}")
        self.pid_path.unlink(missing_ok=True)
        progress(f"Neo4j ({self.instance}) stopped")
        return True

    # -- internals -------------------------------------------------------------------------
    def _live_pid(self) -> int | None:
        try:
            pid = int(self.pid_path.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        if not _alive(pid):
            return None
        try:  # a recycled pid must not be mistaken for our server
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            return pid
        return pid if ENTRY_POINT in cmdline and str(self.home) in cmdline else None

    def fetch(self, progress: Progress | None = None) -> str:
        """Resolve Neo4j's jars (once) and return their classpath."""
        progress = progress or _logged
        version = self.settings.neo4j_version
        cache = self.settings.home / f"neo4j-{version}.classpath"
        if cache.is_file() and all(Path(p).is_file() for p in cache.read_text().strip().split(os.pathsep)):
            return cache.read_text().strip()
        mvn = shutil.which("mvn")
        if mvn is None:
            raise LocalNeo4jError(
                "Maven (mvn) is needed once to fetch Neo4j's jars; install it (apt-get install maven)"
            )
        cache.parent.mkdir(parents=True, exist_ok=True)
        progress(f"Resolving Neo4j {version} jars from Maven Central (once; cached in ~/.m2) ...")
        with resources.as_file(resources.files("lineage.localdb") / "pom.xml") as pom:
            result = subprocess.run(
                [
                    mvn,
                    "-B",
                    "-q",
                    "-f",
                    str(pom),
                    f"-Dneo4j.version={version}",
                    "dependency:build-classpath",
                    f"-Dmdep.outputFile={cache}",
                ],
                capture_output=True,
                text=True,
            )
        if result.returncode != 0 or not cache.is_file():
            cache.unlink(missing_ok=True)
            raise LocalNeo4jError(f"Maven could not resolve org.neo4j:neo4j:{version}:\n{result.stdout}{result.stderr}")
        return cache.read_text().strip()

    def _write_config(self) -> None:
        for sub in ("conf", "data", "logs"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        s = self.settings
        (self.home / "conf" / "neo4j.conf").write_text(
            "# Written by `lineage db start` at every start; edit the LINEAGE_* settings instead.\n"
            f"server.directories.data={self.home / 'data'}\n"
            f"server.directories.logs={self.home / 'logs'}\n"
            f"server.directories.run={self.home}\n"
            f"server.bolt.listen_address=127.0.0.1:{self.port}\n"
            f"server.bolt.advertised_address=127.0.0.1:{self.port}\n"
            "server.bolt.enabled=true\n"
            "server.http.enabled=false\n"
            "server.https.enabled=false\n"
            f"server.memory.heap.initial_size={s.heap}\n"
            f"server.memory.heap.max_size={s.heap}\n"
            f"server.memory.pagecache.size={s.pagecache}\n"
            "dbms.security.auth_enabled=true\n"
            "dbms.usage_report.enabled=false\n"
            "db.tx_log.rotation.retention_policy=1 days\n"
        )

    def _set_initial_password(self, java: Path, classpath: str) -> None:
        """Before the very first start, store the password the project chose (Neo4j would
        otherwise demand a change from the default at first login)."""
        if (self.home / "data" / "databases").exists():
            return
        env = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.home / "conf")}
        result = subprocess.run(
            # "--": a password may begin with "-" (one generated in 64 does), not an option to it
            [str(java), "-cp", classpath, ADMIN_TOOL, "dbms", "set-initial-password", "--", self.password()],
            capture_output=True,
            text=True,
            env=env,
        )
        if result.returncode != 0:
            raise LocalNeo4jError(f"could not set the initial password:\n{result.stdout}{result.stderr}")

    def _wait_for_bolt(self, pid: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            if not _alive(pid):
                raise LocalNeo4jError(
                    f"Neo4j ({self.instance}) exited during start-up; see {self.console_log_path} and {self.log_path}\n"
                    + _tail(self.console_log_path)
                    + _tail(self.log_path)
                )
            try:
                with GraphDatabase.driver(self.uri, auth=self.auth()) as driver, driver.session() as session:
                    session.run("RETURN 1").consume()  # auto-commit: fails fast instead of retrying
                return
            except AuthError as exc:
                raise LocalNeo4jError(
                    f"Neo4j ({self.instance}) refused the password: it was started with another one. "
                    f"Use the password it was created with, or delete {self.home} to start afresh."
                ) from exc
            except (ServiceUnavailable, OSError) as exc:
                last_error = exc
                time.sleep(0.5)
        raise LocalNeo4jError(
            f"Neo4j ({self.instance}) did not answer on {self.uri} within {timeout:.0f}s "
            f"({last_error}); see {self.log_path}"
        )

    def _server_version(self) -> str | None:
        try:
            with GraphDatabase.driver(self.uri, auth=self.auth()) as driver, driver.session() as session:
                record = session.run("CALL dbms.components() YIELD versions RETURN versions[0] AS v").single()
                return str(record["v"]) if record else None
        except Exception:  # status must answer even when the server is half-up
            return None


def find_java(settings: Settings) -> Path:
    """A Java that Neo4j 5.26 supports: JAVA_HOME first, then `java` on PATH, then the
    usual Debian JDK folders (a newer default JDK is skipped, not used)."""
    candidates: list[Path] = []
    if settings.java_home:
        candidates.append(settings.java_home / "bin" / "java")
    if found := shutil.which("java"):
        candidates.append(Path(found))
    candidates += sorted(Path("/usr/lib/jvm").glob("*/bin/java"))
    seen: list[str] = []
    for java in candidates:
        major = _java_major(java)
        if major in SUPPORTED_JAVA:
            return java
        seen.append(f"{java} (Java {major})")
    raise LocalNeo4jError(
        "Neo4j 5.26 needs Java 17 or 21; found "
        + (", ".join(seen) or "no Java at all")
        + ". Install openjdk-17-jre-headless or set JAVA_HOME."
    )


def _java_major(java: Path) -> int | None:
    try:
        out = subprocess.run([str(java), "-version"], capture_output=True, text=True, timeout=30).stderr
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2)) if major == 1 else major


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (exited, not yet reaped) is not alive
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return True


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) + "\n"
    except OSError:
        return ""

"""The claim on a cascade: one writer at a time changes a cascade's loads, and a writer that dies
never blocks the next one.

Why a claim: a load writes its version in many transactions, and the lifecycle of replaced loads
(retired, doomed, deleted: `lineage.lifecycle`) is kept in properties of the `Cascade` node. A
load, `lineage delete` and the API's janitor each take the claim before they change anything, and
give it back when done.

Why a lease and an owner. A writer can die without giving the claim back (`kill -9`, a lost
machine, Neo4j killed under it). So a claim carries a lease (`LINEAGE_LOAD_LEASE_SECONDS`, renewed
every third of it by a thread while the writer runs) and names its owner process (machine, pid,
process start time). The next writer takes a claim over when its owner is a process of this
machine that no longer exists (at once), or when its lease has run out unrenewed (an owner on
another machine: it waits up to one lease to see whether it is renewed). A live owner's claim is
refused (`LoadInProgress`). The operator may take any claim over (`take_over`); the load that held
it then stops before its switch, because its renewal finds the claim gone.
"""

from __future__ import annotations

import getpass
import logging
import os
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from neo4j import Driver

from lineage.cypher import cypher
from lineage.settings import get_settings

log = logging.getLogger(__name__)

#: Claims the janitor takes: a writer finding one waits for it (a janitor's work is short).
JANITOR = "janitor-"
#: How long a writer waits for a janitor's claim to be given back.
JANITOR_WAIT = 120.0


class LoadInProgress(RuntimeError):
    """Another live load (or deletion) of the same cascade is under way."""


@dataclass(frozen=True)
class Owner:
    """The process holding a claim: `key` identifies it across machines; `by` names it for people."""

    machine: str
    pid: int
    started: str
    by: str

    @property
    def key(self) -> str:
        return f"{self.machine}/{self.pid}/{self.started}"

    @classmethod
    def parse(cls, key: str | None, by: str | None) -> Owner | None:
        machine, _, rest = (key or "").rpartition("/")
        machine, _, pid = machine.rpartition("/")
        if not machine or not pid.isdigit():
            return None
        return cls(machine, int(pid), rest, by or "")

    def is_dead_here(self) -> bool:
        """True when the owner is a process of this machine that has ended (or whose pid now
        names another process); False when it lives, or when it runs on another machine."""
        if self.machine != _MACHINE:
            return False
        return _process_started(self.pid) != self.started


def _machine() -> str:
    """This machine and pid namespace: a pid means the same process only within both. The boot id
    and the pid namespace tell containers sharing a host name apart; where /proc is missing, a
    random id (every owner then looks foreign, and its lease decides)."""
    parts = [socket.gethostname()]
    try:
        parts.append(Path("/proc/sys/kernel/random/boot_id").read_text().strip())
        parts.append(os.readlink("/proc/self/ns/pid"))
    except OSError:
        parts.append(os.urandom(8).hex())
    return "|".join(parts).replace("/", "_")


def _process_started(pid: int) -> str | None:
    """The start time of process `pid` (clock ticks after boot), None when there is none or it
    has ended (a zombie: exited, not yet reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (command) "
    return None if fields[0] == "Z" else fields[19]


_MACHINE = _machine()


def current_owner() -> Owner:
    pid = os.getpid()
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = f"uid {os.getuid()}"
    return Owner(_MACHINE, pid, _process_started(pid) or "?", f"{user}@{socket.gethostname()} pid {pid}")


@dataclass
class Claim:
    """A claim held on `cascade` under `token`, renewed in the background until released."""

    cascade: str
    token: str
    #: The load that answers for the cascade (None: a new cascade)
    active_load: str | None
    #: The version label of that load (None: unlabelled)
    active_version: str | None
    #: The claim this one replaced, said for people (its owner died, its lease ran out, or taken over)
    took_over: str | None = None
    _driver: Driver | None = field(default=None, repr=False)
    _database: str | None = field(default=None, repr=False)
    _stop: threading.Event = field(default_factory=threading.Event, repr=False)
    _lost: threading.Event = field(default_factory=threading.Event, repr=False)

    def check(self) -> None:
        """Raise `LoadInProgress` when the claim was taken away (the writer must stop)."""
        if self._lost.is_set():
            raise LoadInProgress(f"cascade {self.cascade!r}: this load's claim was taken over by another load")

    def stop_renewing(self) -> None:
        self._stop.set()

    def release(self) -> None:
        """Stop renewing and give the claim back (a cascade that never had a load goes with it)."""
        self._stop.set()
        if self._driver is not None:
            self._driver.execute_query(
                cypher("release_claim"), cascade=self.cascade, load=self.token, database_=self._database
            )

    def _renew(self, lease: float) -> None:
        assert self._driver is not None
        while not self._stop.wait(lease / 3):
            try:
                records = self._driver.execute_query(
                    cypher("renew_claim"), cascade=self.cascade, load=self.token, lease=lease, database_=self._database
                ).records
            except Exception as exc:  # Neo4j unreachable: the load itself will fail; keep trying
                log.warning("cascade %s: could not renew the claim (%s)", self.cascade, exc)
                continue
            if not records:
                self._lost.set()
                return


def claim(
    driver: Driver,
    cascade_id: str,
    token: str,
    database: str | None,
    *,
    take_over: bool = False,
) -> Claim:
    """Take the claim on `cascade_id` for `token` and keep it renewed, or raise `LoadInProgress`
    when a live writer holds it (see the module's docstring for when a claim counts as dead)."""
    lease = get_settings().load_lease_seconds
    owner = current_owner()
    dead: str | None = None
    seen_until: str | None = None
    started = time.monotonic()
    while True:
        record = driver.execute_query(
            cypher("claim_cascade"),
            cascade=cascade_id,
            load=token,
            owner=owner.key,
            by=owner.by,
            lease=lease,
            dead=dead,
            take_over=take_over,
            database_=database,
        ).records[0]
        previous: dict[str, Any] = dict(record["previous"])
        if record["loading"] == token:
            why = "taken over" if take_over else "its owner had ended" if dead else "its lease had run out"
            held = Claim(cascade_id, token, record["active_load"], record["active_version"], _describe(previous, why))
            held._driver, held._database = driver, database
            threading.Thread(target=held._renew, args=(lease,), name=f"claim-{token}", daemon=True).start()
            if held.took_over:
                log.warning("cascade %s: took over %s", cascade_id, held.took_over)
            return held
        holder = Owner.parse(previous.get("loading_owner"), previous.get("loading_by"))
        if holder is not None and holder.is_dead_here():
            dead = previous["loading"]
            continue
        waited = time.monotonic() - started
        if token.startswith(JANITOR):  # the janitor never waits: the holder collects, or it comes back
            raise LoadInProgress(_refusal(cascade_id, previous))
        if str(previous["loading"]).startswith(JANITOR):
            if waited > JANITOR_WAIT:
                raise LoadInProgress(_refusal(cascade_id, previous))
        elif holder is not None and holder.machine == owner.machine:  # alive on this machine
            raise LoadInProgress(_refusal(cascade_id, previous))
        elif (seen_until is not None and previous["until"] != seen_until) or waited > 2 * lease + 1:
            raise LoadInProgress(_refusal(cascade_id, previous))  # renewed meanwhile: its owner lives
        seen_until = previous["until"]
        time.sleep(min(0.5, lease / 10))


def _describe(previous: dict[str, Any], why: str) -> str | None:
    if not previous.get("loading"):
        return None
    return (
        f"the claim of load {previous['loading']} ({previous.get('loading_by') or 'owner unknown'}, "
        f"since {previous.get('since')}): {why}"
    )


def _refusal(cascade_id: str, previous: dict[str, Any]) -> str:
    return (
        f"cascade {cascade_id!r} is being loaded by another process ({previous.get('loading_by') or 'owner unknown'}, "
        f"since {str(previous.get('since'))[:19]}); try again when it is done (stuck: `lineage load --take-over`)"
    )

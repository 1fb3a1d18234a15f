"""Settings read from the environment, in one place.

Why one object: the CLI, the API and the tests must agree on which Neo4j they talk to.
`NEO4J_URI` (with `NEO4J_USER`, `NEO4J_PASSWORD`, `NEO4J_DATABASE`) points the whole project at
an existing server or cluster, Aura included, and always wins. Without it, Lineage uses its own
local server (see `lineage.localdb`), whose files live under `LINEAGE_HOME`.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_home() -> Path:
    """One rule, installed or in a checkout: `$XDG_DATA_HOME/lineage`, else
    `~/.local/share/lineage`. So `lineage db status` finds the server `lineage db start` started
    whichever copy of Lineage runs it; set LINEAGE_HOME to keep several apart."""
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "lineage"


class Settings(BaseSettings):
    # Only the names written in `alias` are read: a field called `home` must not pick up $HOME.
    model_config = SettingsConfigDict(env_file=None, extra="ignore")

    neo4j_uri: str | None = Field(default=None, alias="NEO4J_URI")
    neo4j_user: str = Field(default="neo4j", alias="NEO4J_USER")
    neo4j_password: str | None = Field(default=None, alias="NEO4J_PASSWORD")
    neo4j_database: str | None = Field(default=None, alias="NEO4J_DATABASE")

    home: Path = Field(default_factory=_default_home, alias="LINEAGE_HOME")
    #: Which local server to use when NEO4J_URI is not set: "main" serves, "test" is for pytest.
    instance: str = Field(default="main", alias="LINEAGE_INSTANCE")
    #: Bolt port of the local server; unset means 7687 for "main", 7688 for "test".
    bolt_port: int | None = Field(default=None, alias="LINEAGE_BOLT_PORT", ge=1, le=65535)
    neo4j_version: str = Field(default="5.26.30", alias="LINEAGE_NEO4J_VERSION")
    heap: str = Field(default="1g", alias="LINEAGE_NEO4J_HEAP")
    pagecache: str = Field(default="512m", alias="LINEAGE_NEO4J_PAGECACHE")
    java_home: Path | None = Field(default=None, alias="JAVA_HOME")
    #: The Bearer token the API's write endpoints require; unset: the API refuses every write.
    write_token: SecretStr | None = Field(default=None, alias="LINEAGE_WRITE_TOKEN")
    #: Seconds a replaced load stays readable (for questions and cursors that pinned it) before it
    #: is doomed and deleted by the next load of its cascade or the API's janitor (docs/loads.md).
    retired_grace_seconds: float = Field(default=120, alias="LINEAGE_RETIRED_GRACE_SECONDS", ge=0, le=86_400)
    #: Seconds a load's claim on its cascade lasts unless renewed; a running load renews it every
    #: third of that, so a claim whose owner died elsewhere is free this long after (docs/loads.md).
    load_lease_seconds: float = Field(default=10, alias="LINEAGE_LOAD_LEASE_SECONDS", ge=1, le=3600)
    #: The file of write tokens (names, scopes, SHA-256 of the secrets; `lineage token add`);
    #: unset: `tokens.json` under LINEAGE_HOME (docs/access.md).
    tokens_file: Path | None = Field(default=None, alias="LINEAGE_TOKENS_FILE")
    #: A load or import that would remove more than this share of a cascade's indicators is refused
    #: unless forced (`--yes`, `force=true`): a wrong file must not wipe a cascade by accident.
    max_removed_share: float = Field(default=0.2, alias="LINEAGE_MAX_REMOVED_SHARE", ge=0, le=1)


@lru_cache
def get_settings() -> Settings:
    return Settings()

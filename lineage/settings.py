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

from pydantic import ByteSize, Field, SecretStr, ValidationError
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
    #: The key that signs paging cursors (HMAC). Unset: one is generated once and kept in
    #: LINEAGE_HOME/cursor-secret (mode 0600), so every worker sharing that home accepts the others'
    #: cursors. Set it (the same on every host) when workers run on several hosts.
    cursor_secret: SecretStr | None = Field(default=None, alias="LINEAGE_CURSOR_SECRET")
    #: The most contributors the lineage answers keep in memory, over all the walks kept (a walk is
    #: computed once per load, indicator, depth and filters, and its pages are cut from it); about
    #: 1.2 KB each (measured by scripts/bench.py), so 100,000 rows are about 120 MB per worker.
    walk_cache_rows: int = Field(default=100_000, alias="LINEAGE_WALK_CACHE_ROWS", ge=0)

    # Input limits (docs/limits.md). Each refusal names the file, where it was, and the setting to
    # raise; sizes take units ("50MiB", "1GB"). Defaults fit a province's cascade (~10^5
    # indicators); a national one (10^6) needs LINEAGE_MAX_FILE_BYTES=1GiB and a few GB of memory.
    #: The largest cascade file, spreadsheet or SQL dump read from disk (a folder: all its tables).
    max_file_bytes: ByteSize = Field(default=ByteSize(256 * 2**20), alias="LINEAGE_MAX_FILE_BYTES")
    #: The largest upload `POST /cascades` reads; a bigger one is answered 413 `too_large`.
    max_upload_bytes: ByteSize = Field(default=ByteSize(50 * 2**20), alias="LINEAGE_MAX_UPLOAD_BYTES")
    #: The most the files of one archive (a .zip of tables, an .xlsx workbook) may inflate to.
    max_inflated_bytes: ByteSize = Field(default=ByteSize(200 * 2**20), alias="LINEAGE_MAX_INFLATED_BYTES")
    #: Files in one archive or folder.
    max_archive_files: int = Field(default=1_000, alias="LINEAGE_MAX_ARCHIVE_FILES", ge=1)
    #: Nesting of mappings and lists in a YAML/JSON file (a cascade file needs 5).
    max_depth: int = Field(default=32, alias="LINEAGE_MAX_DEPTH", ge=8, le=500)
    #: Values (mappings, lists, scalars) of one YAML/JSON file, YAML aliases expanded.
    max_values: int = Field(default=30_000_000, alias="LINEAGE_MAX_VALUES", ge=1_000)
    #: Values YAML aliases (`*name`) may repeat, in all; 0 refuses every alias.
    max_alias_values: int = Field(default=10_000, alias="LINEAGE_MAX_ALIAS_VALUES", ge=0)
    #: Characters of one value: a YAML/JSON string, a CSV field, a sheet cell, a SQL string.
    max_field_chars: int = Field(default=100_000, alias="LINEAGE_MAX_FIELD_CHARS", ge=1_000)
    #: Rows of one sheet, CSV file or SQL table.
    max_rows: int = Field(default=1_000_000, alias="LINEAGE_MAX_ROWS", ge=100)
    #: Columns of one sheet or CSV file.
    max_columns: int = Field(default=1_000, alias="LINEAGE_MAX_COLUMNS", ge=10)
    #: Seconds a load's claim on its cascade lasts unless renewed; a running load renews it every
    #: third of that, so a claim whose owner died elsewhere is free this long after (docs/loads.md).
    load_lease_seconds: float = Field(default=10, alias="LINEAGE_LOAD_LEASE_SECONDS", ge=1, le=3600)
    #: The file of write tokens (names, scopes, SHA-256 of the secrets; `lineage token add`);
    #: unset: `tokens.json` under LINEAGE_HOME (docs/access.md).
    tokens_file: Path | None = Field(default=None, alias="LINEAGE_TOKENS_FILE")
    #: A load or import that would remove more than this share of a cascade's indicators is refused
    #: unless forced (`--yes`, `force=true`): a wrong file must not wipe a cascade by accident.
    max_removed_share: float = Field(default=0.2, alias="LINEAGE_MAX_REMOVED_SHARE", ge=0, le=1)


class BadSetting(ValueError):
    """An environment variable Lineage reads holds a value it cannot take (LINEAGE_MAX_ROWS=abc):
    the person who set it is told which and why, never shown an internal error."""


@lru_cache
def get_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        raise BadSetting(
            "; ".join(f"the setting {'.'.join(map(str, e['loc']))}={e['input']!r}: {e['msg']}" for e in exc.errors())
        ) from None

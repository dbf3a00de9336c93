"""A throw-away PostgreSQL cluster: ``initdb`` in a temporary folder, a server on a unix
socket only (no TCP port), stopped and removed at the end.

For the test suite and the benchmarks, which need a real server and must not touch one
that serves an office. The server binaries are found with ``pg_config --bindir``, else in
the usual Debian/Ubuntu and PATH places. PostgreSQL refuses to run as root: as root the
cluster belongs to the unprivileged ``nobody`` user (through ``runuser``).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ADMIN = "kb_admin"
READER = "kb_reader"


class ClusterError(Exception):
    """No PostgreSQL server binaries here, or the cluster did not start."""


def server_bindir() -> Path | None:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``, or None."""
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=10, check=False
            ).stdout.strip()
            if out:
                candidates.append(Path(out))
        except (OSError, subprocess.SubprocessError):
            pass
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


class ScratchCluster:
    """``with ScratchCluster() as pg: dsn = pg.create_database("kb1")``."""

    def __init__(self) -> None:
        bindir = server_bindir()
        if bindir is None:
            raise ClusterError("không tìm thấy initdb/pg_ctl (gói postgresql chưa cài)")
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="kb-pg-"))
        self.data = self.root / "data"
        self.socket = self.root / "socket"
        self.log = self.root / "server.log"
        self._as: list[str] = []
        if os.geteuid() == 0:
            runuser = shutil.which("runuser") or shutil.which("su")
            if runuser is None:
                raise ClusterError("chạy bằng root nhưng không có runuser để đổi người dùng")
            self._as = [runuser, "-u", "nobody", "--"]
        self.socket.mkdir()
        if self._as:
            shutil.chown(self.root, "nobody")
            shutil.chown(self.socket, "nobody")
        self.running = False

    def _run(self, *args: str, timeout: float = 120) -> None:
        done = subprocess.run(
            [*self._as, *args], capture_output=True, text=True, timeout=timeout, check=False
        )
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise ClusterError(f"{Path(args[0]).name}: {done.stderr.strip()}\n{log}")

    def start(self) -> ScratchCluster:
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            ADMIN,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        )
        options = (
            f"-k {self.socket} -c listen_addresses='' -c fsync=off -c synchronous_commit=off"
            " -c full_page_writes=off -c max_connections=60"
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )
        self.running = True
        self._admin(
            f"CREATE ROLE {READER} LOGIN",
        )
        return self

    def dsn(self, database: str = "postgres", user: str = ADMIN) -> str:
        return f"postgresql://{user}@/{database}?host={self.socket}"

    def _admin(self, *statements: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.dsn(database), autocommit=True) as conn:
            for sql in statements:
                conn.execute(sql.encode())

    def create_database(self, name: str) -> str:
        """A new, empty database; the reader role may read what the admin creates in it.
        Returns the admin's (writing) address."""
        self._admin(f'CREATE DATABASE "{name}"')
        self._admin(
            f"GRANT USAGE ON SCHEMA public TO {READER}",
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {ADMIN} IN SCHEMA public"
            f" GRANT SELECT ON TABLES TO {READER}",
            database=name,
        )
        return self.dsn(name)

    def reader_dsn(self, database: str) -> str:
        """The address of the read-only role (SELECT only)."""
        return self.dsn(database, READER)

    def drop_database(self, name: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.running:
            try:
                self._run(
                    str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"
                )
            finally:
                self.running = False
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> ScratchCluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def reader_of(target: str) -> str:
    """The read-only role's address for a scratch database's address (a file: itself)."""
    return target.replace(f"//{ADMIN}@", f"//{READER}@", 1)


def missing() -> str | None:
    """Why a scratch cluster cannot be had here, or None."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install 'citecheck[postgres]')"
    if server_bindir() is None:
        return "no PostgreSQL server binaries (initdb, pg_ctl) on this machine"
    return None

"""``citecheck serve``: the local web application (check a draft, which regulation applies).

A command of the ``citecheck`` group. ``kb serve`` is the same command, found by ``kb``
through the ``kb.commands`` entry point (``kb`` never imports the web app). The web stack
(FastAPI, uvicorn, Jinja2) is the ``web`` extra and is imported only when the command runs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kb.store.config import ENV_DB, db_target, is_dsn


@click.command()
@click.option(
    "--db",
    "db",
    type=str,
    default=None,
    help="KB file, or postgresql://user@host:port/dbname of a read-only role (default:"
    " CITECHECK_DB, else [tool.citecheck] db in pyproject.toml, else kb.sqlite).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--max-upload-mb",
    default=20,
    show_default=True,
    type=click.IntRange(1, 200),
    help="Largest draft accepted.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes (each opens the KB read-only: a PostgreSQL KB, or one SQLite file).",
)
def serve(db: str | None, host: str, port: int, max_upload_mb: int, workers: int) -> None:
    """Run the web application (localhost only unless --host says otherwise)."""
    try:
        import uvicorn

        from citecheck.web.app import create_app
    except ImportError as err:
        click.echo(
            f"serve cần gói web: pip install 'citecheck[web]' ({err.name} chưa cài)", err=True
        )
        sys.exit(2)
    path = db_target(db)
    if not is_dsn(path) and not Path(path).is_file():
        click.echo(
            f"Chưa có cơ sở dữ liệu {Path(path).name}: chạy `kb build` trước "
            "(trang kiểm tra dự thảo vẫn dùng được).",
            err=True,
        )
    loopback = host in ("127.0.0.1", "localhost", "::1")
    if not loopback:
        click.echo(f"Cảnh báo: ứng dụng mở cho mạng ngoài ({host}).", err=True)
    hosts = ["127.0.0.1", "localhost", "[::1]", "::1"] if loopback else None
    click.echo(f"citecheck: http://{host}:{port}/  (Ctrl+C để dừng)")
    if workers == 1:
        app = create_app(path, max_upload_mb=max_upload_mb, allowed_hosts=hosts)
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
        return
    # several processes: each builds its own application from the environment
    from citecheck.web.app import ENV_HOSTS, ENV_MAX_UPLOAD

    os.environ[ENV_DB] = str(path if is_dsn(path) else Path(path).resolve())
    os.environ[ENV_MAX_UPLOAD] = str(max_upload_mb)
    os.environ[ENV_HOSTS] = ",".join(hosts or [])
    uvicorn.run(
        "citecheck.web.app:app_from_environment",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
        server_header=False,
    )

"""``citecheck serve``: the local web application (check a draft, which regulation applies).

A command of the ``citecheck`` group. ``kb serve`` is the same command, found by ``kb``
through the ``kb.commands`` entry point (``kb`` never imports the web app). The web stack
(FastAPI, uvicorn, Jinja2) is the ``web`` extra and is imported only when the command runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kb.store.config import db_path


@click.command()
@click.option(
    "--db",
    "db",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="KB file (default: [tool.citecheck] db in pyproject.toml, else kb.sqlite).",
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
def serve(db: Path | None, host: str, port: int, max_upload_mb: int) -> None:
    """Run the web application (localhost only unless --host says otherwise)."""
    try:
        import uvicorn

        from citecheck.web.app import create_app
    except ImportError as err:
        click.echo(
            f"serve cần gói web: pip install 'citecheck[web]' ({err.name} chưa cài)", err=True
        )
        sys.exit(2)
    path = db_path(db)
    if not path.is_file():
        click.echo(
            f"Chưa có cơ sở dữ liệu {path.name}: chạy `kb build` trước "
            "(trang kiểm tra dự thảo vẫn dùng được).",
            err=True,
        )
    loopback = host in ("127.0.0.1", "localhost", "::1")
    if not loopback:
        click.echo(f"Cảnh báo: ứng dụng mở cho mạng ngoài ({host}).", err=True)
    hosts = ["127.0.0.1", "localhost", "[::1]", "::1"] if loopback else None
    app = create_app(path, max_upload_mb=max_upload_mb, allowed_hosts=hosts)
    click.echo(f"citecheck: http://{host}:{port}/  (Ctrl+C để dừng)")
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)

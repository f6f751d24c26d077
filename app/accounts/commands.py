"""`flask users create`: accounts from the command line (password never an argument)."""

from __future__ import annotations

import sys

import click

from ..extensions import db
from ..models import Role
from . import bp
from .accounts import AccountError, create_user


@bp.cli.command("create")
@click.option("--username", required=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.STUDENT.value)
def create_command(username: str, role: str) -> None:
    """Create an account; the password is read from a prompt, or from stdin when piped."""
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\n")
    try:
        user = create_user(db.session, username, password, Role(role))
    except AccountError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    db.session.commit()
    click.echo(f"Created {user.role.value} {user.username}.")

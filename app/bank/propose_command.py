"""`flask bank propose SECTION`: add, pending review, the new questions a lesson gives.

Here rather than with the generator's commands: proposing writes the bank in the database,
which comes after generation in the flow (app/commands.py adds it to the `bank` group).
"""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext
from sqlalchemy.exc import OperationalError

from ..corpus import load_declaration
from ..extensions import db
from .propose import ProposalError, propose_questions


@click.command("propose")
@click.argument("section_id")
@with_appcontext
def propose_command(section_id: str) -> None:
    """Add, pending review, the new questions the lesson as stored (browser edits too) gives."""
    try:
        proposal = propose_questions(db.session, section_id, load_declaration())
        db.session.commit()
    except (ProposalError, OperationalError) as exc:
        db.session.rollback()
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    for qid in proposal.added:
        click.echo(f"proposed {qid}")
    click.echo(
        f"{len(proposal.added)} new questions pending review in {section_id}; "
        f"{proposal.known} already in the bank"
    )

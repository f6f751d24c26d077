"""What the lesson and bank syncs share: their report, and the sections both files name."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from .models import Section


@dataclass
class SyncReport:
    """What a sync did, by kind of thing and outcome."""

    counts: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    @property
    def changed(self) -> bool:
        return any(
            n
            for key, n in self.counts.items()
            if not key.endswith(("unchanged", "kept edit", "kept browser change"))
        )

    def lines(self) -> list[str]:
        lines = [f"{key}: {n}" for key, n in sorted(self.counts.items())]
        lines += [f"skipped {item}" for item in self.skipped]
        lines += [f"warning: {item}" for item in self.warnings]
        return lines or ["nothing to sync"]


def upsert_section(
    session: Session,
    sections: dict[str, Section],
    sid: str,
    title: str,
    order: int,
    report: SyncReport,
) -> Section:
    """The section ``sid`` with this title and order: added, updated or left alone."""
    section = sections.get(sid)
    if section is None:
        section = Section(id=sid, title=title, order=order)
        session.add(section)
        sections[sid] = section
        report.add("sections added")
    elif (section.title, section.order) != (title, order):
        section.title, section.order = title, order
        report.add("sections updated")
    return section

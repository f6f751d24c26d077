"""Learners' time zones: the IANA names we know, and times shown in the reader's own zone."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache, lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from flask import Flask
from flask_login import current_user


@cache
def _known_time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


# The regions of the zone database's canonical names; the rest are legacy aliases ("US/Eastern")
# or POSIX-style names whose signs read backwards ("Etc/GMT+5" is five hours behind UTC).
_REGIONS = (
    "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe",
    "Indian", "Pacific",
)  # fmt: skip


@cache
def time_zone_choices() -> dict[str, list[tuple[str, str]]]:
    """The zones a person picks from, grouped by region ({"Europe": [("Europe/Paris", ...)]})."""
    groups: dict[str, list[tuple[str, str]]] = {"UTC": [("UTC", "UTC")]}
    for name in sorted(_known_time_zones()):
        region, _, place = name.partition("/")
        if region in _REGIONS and place:
            groups.setdefault(region, []).append((name, place.replace("_", " ")))
    return groups


@cache
def offered_time_zones() -> frozenset[str]:
    """The names time_zone_choices offers."""
    return frozenset(value for group in time_zone_choices().values() for value, _ in group)


def is_known_time_zone(name: str | None) -> bool:
    """True for an IANA zone name in this machine's zone database ("Europe/Paris")."""
    return bool(name) and name in _known_time_zones()


@lru_cache(maxsize=64)
def zone_named(name: str) -> ZoneInfo:
    """The zone called ``name``; UTC for a name the zone database has since dropped."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _reader_zone() -> ZoneInfo:
    return zone_named(current_user.time_zone if current_user.is_authenticated else "UTC")


def _in_reader_zone(moment: datetime) -> datetime:
    if moment.tzinfo is None:  # stored times are UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(_reader_zone())


def local_time(moment: datetime | None, fmt: str = "%d %b %Y, %H:%M") -> str:
    """``moment`` in the reader's time zone, followed by the zone's abbreviation ("JST")."""
    if moment is None:
        return "—"
    local = _in_reader_zone(moment)
    return f"{local.strftime(fmt)} {local.tzname()}"


def local_date(moment: datetime, fmt: str = "%d %b %Y") -> str:
    """The date of ``moment`` in the reader's time zone."""
    return _in_reader_zone(moment).strftime(fmt)


def init_time_zones(app: Flask) -> None:
    """The ``local_time`` and ``local_date`` template filters."""
    app.add_template_filter(local_time)
    app.add_template_filter(local_date)

"""How the platform writes a CSV cell for spreadsheets (OWASP's advice on CSV injection).

Shared by every CSV the platform offers (progress exports, the gradebook, the item analysis):
text cells neutralised against formulas, numbers written as numbers, and the byte-order mark
that makes spreadsheets read the file as UTF-8.
"""

from __future__ import annotations

# The fullwidth forms too: spreadsheets with an East Asian input method read "＝1+1" as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Excel and LibreOffice read a CSV file as UTF-8 without asking only when it starts with a BOM.
UTF8_BOM = "\ufeff"
# The same as one-character strings: `text[:1] in FORMULA_FIRST` tests a cell without a call.
FORMULA_FIRST = frozenset(FORMULA_STARTS)


def safe_cell(text: str) -> str:
    """Neutralise spreadsheet formulas: a text starting with = + - @ (or their fullwidth forms
    ＝ ＋ － ＠), tab or CR gets a leading '.

    OWASP's advice for CSV injection; only text cells pass through here, never the numbers we
    write ourselves.
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def number_cell(value: float | int | None) -> str:
    """The CSV text of a number the platform writes itself (never escaped)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    # + 0.0 turns a negative zero into 0: "0", never "-0" (and -0.0 == 0.0 as a cache key)
    return f"{round(value, 4) + 0.0:g}" if isinstance(value, float) else str(value)

"""Word tokens with offsets, and the small tests on them that extraction needs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .wordlists import MONTHS

_TOKEN = re.compile(r"[\"“”‘’]|[A-Za-z0-9][\w'’./\-]*|[^\sA-Za-z0-9]")
_INITIALISM = re.compile(r"^(?:[A-Z]\.){2,}(?:-[\w-]+)?$")
QUOTES = '"“”‘’'


@dataclass(frozen=True)
class Token:
    """A word or punctuation mark and its character span in the sentence."""

    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def capitalised(self) -> bool:
        """True for a word written with a capital (or "G-8", "al-Qaida")."""
        t = self.text
        if t[0].isupper():
            return True
        return bool(re.match(r"^(?:al|el|ad|ibn|van|von|de)-[A-Z]", t))

    @property
    def acronym(self) -> bool:
        """True for "OSCE", "G-8", "U.S." and the like."""
        core = self.text.replace(".", "").replace("-", "").replace("/", "")
        letters = [c for c in core if c.isalpha()]
        return len(core) >= 2 and bool(letters) and all(c.isupper() or c.isdigit() for c in core)

    @property
    def month(self) -> bool:
        return self.text in MONTHS


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens, keeping initialisms ("U.S.") and splitting off "'s"."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        word, start = match.group(), match.start()
        if word[0].isalnum():
            # a final full stop belongs to the sentence unless the word is an initialism
            keep = _INITIALISM.match(word) or re.fullmatch(r"[A-Z]\.|(?:St|Mt|Ft)\.", word)
            while word.endswith((".", "-", "/")) and not keep:
                word = word[:-1]
            for suffix in ("'s", "’s"):
                if word.endswith(suffix) and len(word) > 2:
                    tokens.append(Token(word[: -len(suffix)], start, start + len(word) - 2))
                    tokens.append(Token(suffix, start + len(word) - 2, start + len(word)))
                    break
            else:
                if word.endswith(("'", "’")):
                    word = word[:-1]
                tokens.append(Token(word, start, start + len(word)))
            rest = match.group()[len(word) :]
            if rest.startswith(".") and not word.endswith("."):
                pos = start + len(word)
                tokens.append(Token(".", pos, pos + 1))
        else:
            tokens.append(Token(word, start, match.end()))
    return tokens

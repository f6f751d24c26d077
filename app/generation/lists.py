"""Lists in the text's sentences: "the UN Security Council, the G-8, and the OSCE"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..corpus import Document
from .dates import DATE_PATTERN
from .wordlists import COMMON_VERBS

_BOUNDARY = set(
    """of in on to including as with for between from by at into that which who where while
    and or through under upon over among than like via against""".split()
)
_CUT_LAST = re.compile(
    r"\s+(?:are|is|were|was|will|have|has|can|could|should|must|that|which|who|where|while|"
    r"as well as|to|rest|remain|remains|represent|represents|would|shall)\b.*$"
)
_MODALS = r"(?:will|shall|must|can|may|would|should|we|they|not|to)"
_ADJECTIVE = re.compile(r"(?:ous|ful|al|ic|ive|ble|ent|ant|ary|less)$")
MAX_ITEM_WORDS = 9
_NOT_ITEM_START = {
    "we",
    "they",
    "will",
    "to",
    "it",
    "this",
    "shall",
    "would",
    "and",
    "or",
    "in",
    "through",
    "by",
}


@dataclass(frozen=True)
class TextList:
    """Three or more coordinated items of one sentence, with offsets into the sentence."""

    section_id: str
    paragraph: int
    sentence: int
    items: tuple[str, ...]
    start: int
    end: int
    lead: str  # the words just before the list ("international fora, including in")

    @property
    def where(self) -> tuple[str, int, int]:
        return (self.section_id, self.paragraph, self.sentence)

    @property
    def form(self) -> str:
        """ "action" ("expand ..."), "gerund" ("ending ..."), "name" or "thing"."""
        return item_form(self.items)


@lru_cache(maxsize=65536)
def _item_form(item: str) -> str:
    words = item.split()
    first = words[1] if len(words) > 1 and words[0].endswith("ly") else words[0]
    if first.endswith("ing") and len(words) > 1:
        return "gerund"
    if first in COMMON_VERBS:
        return "action"
    if re.search(r"(?:^|\s)[A-Z]", item):
        return "name"
    return "thing"


def item_form(items) -> str:
    """The form most of ``items`` share."""
    forms = [_item_form(i) for i in items]
    return max(sorted(set(forms)), key=forms.count)


def document_verbs(document: Document) -> set[str]:
    """Words the text uses as verbs (after "will", "we", "to ... the", and so on)."""
    verbs: set[str] = set()
    for _, _, sentence in document.sentences():
        text = sentence.text.lower()
        verbs.update(
            re.findall(
                rf"\b{_MODALS}\s+([a-z]+)\s+(?:the|a|an|our|their|these|this|those|its)\b", text
            )
        )
        verbs.update(
            re.findall(r"(?=\b(?:will|shall|must|we|they)\s+(?:also\s+)?([a-z]+)\b)", text)
        )
        verbs.update(re.findall(r"\b(?:to|will|shall|must)\s+([a-z]+)\s+and\b", text))
    return verbs


def _first_item(chunk: str, others: list[str], verbs: set[str]) -> tuple[str, int]:
    """The last words of ``chunk`` that form the list's first item, and where they start."""
    words = list(re.finditer(r"\S+", chunk))
    gerunds = all(o.split()[0].endswith("ing") for o in others)
    if gerunds:
        for w in reversed(words):
            if w.group().lower().endswith("ing"):
                return chunk[w.start() :], w.start()
        return "", 0
    longest = max(len(o.split()) for o in others) + 1
    # "respect for the law of the sea, the independence of courts, and …": when every other
    # item is "the N of M", the first is too ("the law of the sea", not "the sea")
    of_shape = all(re.match(r"^(?:the |a |an )?[a-z-]+ of ", o) for o in others)
    taken: list[re.Match[str]] = []
    for n in range(len(words) - 1, -1, -1):
        w = words[n]
        word = w.group().lower()
        after_article = n > 0 and words[n - 1].group().lower() in {"a", "an", "the"}
        verb = (word in verbs or word in COMMON_VERBS) and not after_article  # "an open market"
        # never past a plural ("the essential values of A, B, and C" lists the values)
        before = words[n - 1].group().lower() if n else ""
        if word == "of" and of_shape and taken and len(taken) < longest and before[-1:] != "s":
            of_shape = False  # crossed once
            taken.insert(0, w)
            continue
        if word in _BOUNDARY or verb or word.endswith("ing") or len(taken) >= longest:
            break
        taken.insert(0, w)
        if word in {"the", "a", "an", "our", "their"}:
            if of_shape and n > 0 and words[n - 1].group().lower() == "of":
                continue  # "the law of | the sea"
            break
    if not taken:
        return "", 0
    index = words.index(taken[0])
    article = index and words[index - 1].group().lower() in {"the", "a", "an"}
    if article and any(o.lower().startswith(("the ", "a ", "an ")) for o in others):
        taken.insert(0, words[index - 1])  # "the UN Security Council, the G-8, and the OSCE"
    start = taken[0].start()
    item = chunk[start:]
    if item.lower().startswith("the ") and not any(o.lower().startswith("the ") for o in others):
        item, start = item[4:], start + 4
    return item, start


def find_lists(document: Document) -> list[TextList]:
    """Every list of three or more items in ``document``, in order."""
    verbs = document_verbs(document)
    found: list[TextList] = []
    for section, paragraph, sentence in document.sentences():
        found.extend(
            _sentence_lists(section.id, paragraph.index, sentence.index, sentence.text, verbs)
        )
    return found


def _sentence_lists(sid, pi, si, text, verbs) -> list[TextList]:
    masked = DATE_PATTERN.sub(lambda m: m.group().replace(",", "\x00"), text)
    chunks = [(m.group().replace("\x00", ","), m.start()) for m in re.finditer(r"[^,;:]+", masked)]
    lists = []
    i = 0
    while i < len(chunks):
        j = i + 1
        middle = []
        while j < len(chunks) and not re.match(r"\s*(?:and|or)\s", chunks[j][0]):
            item = chunks[j][0].strip()
            if len(item.split()) > MAX_ITEM_WORDS - 3 or any(
                w.lower() in {"including", "that", "which", "as"} for w in item.split()
            ):
                break
            middle.append(item)
            j += 1
        if j < len(chunks) and re.match(r"\s*(?:and|or)\s", chunks[j][0]) and middle:
            made = _make_list(sid, pi, si, text, chunks[i], middle, chunks[j], verbs)
            if made:
                lists.append(made)
                i = j  # the last chunk may open the next list
                continue
        i += 1
    return lists


def _make_list(sid, pi, si, text, first_chunk, middle, last_chunk, verbs) -> TextList | None:
    raw_last = re.sub(r"^\s*(?:and|or)\s+", "", last_chunk[0]).rstrip(" .;:")
    gerunds = all(m.split()[0].endswith("ing") for m in middle)
    last = _CUT_LAST.sub("", raw_last)
    if not gerunds:
        last = re.sub(r"\s+(?:of|in|on|for)\s+(?:our|their|all|the|this|these)\b.*$", "", last)
    longest = max(len(m.split()) for m in middle)
    # "… and the peaceful settlement of disputes": a short "of" complement ends the last item;
    # cut off, it would be left behind in the stem ("which of the following of disputes?")
    whole = re.fullmatch(r"(?:the |a |an )?[a-z-]+(?: [a-z-]+)? of [a-z-]+(?: [a-z-]+)?", last)
    if not gerunds and len(last.split()) > longest + 2 and not whole:
        last = re.sub(r"\s+(?:of|in|on|for|to|with|and|across)\s+.*$", "", last)
    too_long = not gerunds and len(last.split()) > longest + 2 and not whole
    if too_long or DATE_PATTERN.search(first_chunk[0]):
        return None
    first, offset = _first_item(first_chunk[0], middle + [last], verbs)
    items = [first, *middle, last]
    if not first or any(not i or len(i.split()) > MAX_ITEM_WORDS for i in items):
        return None
    if first_chunk[1] + offset == 0 and not gerunds:
        return None  # the sentence's subject, not a list item
    if re.search(r"\b(?:and|or)\s*$", first_chunk[0][:offset]):
        return None  # "to strengthen and strictly enforce ...": the first item is cut in two
    if any(i.split()[0].lower() in _NOT_ITEM_START for i in items):
        return None  # clauses ("we will promote ...", "to restart ..."), not items
    if item_form(middle) == "action" and _item_form(first) != "action":
        return None  # "strictly enforce | export controls, interdict ...": the verb was cut off
    bare = [re.sub(r"^(?:a|an|the)\s+", "", i) for i in items[:-1]]
    singles = [i for i in bare if " " not in i.strip()]
    if len(singles) == len(items) - 1 and all(_ADJECTIVE.search(i) for i in singles):
        return None  # "a peaceful, prosperous, and free world": adjectives, not items
    start = first_chunk[1] + offset
    last_start = text.index(last, last_chunk[1])
    lead = " ".join(text[:start].split()[-4:])
    items = [i.strip() for i in items]
    if start == 0 and re.match(r"^[A-Z][a-z]+ing\b", items[0]):
        items[0] = items[0][0].lower() + items[0][1:]  # "Battling ..." opens the sentence
    return TextList(sid, pi, si, tuple(items), start, last_start + len(last), lead)


_GERUND_PHRASE = re.compile(
    r"\b([a-z]+ing) ((?:the |of )?[a-z-]+(?: [a-z-]+)?)"
    r"(?=[,.;]| (?:and|in|of|on|to|for|with|against|between)\b)"
)


def gerund_phrases(document: Document, exclude_section: str) -> list[str]:
    """Action phrases such as "combating proliferation" from sections other than one."""
    phrases = _gerund_phrases(document)
    return sorted(p for p, sids in phrases.items() if sids != {exclude_section})


_GERUNDS: dict[int, tuple[Document, dict[str, set[str]]]] = {}


def _gerund_phrases(document: Document) -> dict[str, set[str]]:
    cached = _GERUNDS.get(id(document))
    if cached and cached[0] is document:
        return cached[1]
    found: dict[str, set[str]] = {}
    for section, _, sentence in document.sentences():
        for match in _GERUND_PHRASE.finditer(sentence.text):
            verb = match.group(1)[:-3]
            words = match.group(2).split()
            if match.group(1) == "including" or words[-1] in {"those", "this", "these", "as"}:
                continue
            if {verb, verb + "e", verb[:-1]} & COMMON_VERBS and len(words) <= 3:
                found.setdefault(match.group(), set()).add(section.id)
    _GERUNDS.clear()  # one document at a time
    _GERUNDS[id(document)] = (document, found)
    return found

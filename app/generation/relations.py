"""The patterns of a relation: the verbs and connectives of any agreement of the declaration's
kind ("have agreed to implement", "call on", "as co-chairs of", "aimed at", "has ended")."""

from __future__ import annotations

import re

from .clauses import Clause, P, Relation

_FIRM = (
    r"(?:have |has )?(?:also )?(?:agreed to implement|agree to implement|have decided to|"
    r"decided to|agreed to|agree to|undertake to|have undertaken to|are resolved to|"
    r"will(?: also)?(?: continue to)?|shall|pledge to|pledged to|intend to|"
    r"are determined to|"
    r"(?:are|remain) committed to|reaffirm their commitment to|declare their intention to)"
)


_TENTATIVE = (
    r"(?:have |has )?(?:also )?(?:agreed to (?:study|explore|consider|examine)|"
    r"will (?:also )?(?:study|explore|seek|consider|examine))"
)


_LIST_AFTER = re.compile(r",? including (?:by )?(?P<items>.+)$")


_CALL = re.compile(
    r"^(?:As [^,]+, )?(?P<actor>.+?) (?:strongly )?(?P<verb>(?:will (?:also )?)?(?:call on|"
    r"calls on|encourage|encourages|urge|urges|ask|asks|invite|invites|instruct|instructs|"
    r"request|requests)) "
    r"(?P<whom>.+?) to (?P<what>(?!(?:the|their|a|an|its|our|each|this|these|those|all)\b)"
    r"[a-z].+)$"
)


_ROLE = re.compile(
    r"^(?:As|In (?:their|its|\x00's) capacity as|Acting as) (?P<role>[^,\x00]{6,90}), "
    r"(?P<actor>\x00|(?:[Tt]he |[A-Z])[^,]{0,60}?) "
    r"(?P<rest>(?:will|stand|are|is|have|call|urge|offer|support|encourage|invite|ask|"
    r"pledge|remain|intend|agree|welcome)\b.+)$"
)


_ACTING_AS = re.compile(
    r"\b(?:[Aa]cting|work|working|act) as "
    r"(?P<role>(?:an? )?[a-z]+(?: (?:and )?[a-z]+){0,3}?)(?= in |[,.;]|$)"
)


_CHAIR = re.compile(
    r"(?:(?:establish|create|set up|opening of|creation of) |^)(?:a |an |the |A |An |The )?"
    r"(?P<body>[A-Z][^,]+?|[a-z]+ (?:group|body|committee|commission))(?:,)? "
    r"(?:to be )?(?P<verb>(?:co-)?(?:chaired|directed|led|headed))(?: in turn| jointly)? by "
    r"(?P<chair>[A-Z][\w ]+?|(?:the |a |an )?[a-z][\w ]+?)(?= with |,|\.|;|$)"
)


_FRAMEWORK = re.compile(
    r"\b(?:[Ww]ith)?[Ii]n the framework of (?:the )?(?P<body>[^,]+?)(?=,|\.| to |$)"
)


_CONDITION = re.compile(
    r"(?:^|that )(?P<subject>[a-z\x00][^;]*?|[A-Z][^;]*?) (?P<verb>demands|demand|requires|require|"
    r"rests? on|will (?:also )?rest on) (?P<what>[^;]+?)(?=[.;]?$)"
)


_AIMED = re.compile(r"^(?P<before>.+?),? aimed at (?P<what>[a-z][^,]+(?:, [a-z]+ly)?)")


_BENEFIT = re.compile(
    r"^(?P<before>.+?), which (?P<verb>will bolster|would bring|help|helps|will help) "
    r"(?P<what>.+?)\.?$"
)


_EVIDENCE = re.compile(r"^(?P<before>.+?) as shown (?:once more |again )?by (?P<what>.+?)\.?$")


_ENDED = re.compile(
    r"^(?P<what>The [^.]+?) (?:(?:has|have) (?:now )?(?:ended|come to an end)|(?:is|are) "
    r"(?:now )?(?:over|at an end)|belongs? to the past)\b"
)


_REJECT = re.compile(
    r"^(?P<actor>.+?) (?:firmly )?reject (?P<what>the [^,]+?)(?P<rest> that .+)?\.?$"
)


_IN_FORCE = re.compile(r"\bthat (?P<what>the [A-Z].+?) remains in force\b(?P<rest>.*)$")


_DIFFERENT = re.compile(
    r"\b(?:acknowledge|recognize|believe|agree) that (?P<what>[^,]+?) is (?P<how>fundamentally |"
    r"very |quite )?different (?:than|from) (?P<other>.+?)\.?$"
)


_PURPOSE = re.compile(
    rf"^{P} (?P<verb>{_FIRM}) (?P<action>[a-z][^,]*?(?:, including [^,]+,|"
    r"(?: [A-Z][\w'-]*)+(?:, (?:and )?(?:the )?[A-Z][\w' -]*)+)?) "
    r"(?P<purpose>to (?!(?:the|a|an|be|their|its|each|our|this|these|those|all) )[a-z]+ .+?)\.?$"
)


# ", alternately in A and in B,": an aside between a verb and its purpose
_ASIDE = re.compile(r",\s+(?:[a-z]+ly|both|each|either)\b[^,;]*,(?= to [a-z])")


# "ask X to report", "study a center to warn": the infinitive says what X is to do or what the
# thing is for, not why the parties act
_NOT_PURPOSE = re.compile(
    r"^(?:call on|encourage|urge|ask|invite|instruct|request|allow|enable|help|study|consider|"
    r"explore|examine|seek)\b"
)


# "reduce the tanks to no more than 400", "cut tariffs to 5 percent": "to" a limit, not a purpose
_LIMIT = re.compile(
    r"^to (?:no |not )?(?:more|fewer|less|greater|higher|lower|at most|at least|a maximum|"
    r"a minimum|"
    r"half|one half|a third|a quarter|zero|\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a|one) (?:hundred|thousand|million|"
    r"percent|per cent))"
)


# "obstacles to trade and investment", "to prosperity": "to" a preposition before a noun, not
# the mark of an infinitive: a noun that takes "to" before it, a noun's ending after it, or a
# coordinated noun ("to trade and investment") in place of a verb's object
_TO_NOUN = re.compile(
    r"(?:\b(?:obstacles?|barriers?|threats?|access|contributions?|approach(?:es)?|commitments?|"
    r"return|visits?|path|road|key|solutions?|transition|answers?|response|impediments?|limits?|"
    r"damage|harm|dangers?|risks?|exceptions?|alternatives?|links?|routes?|gateway|entry|"
    r"assistance|aid|support|priority|adherence|accession|opposition|resistance))$"
)
_NOUN_AFTER_TO = re.compile(
    r"^to (?:[a-z]+(?:ness|ity|ism)\b|[a-z]+ (?:and|or) [a-z]+(?:tion|ment|ness|ity|ship|ism|"
    r"ance|ence)(?:$| (?:between|among|in|of|with|across|within|from)\b))"
)


_CONTINUE = re.compile(
    r"\bcontinue (?P<what>(?!to )(?:an |their |the )?[a-z][a-z -]+?(?: on [a-zA-Z][a-zA-Z -]+?)?)"
    r"(?=,|\.|$| and welcome| both )"
)


def split_items(text: str) -> tuple[str, ...]:
    """ "A, B, and C" -> (A, B, C); a single phrase -> (phrase,). Brackets are kept whole."""
    text = re.sub(r",? bearing in mind .*$", "", text.strip().rstrip("."))
    parts = re.split(r",\s+(?:and\s+|or\s+)?(?=(?:the |an? )?[a-z])", text)
    if len(parts) == 1:
        parts = re.split(r"\s+and\s+(?=the\s)", text)
    return tuple(p.strip() for p in parts if p.strip())


def relations_of(clause: Clause) -> list[Relation]:
    """What one clause says, by pattern: its commitments, calls, roles, reasons and claims."""
    text = clause.text.rstrip(".")
    found: list[Relation] = []
    for kind, verbs in (("firm", _FIRM), ("tentative", _TENTATIVE)):
        match = re.match(rf"^{P},? (?:[^,]+, )?(?P<verb>{verbs}) (?P<what>.+)$", text)
        if match and not (
            kind == "firm" and re.match(_TENTATIVE, match.group("verb") + " " + match.group("what"))
        ):
            what = match.group("what")
            listed = _LIST_AFTER.search(what)
            items = split_items(listed.group("items")) if listed else ()
            head = what[: listed.start()] if listed else what
            found.append(Relation(kind, clause, verb=match.group("verb"), what=head, items=items))
            break
    call = _CALL.match(text)
    if call:
        what = re.sub(r" to (?:prevent|protect|ensure|avoid)\b.*$", "", call.group("what"))
        found.append(
            Relation(
                "call",
                clause,
                # "P will support X and will urge Y to …": the parties are the caller
                actor=(
                    P
                    if P in call.group("actor")
                    and not re.match(r"^(?:Where|When|If) ", call.group("actor"))
                    else call.group("actor")
                ),
                verb=call.group("verb"),
                what=call.group("whom"),
                rest=what,
                items=tuple(re.sub(r"^to ", "", i) for i in split_items(what)),
            )
        )
    role = _ROLE.match(text)
    if role:
        found.append(
            Relation(
                "role",
                clause,
                actor=role.group("actor"),
                what=role.group("role"),
                rest=role.group("rest"),
            )
        )
    for acting in _ACTING_AS.finditer(text):
        found.append(Relation("as", clause, what=acting.group("role").strip()))
    chair = _CHAIR.search(text)
    if chair:
        found.append(
            Relation(
                "chair",
                clause,
                actor=chair.group("chair"),
                what=chair.group("body"),
                verb=chair.group("verb"),
            )
        )
    for frame in _FRAMEWORK.finditer(text):
        found.append(Relation("framework", clause, what=frame.group("body")))
    condition = _CONDITION.search(text)
    if condition and not re.search(r"\b(?:whose|which|who)\b", condition.group("subject")):
        found.append(
            Relation(
                "condition",
                clause,
                actor=condition.group("subject"),
                verb=condition.group("verb"),
                what=condition.group("what"),
                items=split_items(condition.group("what")),
            )
        )
    for kind, pattern in (("aimed", _AIMED), ("benefit", _BENEFIT), ("evidence", _EVIDENCE)):
        match = pattern.match(text)
        if match:
            verb = match.groupdict().get("verb", "")
            found.append(
                Relation(
                    kind, clause, actor=match.group("before"), verb=verb, what=match.group("what")
                )
            )
    ended = _ENDED.match(text)
    if ended:
        found.append(Relation("ended", clause, what=ended.group("what")))
    reject = _REJECT.match(text)
    if reject:
        found.append(
            Relation(
                "reject",
                clause,
                actor=reject.group("actor"),
                what=reject.group("what"),
                rest=(reject.group("rest") or "").strip(),
            )
        )
    in_force = _IN_FORCE.search(text)
    if in_force:
        found.append(
            Relation("in_force", clause, what=in_force.group("what"), rest=in_force.group("rest"))
        )
    different = _DIFFERENT.search(text)
    if different:
        found.append(
            Relation(
                "different", clause, what=different.group("what"), rest=different.group("other")
            )
        )
    plain = _ASIDE.sub("", text)
    plain = re.sub(r",\s+(?:beginning|starting) [^,;]+,(?= in order| so as)", "", plain)
    plain = re.sub(r",?\s+(?:in order|so as) to (?=[a-z])", " to ", plain)
    plain = re.sub(rf"^(?:Within|In) the framework of [^,]+, (?={P})", "", plain)
    purpose = _PURPOSE.match(plain)
    if (
        purpose
        and not _NOT_PURPOSE.match(purpose.group("action"))
        and not re.search(r"\b(?:urge|ask|invite|call on|encourage)\b", purpose.group("action"))
        and not _TO_NOUN.search(purpose.group("action"))
        and not _NOUN_AFTER_TO.match(purpose.group("purpose"))
        and not _LIMIT.match(purpose.group("purpose"))
    ):
        found.append(
            Relation(
                "purpose",
                clause,
                verb=purpose.group("verb"),
                what=purpose.group("purpose"),
                rest=purpose.group("action"),
            )
        )
    for cont in _CONTINUE.finditer(text):
        found.append(Relation("continue", clause, what=cont.group("what")))
    return found

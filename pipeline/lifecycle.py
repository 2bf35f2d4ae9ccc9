"""A letter's place in the life of its questions: who asked, who answered, when, and how late."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

import regex

from pipeline import patterns
from pipeline.dates import days_between, iso_date
from pipeline.model import Document, Lifecycle, Official, Stage, plain_block
from pipeline.officials import members, parse_officials, signed_by

TERM_DAYS = 21
"""The three weeks the Reglement van Orde of the Tweede Kamer gives to answer written questions."""
_HEADER_BLOCKS = 10
"""The first blocks of a letter, where it says what it is (the Aanhangsel's header, the cover letter)."""
_NOTICE_BLOCKS = 6
"""A Mededeling says what it has to say in a few blocks after its header."""

_REPLY_TO = regex.compile(r"\bantwoord\s+op\s+uw\s+brief\s+van\s+(?P<date>\d{1,2}\s+\p{L}+\s+\d{4})", regex.IGNORECASE)
_ADDRESSED = regex.compile(
    r"""\bvragen\b[^.]*?\baan\s+(?P<who>(?:de|het)\s+(?:minister|staatssecretaris|ministers|staatssecretarissen
        |minister-president)\b.*?)(?=\s+over\s|\s*\((?:ingezonden|20\d\dZ)|\.\s|$)""",
    regex.IGNORECASE | regex.DOTALL | regex.VERBOSE,
)
_COMMITTEE = regex.compile(
    r"""(?:\bvragen\s+van\s+de\s+|^(?:de\s+)?)(?P<committee>(?:vaste|algemene)\s+commissie\s+voor\s+.+?)
        (?=\s+(?:heeft|hebben|over|aan|inzake|betreffende)\b|\s*[,.(]|$)""",
    regex.IGNORECASE | regex.VERBOSE,
)
_FURTHER = regex.compile(r"\b(?:nadere|aanvullende)\s+(?:antwoord|beantwoording)", regex.IGNORECASE)
_DELAY = regex.compile(
    r"niet\s+binnen\s+de\s+(?:gebruikelijke\s+|gestelde\s+)?termijn|\buitstel\b|later\s+(?:worden\s+)?beantwoord",
    regex.IGNORECASE,
)
_REFERRAL = regex.compile(
    r"\b(?:zijn|werden|is)\s+(?:\S+\s+){0,3}?beantwoord\s+(?:middels|bij|in|met|door)\b", regex.IGNORECASE
)
_SENTENCE = regex.compile(r"[^.!?]+[.!?]?")
_REASON = regex.compile(
    r"(?:omdat|aangezien|vanwege|wegens|in\s+verband\s+met|de\s+reden\s+(?:van|voor)\s+(?:het\s+)?uitstel\s+is)\s+.+",
    regex.IGNORECASE | regex.DOTALL,
)
_EXPECTED = regex.compile(
    r"[^.]*\b(?:streef|streven|verwacht|zal|zullen|zo\s+spoedig|binnen\s+(?:\w+\s+)?weken)\b[^.]*"
    r"\b(?:beantwoord|toekomen|antwoorden|sturen|zenden|spoedig)[^.]*\.?",
    regex.IGNORECASE,
)
_WITHIN_WEEKS = regex.compile(r"\bbinnen\s+(?P<weeks>\d+|een|twee|drie|vier|vijf|zes)\s+weken\b", regex.IGNORECASE)
_NUMBERS = {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6}


def read_lifecycle(document: Document) -> Lifecycle:
    """What the letter says about its questions, normalised: never more than it prints."""
    metadata = document.metadata
    header = [plain_block(block) for block in document.body[:_HEADER_BLOCKS]]
    stage = letter_stage(document.kind, metadata.subject, header)
    signed = any(item.field == "answered_by" and item.source == "signature" for item in metadata.evidence)
    if metadata.answered_by and not signed:
        answered_by = parse_officials(metadata.answered_by)
    else:
        answered_by = signed_by([(signatory.role, signatory.name) for signatory in metadata.signatories])
    if stage == "questions":
        answered_by = ()
    addressed = _addressed(header)
    # Members only: a committee that asked is the lifecycle's committee, a nota's fracties are no members.
    questioners = members([questioner for questioner in metadata.questioners if questioner.kind == "member"])
    committee = next((q.name for q in metadata.questioners if q.kind == "committee"), "")
    first = next(iter(answered_by or addressed), None)
    submitted, submitted_printed = _submitted(metadata.submitted, header)
    lifecycle = Lifecycle(
        stage=stage,
        zaak=_zaak(document),
        questioners=questioners,
        committee=committee or ("" if questioners else _committee(header)),
        addressed=addressed,
        answered_by=answered_by,
        on_behalf_of=tuple(official for text in metadata.on_behalf_of for official in parse_officials(text)),
        ministry=first.ministry if first else "",
        ministry_printed=first.printed if first else "",
        date=_own_date(stage, metadata.date, metadata.received, submitted),
        submitted=submitted,
        submitted_printed=submitted_printed,
        answered=_answered(stage, metadata.date, metadata.received, document),
    )
    if stage in ("delay", "notice"):
        lifecycle = _with_notice(lifecycle, _notice_text(document))
    return with_days(lifecycle)


def letter_stage(kind: str, subject: str, header: Sequence[str]) -> Stage:
    """What the letter is in the life of its questions, from its kind and what its header says.

    >>> letter_stage("antwoorden", "Nadere antwoorden op vragen over X", [])
    'further-answers'
    >>> letter_stage("mededeling", "", ["De vragen kunnen niet binnen de gebruikelijke termijn worden beantwoord."])
    'delay'
    """
    text = " ".join([subject, *header])
    if kind in ("antwoorden", "nota"):
        return "further-answers" if _FURTHER.search(text) else "answers"
    if kind == "vragen":
        return "questions"
    if kind == "mededeling":
        if _REFERRAL.search(text):
            return "referral"
        return "delay" if _DELAY.search(text) else "notice"
    return "none"


def with_days(lifecycle: Lifecycle) -> Lifecycle:
    """Days from submission to answer, and whether that was later than the three weeks' term.

    >>> with_days(Lifecycle(submitted="2024-05-06", answered="2024-06-11")).days
    36
    """
    if not (lifecycle.submitted and lifecycle.answered):
        return replace(lifecycle, days=None, late=None)
    days = days_between(lifecycle.submitted, lifecycle.answered)
    return replace(lifecycle, days=days, late=days > TERM_DAYS)


def _zaak(document: Document) -> str:
    """The letter's zaak number; a Mededeling may print it only in its text ("… (2024Z16988) kunnen …").
    A number printed with a digit too many or too few ("2015Z146267") is none."""
    kenmerk = document.metadata.kenmerk
    if kenmerk and not patterns.KENMERK.fullmatch(kenmerk):
        return ""
    if kenmerk or document.kind != "mededeling":
        return kenmerk
    zaken = [reference.identifier for reference in document.references if reference.type == "zaak"]
    return zaken[0] if len(set(zaken)) == 1 else ""


def _submitted(printed: str, header: Sequence[str]) -> tuple[str, str]:
    """The submission date and the words it was read from: "ingezonden …", else "uw brief van …"."""
    for text in header:
        if printed and (match := patterns.SUBMITTED.search(text)) and iso_date(match.group()) == printed:
            return printed, _one_line(match.group())
    if printed:
        return printed, ""
    for text in header:
        if match := _REPLY_TO.search(text):
            return iso_date(match["date"]), _one_line(match.group())
    return "", ""


def _own_date(stage: Stage, dated: str, received: str, submitted: str) -> str:
    if stage == "questions":
        return dated or submitted
    return dated or received


def _answered(stage: Stage, dated: str, received: str, document: Document) -> str:
    if stage in ("answers", "further-answers"):
        return received or dated
    if stage == "referral":
        # "… zijn beantwoord middels een brief … op 7 juni 2024": the date the text names.
        for text in map(plain_block, document.body[:_HEADER_BLOCKS]):
            if match := _REFERRAL.search(text):
                said = iso_date(text[match.end() :])
                if said:
                    return said
        return received or dated
    return ""


def _addressed(header: Sequence[str]) -> tuple[Official, ...]:
    for text in header:
        if match := _ADDRESSED.search(text):
            return parse_officials(match["who"])
    return ()


def _committee(header: Sequence[str]) -> str:
    for text in header:
        if regex.search(r"\bvragen\b", text, regex.IGNORECASE) and (match := _COMMITTEE.search(text)):
            return _one_line(match["committee"])
    return ""


def _notice_text(document: Document) -> str:
    """The Mededeling's own words: the blocks after its header that say why and until when."""
    blocks = [plain_block(block) for block in document.body[: _HEADER_BLOCKS + _NOTICE_BLOCKS]]
    return " ".join(text for text in blocks if _DELAY.search(text) or _EXPECTED.search(text))


def _with_notice(lifecycle: Lifecycle, text: str) -> Lifecycle:
    """A notice of delay's reason and when the answers are expected, as printed."""
    reason = next((_one_line(match.group()) for s in _SENTENCE.findall(text) if (match := _REASON.search(s))), "")
    promise = next((_one_line(s) for s in _SENTENCE.findall(text) if _EXPECTED.fullmatch(s.strip())), "")
    expected = iso_date(promise)
    if not expected and (weeks := _WITHIN_WEEKS.search(promise)) and lifecycle.date:
        count = _NUMBERS.get(weeks["weeks"].lower()) or int(weeks["weeks"])
        expected = (date.fromisoformat(lifecycle.date) + timedelta(weeks=count)).isoformat()
    return replace(lifecycle, delay_reason=reason.rstrip(". "), expected=expected, expected_printed=promise)


def _one_line(text: str) -> str:
    return regex.sub(r"\s+", " ", text).strip()

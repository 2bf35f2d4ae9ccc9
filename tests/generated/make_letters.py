"""Write answer letters of known structure as Word files and convert them to PDF with LibreOffice.

Each letter is built from a seed (its index) in one of many layouts: how questions are numbered
("Vraag 3", "Vraag 3: ...", "3. ...", "3" alone, "3<tab>..." in the margin), how answers are
labelled ("Antwoord", "Antwoord 3", "Antwoord vraag 3:", "Antwoord op vraag 3", combined and
range labels, or no label at all), bold / italic / plain questions, blank paragraphs or spacing
between blocks, page breaks forced inside a question, inside an answer and between a question and
its answer, real Word footnotes (also on those break pages), a cover letter, typefaces, sizes
and margins. A few letters are a "Nota naar aanleiding van het verslag" instead.

The structure of every letter is known by construction and written to
``tests/data/generated/expected.json`` beside the PDFs; ``tests/test_generated.py`` checks the
pipeline against it.

    .venv/bin/python tests/generated/make_letters.py            # rewrites tests/data/generated
    .venv/bin/python tests/generated/make_letters.py --keep-docx /tmp/docx

Needs LibreOffice (``soffice``) and the fonts Liberation Serif, Liberation Sans and DejaVu Sans:
``apt-get install -y libreoffice-writer-nogui fonts-liberation2 fonts-dejavu-core``.

Determinism: the same script gives the same letters, texts and expected.json; the PDFs are made
byte-stable by fixing LibreOffice's creation date and document ID (same-length replacements, so
the cross-reference table stays valid). Layout depends on the LibreOffice version and the fonts.

Expected texts (expected.json):

- ``questions[].text``: the question's paragraphs joined by one space, without its number or
  label ("Vraag 3", "3.") and without footnote markers.
- ``answers[].label``: the label exactly as printed, *with* its trailing colon where one is
  printed ("Antwoord vraag 3:"); "" for an unlabelled answer. Compare with ``rstrip(":")``.
- ``answers[].paragraphs``: the answer's paragraphs, without the label (also when the first
  paragraph starts on the label's line: "Antwoord: Ja, ..." gives "Ja, ...").
- Footnote markers are *not* in the expected texts: the pipeline writes them as ``[^N]``; strip
  ``\\[\\^\\d+\\]`` before comparing. ``footnotes`` lists each footnote (Word numbers them 1, 2, ...
  in document order) with its text and where its marker sits.
- A page break forced inside a paragraph does not end it: the text runs on after the break.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document as new_docx
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "data" / "generated"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

ANSWER_LETTERS = 66
NOTA_LETTERS = 10
HOUSE_LETTERS = 2
"""Ministry letters in house style: a reference column (Ons kenmerk, Uw kenmerk) on every page,
a cover letter signed with role and name."""
ITALIC_NOTAS = 2
"""Notas whose questions carry no number: italic paragraphs that a committee's opening starts."""
TABLE_LISTS = 2
"""A committee's list laid out as a table: Nr | Vraag | Blz. (van) | (tot), answers in a row below."""

# --- Vocabulary ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    subject: str
    """What the questions are about ("over ...")."""
    title: str
    """The news article the questions start from."""
    actors: str
    goal: str
    """Infinitive clause: "om ... " continues with it."""
    measure: str
    count: str
    """A plural noun to count ("meldingen")."""
    ministry: str
    law: str


TOPICS = (
    Topic(
        "de wachttijden in de jeugdzorg",
        "Wachtlijsten jeugdzorg lopen verder op",
        "gemeenten en jeugdzorgaanbieders",
        "de wachttijden voor kinderen en gezinnen terug te dringen",
        "een landelijke norm voor de maximale wachttijd",
        "kinderen op een wachtlijst",
        "Volksgezondheid, Welzijn en Sport",
        "de Jeugdwet",
    ),
    Topic(
        "het tekort aan leraren in het basisonderwijs",
        "Steeds meer klassen naar huis gestuurd door lerarentekort",
        "schoolbesturen en lerarenopleidingen",
        "het lerarentekort in de grote steden te verkleinen",
        "een extra toelage voor leraren in tekortgebieden",
        "openstaande vacatures",
        "Onderwijs, Cultuur en Wetenschap",
        "de Wet op het primair onderwijs",
    ),
    Topic(
        "de uitstoot van stikstof door de luchtvaart",
        "Luchtvaart stoot meer stikstof uit dan gedacht",
        "luchthavens en provincies",
        "de uitstoot rond de luchthavens te beperken",
        "een plafond voor het aantal vliegbewegingen",
        "vliegbewegingen",
        "Infrastructuur en Waterstaat",
        "de Wet luchtvaart",
    ),
    Topic(
        "de beveiliging van gemeentelijke computersystemen",
        "Gemeenten slecht voorbereid op cyberaanvallen",
        "gemeenten en de Informatiebeveiligingsdienst",
        "de digitale weerbaarheid van gemeenten te vergroten",
        "een verplichte jaarlijkse beveiligingstoets",
        "gemelde datalekken",
        "Binnenlandse Zaken en Koninkrijksrelaties",
        "de Wet digitale overheid",
    ),
    Topic(
        "de vertraging bij de afhandeling van schadeclaims in Groningen",
        "Duizenden Groningers wachten nog altijd op schadeherstel",
        "het Instituut Mijnbouwschade en de regionale bestuurders",
        "de afhandeling van schademeldingen te versnellen",
        "een vaste termijn voor het besluit op een schademelding",
        "openstaande schademeldingen",
        "Economische Zaken en Klimaat",
        "de Tijdelijke wet Groningen",
    ),
    Topic(
        "de beschikbaarheid van huisartsen op het platteland",
        "Nieuwe inwoners vinden geen huisarts meer",
        "zorgverzekeraars en huisartsenposten",
        "de toegang tot de huisarts in krimpregio's te waarborgen",
        "een vestigingspremie voor huisartsen in krimpregio's",
        "patiënten zonder vaste huisarts",
        "Volksgezondheid, Welzijn en Sport",
        "de Zorgverzekeringswet",
    ),
    Topic(
        "de achterstanden bij de Immigratie- en Naturalisatiedienst",
        "IND kampt met grote achterstanden bij gezinshereniging",
        "de IND en het Centraal Orgaan opvang asielzoekers",
        "de beslistermijnen weer te halen",
        "een tijdelijke versnellingsaanpak met extra medewerkers",
        "aanvragen boven de wettelijke termijn",
        "Justitie en Veiligheid",
        "de Vreemdelingenwet 2000",
    ),
    Topic(
        "de veiligheid van spoorwegovergangen",
        "Opnieuw ernstig ongeluk op onbewaakte overweg",
        "ProRail en de betrokken gemeenten",
        "het aantal ongevallen op overwegen te verminderen",
        "het versneld opheffen van niet-actief beveiligde overwegen",
        "ongevallen op overwegen",
        "Infrastructuur en Waterstaat",
        "de Spoorwegwet",
    ),
    Topic(
        "de stijgende huren in de vrije sector",
        "Middenhuur onbetaalbaar voor jonge starters",
        "verhuurders en huurdersorganisaties",
        "huurders in de vrije sector beter te beschermen",
        "een maximale jaarlijkse huurverhoging in het middensegment",
        "huurwoningen in het middensegment",
        "Volkshuisvesting en Ruimtelijke Ordening",
        "de Wet betaalbare huur",
    ),
    Topic(
        "de inzet van algoritmes bij de Belastingdienst",
        "Belastingdienst gebruikt nog steeds risicomodellen zonder toetsing",
        "de Belastingdienst en de Autoriteit Persoonsgegevens",
        "discriminatie door algoritmes uit te sluiten",
        "een openbaar register van gebruikte algoritmes",
        "gebruikte risicomodellen",
        "Financiën",
        "de Algemene wet inzake rijksbelastingen",
    ),
    Topic(
        "de drinkwatervoorziening in droge zomers",
        "Drinkwaterbedrijven waarschuwen voor tekorten",
        "drinkwaterbedrijven en waterschappen",
        "de levering van drinkwater ook in droge jaren zeker te stellen",
        "een landelijk plan voor nieuwe drinkwaterbronnen",
        "aansluitingen",
        "Infrastructuur en Waterstaat",
        "de Drinkwaterwet",
    ),
    Topic(
        "het gebruik van mobiele telefoons in de klas",
        "Scholen worstelen met handhaving van telefoonverbod",
        "scholen en ouderorganisaties",
        "de concentratie van leerlingen in de les te verbeteren",
        "een landelijke richtlijn voor mobiele apparaten in de klas",
        "scholen met een telefoonverbod",
        "Onderwijs, Cultuur en Wetenschap",
        "de Wet op het voortgezet onderwijs",
    ),
)

MEMBERS = (
    ("Jansen", "VVD"),
    ("De Vries", "D66"),
    ("Bakker", "GroenLinks-PvdA"),
    ("Visser", "NSC"),
    ("Smit", "PVV"),
    ("Mulder", "SP"),
    ("Meijer", "CDA"),
    ("De Boer", "BBB"),
    ("Van Dijk", "ChristenUnie"),
    ("Bos", "Partij voor de Dieren"),
)
SIGNERS = ("M.J. van den Berg", "A. de Wit", "P.H. Hendriks", "C.E. Dekker", "R. Kuipers", "J.A. Vermeulen")
SOURCES = ("NOS", "de Volkskrant", "NRC", "Trouw", "RTL Nieuws", "het Financieele Dagblad", "Omroep Brabant")
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober")
FACTIONS = ("VVD", "D66", "CDA", "SP", "GroenLinks-PvdA", "ChristenUnie", "SGP", "NSC", "BBB", "PVV")


def date(rng: random.Random, year: int = 2024) -> str:
    return f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {year}"


def iso(when: str) -> str:
    """ "7 maart 2024" as "2024-03-07"."""
    day, month, year = when.split()
    return f"{year}-{MONTHS.index(month) + 1:02d}-{int(day):02d}"


def context_sentence(rng: random.Random, t: Topic) -> str:
    return rng.choice(
        (
            f"Uit het bericht blijkt dat het aantal {t.count} het afgelopen jaar sterk is gestegen.",
            f"Volgens {t.actors} is de situatie sinds vorig jaar verder verslechterd.",
            f"In het artikel wordt gesteld dat de huidige aanpak onvoldoende werkt om {t.goal}.",
            f"Eerder gaf u aan dat {t.measure} op dit moment niet nodig is.",
            f"Uit een rondgang langs {t.actors} blijkt dat veel betrokkenen zich zorgen maken.",
        )
    )


def question_sentence(rng: random.Random, t: Topic, number: int, source: str, when: str) -> str:
    if number == 1:
        return f"Bent u bekend met het bericht «{t.title}» ({source}, {when})?"
    return rng.choice(
        (
            f"Wat is uw reactie op de constatering dat het aantal {t.count} blijft toenemen?",
            f"Hoeveel {t.count} waren er in 2023, uitgesplitst naar regio?",
            f"Deelt u de mening dat er meer nodig is om {t.goal}?",
            f"Kunt u aangeven welke afspraken er met {t.actors} zijn gemaakt?",
            f"Bent u bereid {t.measure} in te voeren?",
            f"Welke maatregelen neemt u om {t.goal}?",
            f"Kunt u toelichten waarom {t.measure} tot nu toe niet is ingevoerd?",
            f"Wanneer kan de Kamer de evaluatie van {t.law} verwachten?",
            f"Op welke wijze betrekt u {t.actors} bij de uitwerking van de plannen?",
            f"Hoe verhoudt deze situatie zich tot de doelen die in {t.law} zijn vastgelegd?",
            f"Welke rol ziet u voor {t.actors} om {t.goal}?",
            f"Kunt u een overzicht geven van de kosten van {t.measure}?",
            f"Hoe vaak heeft u in het afgelopen jaar overleg gevoerd met {t.actors}?",
            f"Welke knelpunten ervaren {t.actors} bij de uitvoering van {t.law}?",
            f"Is er onderzoek gedaan naar de oorzaken van de stijging van het aantal {t.count}?",
            f"Welke termijn acht u redelijk om {t.goal}?",
            f"Deelt u de zorgen van {t.actors} over de gevolgen voor de regio?",
            f"Bent u bereid de Kamer jaarlijks te informeren over het aantal {t.count}?",
            "Welke lessen trekt u uit de ervaringen in andere Europese landen?",
            f"Hoeveel geld is er in de begroting voor 2025 gereserveerd om {t.goal}?",
            f"Kunt u aangeven wanneer {t.measure} op zijn vroegst kan worden ingevoerd?",
            f"Wat is de stand van zaken van de uitvoering van de motie over {t.subject}?",
        )
    )


FOLLOW_UPS = (
    "Zo ja, graag een toelichting.",
    "Zo nee, waarom niet?",
    "Zo ja, op welke termijn?",
    "Zo nee, bent u bereid dit alsnog te doen?",
    "Zo ja, welke?",
)
INLINE_FOLLOW_UPS = ("Zo ja, wat is daarvan de reden?", "Zo nee, waarom niet?", "Zo ja, per wanneer?")


def answer_sentence(rng: random.Random, t: Topic, first: bool) -> str:
    if first and rng.random() < 0.5:
        return rng.choice(
            (
                "Ja, ik ben bekend met dit bericht.",
                "Nee, die mening deel ik niet.",
                "Ja, die mening deel ik.",
                "Het kabinet deelt de zorg die uit deze vraag spreekt.",
                "Dat beeld herken ik niet.",
            )
        )
    return rng.choice(
        (
            f"Het kabinet hecht groot belang aan de inspanningen om {t.goal}.",
            f"Op dit moment wordt samen met {t.actors} onderzocht welke aanvullende stappen nodig zijn.",
            f"Ik verwacht de Kamer voor de zomer te informeren over de uitwerking van {t.measure}.",
            f"Daarbij wordt nauw samengewerkt met {t.actors}.",
            f"De precieze aantallen {t.count} worden niet centraal bijgehouden.",
            f"In de evaluatie van {t.law} wordt ook naar dit onderwerp gekeken.",
            f"Zoals aangegeven in mijn brief van {date(rng, 2023)} zijn hiervoor extra middelen beschikbaar gesteld.",
            f"Ik ben met {t.actors} in gesprek over de mogelijkheden om {t.goal}.",
            "De resultaten daarvan worden dit najaar verwacht.",
            f"Een besluit over {t.measure} neemt het kabinet pas nadat de uitkomsten bekend zijn.",
            "Ik zal de Kamer daarover zo spoedig mogelijk informeren.",
            f"De verantwoordelijkheid daarvoor ligt in de eerste plaats bij {t.actors}.",
        )
    )


def rhetorical_sentence(rng: random.Random, t: Topic) -> str:
    return rng.choice(
        (
            "Is dat voldoende? Naar mijn oordeel nog niet.",
            f"De vraag is dan ook: hoe kunnen we {t.goal}?",
            f"Wat betekent dit voor {t.actors}?",
            "Waarom is dat zo belangrijk?",
        )
    )


def number_sentence(rng: random.Random, t: Topic) -> str:
    # Numbers that cannot be a question number of these letters (at most 15).
    return rng.choice(
        (
            f"2024 was een jaar waarin het aantal {t.count} opnieuw is gestegen.",
            f"{rng.randint(21, 95)} gemeenten hebben inmiddels een plan van aanpak opgesteld.",
            f"1.250 huishoudens hebben in 2023 een tegemoetkoming ontvangen in het kader van {t.law}.",
            f"{rng.randint(16, 40)} procent van de {t.count} betreft de regio's buiten de Randstad.",
        )
    )


def footnote_text(rng: random.Random, t: Topic, source: str, when: str) -> str:
    return rng.choice(
        (
            f"{source}, {when}, «{t.title}», https://nos.nl/artikel/{rng.randint(2400000, 2599999)}",
            f"Kamerstukken II 2023/24, {rng.randint(29000, 36500)}, nr. {rng.randint(2, 400)}.",
            "https://www.rijksoverheid.nl/documenten/rapporten/2024/"
            f"0{rng.randint(1, 9)}/{rng.randint(10, 28)}/rapport",
            f"Zie de brief van {date(rng, 2023)} aan de Tweede Kamer.",
        )
    )


# --- The structure of a letter ---------------------------------------------------------------


@dataclass
class FootnoteRef:
    text: str
    number: int = 0
    where: str = ""


@dataclass
class EndnoteRef:
    """A Word endnote: its raised number in the text, its text in the list at the document's end."""

    text: str
    number: int = 0
    where: str = ""


class PageBreak:
    pass


class LineBreak:
    """A line broken by hand (Shift+Enter) inside a paragraph."""


PB = PageBreak()
Piece = str | FootnoteRef | EndnoteRef | PageBreak | LineBreak


@dataclass
class Para:
    pieces: list[Piece]
    break_before: bool = False

    def text(self) -> str:
        return " ".join("".join(p for p in self.pieces if isinstance(p, str)).split())


@dataclass
class QuestionBlock:
    numbers: list[int]
    paragraphs: list[Para]
    """For a combined block (nota "5, 6 en 7") one paragraph per question, else all of one question."""


@dataclass
class AnswerBlock:
    questions: list[int]
    label: str
    paragraphs: list[Para]
    inline: bool = False
    break_before: bool = False


@dataclass
class Statement:
    text: str


@dataclass
class NoteBlock:
    """A note of the questions as printed: "1) NOS, ..." or "[1] NOS, ...", after the last answer or
    right after the question that refers to it."""

    label: str
    text: str
    printed: str
    """The label as printed with the space after it: "1) ", "[1] "."""
    where: str
    """The question that refers to it: "question 3"."""
    footnote: bool = False
    """Printed as a Word footnote instead (the Kamer's "1)" kept in the question)."""


@dataclass
class Rule:
    """A rule typed as a line of underscores, as Word files set above the questions' notes."""


@dataclass
class Heading:
    text: str


@dataclass
class Layout:
    kind: str
    qstyle: str
    typo: str
    family: str
    colon: bool
    range_variant: str
    label_bold: bool
    separation: str
    label_blank_after: bool
    font: str
    size: float
    margins: tuple[float, float, float, float]
    space_after: float
    line_spacing: float
    cover: bool
    footer: str
    answers_indented: bool
    justified: bool = False
    """Paragraphs justified, as an Aanhangsel sets them."""
    paragraph_gap: bool = True
    """A blank line between an answer's paragraphs (where ``separation`` is "blank"); without it a
    paragraph ends only with its short last line."""


@dataclass
class Letter:
    name: str
    layout: Layout
    topic: Topic
    member: tuple[str, str]
    kenmerk: str
    items: list[object] = field(default_factory=list)
    styles: set[str] = field(default_factory=set)
    front: list[tuple[str, str]] = field(default_factory=list)
    """Cover letter and title lines before the questions: (kind, text)."""
    back: list[tuple[str, str]] = field(default_factory=list)
    """Lines after the last answer (the signature of a nota)."""
    header: str = ""
    """A running head on every page (the Kamerstuk line of a nota)."""
    reference_column: list[tuple[str, bool]] = field(default_factory=list)
    """The ministry's reference column on every page: (line, bold)."""
    table: str = ""
    """For a table list, where the number and page cells are aligned: "top" or "bottom"."""
    metadata: dict[str, object] = field(default_factory=dict)
    """What the letter says about itself, as the pipeline must read it."""
    footer_text: str = ""
    """A line of the footer on every page besides any page number (a ministry's document code)."""
    notes: list[NoteBlock] = field(default_factory=list)
    """The questions' own notes, wherever they are printed."""


QSTYLES = ("vraag-alone", "vraag-inline", "number-dot", "bare-number", "bare-number-blank", "margin-tab")
TYPOS = ("bold", "italic", "plain")
FAMILIES = ("antwoord", "antwoord-colon", "antwoord-n", "antwoord-vraag-n", "antwoord-op-vraag-n", "unlabelled")
RANGES = ("range-hyphen", "range-dash", "range-tm", "range-tot-en-met", "list")
FONTS = ("Liberation Serif", "Liberation Sans", "DejaVu Sans")


def and_list(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers[:-1])) + " en " + str(numbers[-1])


def answer_label(layout: Layout, numbers: list[int], styles: set[str]) -> str:
    """The label of an answer to ``numbers``, as printed (with its colon, if any)."""
    family = layout.family
    if family == "unlabelled":
        return ""
    if family in ("antwoord", "antwoord-colon"):
        if len(numbers) > 1:
            styles.add("group-unnumbered-label")
        return "Antwoord:" if family == "antwoord-colon" else "Antwoord"
    colon = ":" if layout.colon else ""
    n = numbers[0]
    if len(numbers) == 1:
        return {
            "antwoord-n": f"Antwoord {n}",
            "antwoord-vraag-n": f"Antwoord vraag {n}",
            "antwoord-op-vraag-n": f"Antwoord op vraag {n}",
        }[family] + colon
    first, last = numbers[0], numbers[-1]
    if layout.range_variant != "list" and len(numbers) >= 3:
        styles.add(layout.range_variant)
        return {
            "range-hyphen": f"Antwoord vraag {first}-{last}",
            "range-dash": f"Antwoord vragen {first} – {last}",
            "range-tm": f"Antwoord op vragen {first} t/m {last}",
            "range-tot-en-met": f"Antwoord op vragen {first} tot en met {last}",
        }[layout.range_variant] + colon
    styles.add("group-list-en" if len(numbers) == 2 else "group-list-comma")
    if len(numbers) == 2:
        prefix = {"antwoord-n": "Antwoord", "antwoord-vraag-n": "Antwoord vragen"}.get(family, "Antwoorden op vragen")
    else:
        prefix = {"antwoord-n": "Antwoord", "antwoord-op-vraag-n": "Antwoord op vragen"}.get(family, "Antwoord vragen")
    return f"{prefix} {and_list(numbers)}{colon}"


def choose_layout(index: int, rng: random.Random, kind: str) -> Layout:
    if kind == "nota":
        qstyle = ("margin-tab", "bare-number")[index % 2]
        typo = ("italic", "plain")[(index // 2) % 2]
        family = "antwoord"
    else:
        qstyle = QSTYLES[index % len(QSTYLES)]
        typo = TYPOS[(index // len(QSTYLES)) % len(TYPOS)]
        family = FAMILIES[(index + index // len(FAMILIES)) % len(FAMILIES)]
        if family == "unlabelled" and typo == "plain":
            # An unlabelled answer after a plain question is ambiguous even to a reader.
            typo = rng.choice(("bold", "italic"))
    separation = rng.choice(("blank", "spacing"))
    left = rng.choice((20.0, 25.0, 30.0, 35.0))
    right = rng.choice((15.0, 20.0, 25.0, 30.0))
    top = rng.choice((20.0, 25.0, 35.0))
    bottom = rng.choice((20.0, 25.0, 30.0))
    return Layout(
        kind=kind,
        qstyle=qstyle,
        typo=typo,
        family=family,
        colon=rng.random() < 0.5,
        range_variant=RANGES[(index * 2 + index // 6) % len(RANGES)],
        label_bold=rng.random() < 0.5,
        separation=separation,
        label_blank_after=rng.random() < 0.5,
        font=FONTS[(index // 3) % len(FONTS)],
        size=rng.choice((9.0, 10.0, 10.5, 11.0, 12.0)),
        margins=(left, right, top, bottom),
        space_after=0.0 if separation == "blank" else rng.choice((6.0, 8.0, 10.0)),
        line_spacing=rng.choice((1.0, 1.15)),
        cover=kind == "antwoorden" and rng.random() < 0.4,
        footer=rng.choice(("none", "none", "page", "pagina-van")) if kind == "antwoorden" else "page",
        answers_indented=qstyle == "margin-tab" and rng.random() < 0.5,
    )


def split_for_break(sentence: str, rng: random.Random) -> list[Piece]:
    """Break a sentence in the middle, between two words: the paragraph runs on after the break."""
    words = sentence.split(" ")
    # Mid-sentence, so that a reader can tell: the line before the break ends without a full stop
    # and the text after it goes on in lower case.
    cuts = [
        cut
        for cut in range(2, len(words) - 1)
        if not words[cut - 1].endswith((".", "?", "!", ":")) and words[cut][:1].islower()
    ]
    cut = rng.choice(cuts[len(cuts) // 3 :] or cuts)
    return [" ".join(words[:cut]) + " ", PB, " ".join(words[cut:])]


def make_question_paragraphs(
    rng: random.Random,
    t: Topic,
    number: int,
    source: str,
    when: str,
    allow_follow_up: bool,
    styles: set[str],
    used: set[str],
) -> list[Para]:
    sentences = []
    if number > 1 and rng.random() < 0.4:
        sentences.append(context_sentence(rng, t))
    for _ in range(30):  # no two questions of a letter alike
        question = question_sentence(rng, t, number, source, when)
        if question not in used:
            break
    used.add(question)
    sentences.append(question)
    if question.startswith(("Bent u", "Deelt u")) and rng.random() < 0.4:
        sentences.append(rng.choice(INLINE_FOLLOW_UPS))
    paragraphs = [Para([" ".join(sentences)])]
    if allow_follow_up and len(sentences) == 1 + (sentences[0] != question) and rng.random() < 0.3:
        paragraphs.append(Para([rng.choice(FOLLOW_UPS)]))
        styles.add("q-two-paragraphs")
    return paragraphs


def make_answer_paragraphs(rng: random.Random, t: Topic, earlier: list[int], styles: set[str]) -> list[Para]:
    count = rng.choice((1, 1, 2, 2, 3, 4))
    paragraphs = []
    for index in range(count):
        sentences = [answer_sentence(rng, t, index == 0 and n == 0) for n in range(rng.randint(1, 3))]
        if index > 0 and rng.random() < 0.25:
            sentences.insert(0, number_sentence(rng, t))
            styles.add("a-starts-with-number")
        if rng.random() < 0.15:
            sentences.append(rhetorical_sentence(rng, t))
            styles.add("a-rhetorical-question")
        if earlier and rng.random() < 0.1:
            sentences.append(f"Zie ook het antwoord op vraag {rng.choice(earlier)}.")
            styles.add("a-refers-to-question")
        paragraphs.append(Para([" ".join(dict.fromkeys(sentences))]))
    if count > 1:
        styles.add("a-multi-paragraph")
    return paragraphs


def groups_of(rng: random.Random, count: int, grouped: bool, need_three: bool = False) -> list[list[int]]:
    """Split 1..count into runs answered together: mostly alone, some of two to four."""
    groups: list[list[int]] = []
    number = 1
    while number <= count:
        size = 1
        if grouped and number < count and rng.random() < 0.3:
            size = min(rng.choice((2, 3, 3, 4)), count - number + 1)
        groups.append(list(range(number, number + size)))
        number += size
    if grouped and count >= 3 and (all(len(g) == 1 for g in groups) or (need_three and max(map(len, groups)) < 3)):
        start = rng.randint(1, count - 2)
        groups = [[n] for n in range(1, start)] + [[start, start + 1, start + 2]]
        groups += [[n] for n in range(start + 3, count + 1)]
    return groups


def add_footnote(paragraph: Para, text: str, where: str, before_break: bool) -> None:
    """Put a footnote marker after a word of the paragraph, before the page break if it has one."""
    pieces = paragraph.pieces
    if before_break and any(isinstance(p, PageBreak) for p in pieces):
        index = next(i for i, p in enumerate(pieces) if isinstance(p, PageBreak)) - 1
    else:
        index = max(i for i, p in enumerate(pieces) if isinstance(p, str))
    head = pieces[index]
    assert isinstance(head, str)
    if index == len(pieces) - 1 and head.endswith("?"):
        # The marker before the question mark: "... (NOS, 3 maart 2024)¹?"
        pieces[index : index + 1] = [head[:-1], FootnoteRef(text, where=where), "?"]
        return
    if index == len(pieces) - 1:
        pieces[index + 1 : index + 1] = [FootnoteRef(text, where=where)]
        return
    # Before the break: after the last word before the break.
    stripped = head.rstrip()
    pieces[index : index + 1] = [stripped, FootnoteRef(text, where=where), head[len(stripped) :]]


def build_letter(index: int, kind: str) -> Letter:
    rng = random.Random(f"kamerbrief-generated-{kind}-{index}")
    layout = choose_layout(index, rng, kind)
    t = TOPICS[(index * 5 + (kind == "nota")) % len(TOPICS)]
    member = MEMBERS[rng.randrange(len(MEMBERS))]
    kenmerk = f"2024Z{rng.randint(1000, 19999):05d}"
    name = f"{kind}-{index + 1:02d}-{layout.qstyle}-{layout.family if kind != 'nota' else 'nota'}.pdf"
    letter = Letter(name, layout, t, member, kenmerk)
    styles = letter.styles
    styles.update(
        {
            f"q-{layout.qstyle}",
            f"q-{layout.typo}",
            f"sep-{layout.separation}",
            "font-" + layout.font.lower().replace(" ", "-"),
            "size-small" if layout.size <= 10 else "size-large",
            "margins-wide" if layout.margins[0] >= 30 else "margins-narrow",
        }
    )
    styles.add("a-" + layout.family if layout.family != "unlabelled" else "a-unlabelled")
    if layout.family != "unlabelled" and layout.label_bold:
        styles.add("label-bold")
    if layout.footer != "none":
        styles.add("footer-" + layout.footer)
    if layout.answers_indented:
        styles.add("a-indented")
    if kind == "nota":
        build_nota(letter, rng, index)
    else:
        build_answers(letter, rng, index)
    return letter


def question_count(index: int, rng: random.Random) -> int:
    fixed = {0: 1, 1: 15, 7: 1, 10: 14, 19: 13, 23: 2, 31: 12, 44: 1, 50: 15}
    return fixed.get(index, rng.randint(2, 11))


def build_answers(letter: Letter, rng: random.Random, index: int) -> None:
    layout, t, styles = letter.layout, letter.topic, letter.styles
    count = question_count(index, rng)
    if count == 1:
        styles.add("one-question")
    if count >= 12:
        styles.add("many-questions")
    source, when = rng.choice(SOURCES), date(rng)
    numbered = layout.family not in ("antwoord", "antwoord-colon", "unlabelled")
    need_three = numbered and layout.range_variant != "list"
    groups = groups_of(rng, count, grouped=count >= 2 and (rng.random() < 0.6 or need_three), need_three=need_three)
    surname, party = letter.member
    minister = f"De minister van {t.ministry}"
    signer = rng.choice(SIGNERS)
    if layout.cover:
        styles.add("cover-letter")
        letter.front += [
            ("address", "De Voorzitter van de Tweede Kamer\nder Staten-Generaal\nPostbus 20018\n2500 EA  DEN HAAG"),
            ("line", f"Datum {date(rng)}"),
            ("line", f"Betreft Antwoorden Kamervragen over {t.subject}"),
            ("para", "Geachte voorzitter,"),
            (
                "para",
                f"Hierbij zend ik u de antwoorden op de vragen van het lid {surname} ({party}) over "
                f"{t.subject} ({letter.kenmerk}).",
            ),
            ("para", "Hoogachtend,"),
            ("signature", f"{minister},\n\n\n{signer}"),
            ("pagebreak", ""),
            ("heading", f"Antwoorden op Kamervragen van het lid {surname} over {t.subject}"),
            ("line", f"({letter.kenmerk}, ingezonden {date(rng)})"),
        ]
    else:
        letter.front += [
            (
                "heading",
                f"Antwoorden van de minister van {t.ministry} op vragen van het lid {surname} ({party}) "
                f"over {t.subject} (ingezonden {date(rng)}).",
            ),
        ]
    breaks = {b for b in ("break-in-question", "break-in-answer", "break-between-q-and-a") if rng.random() < 0.35}
    if index % 4 == 0:
        breaks.add(("break-in-question", "break-in-answer", "break-between-q-and-a")[(index // 4) % 3])
    footnotes = rng.random() < 0.55 or (bool(breaks) and index % 3 == 0)
    on_break_page = footnotes and bool(breaks) and rng.random() < 0.75
    earlier: list[int] = []
    used: set[str] = set()
    unlabelled = layout.family == "unlabelled"
    for group in groups:
        for number in group:
            paragraphs = make_question_paragraphs(
                rng, t, number, source, when, allow_follow_up=True, styles=styles, used=used
            )
            letter.items.append(QuestionBlock([number], paragraphs))
        label = answer_label(layout, group, styles)
        inline = bool(label.endswith(":") and rng.random() < 0.3)
        if inline:
            styles.add("a-inline-text")
        answer = AnswerBlock(group, label, make_answer_paragraphs(rng, t, earlier, styles), inline=inline)
        letter.items.append(answer)
        earlier += group
    if unlabelled:
        styles.add("a-unlabelled")
    # Page breaks, each once, in a question / answer about a third into the letter or later.
    questions = [item for item in letter.items if isinstance(item, QuestionBlock)]
    answers = [item for item in letter.items if isinstance(item, AnswerBlock)]
    broken: set[int] = set()
    if "break-in-question" in breaks:
        q = questions[rng.randrange(len(questions) // 3, len(questions))]
        broken.add(id(q))
        para = q.paragraphs[0]
        text = para.pieces[0]
        assert isinstance(text, str)
        para.pieces = split_for_break(text, rng)
        styles.add("break-in-question")
        if on_break_page:
            add_footnote(para, footnote_text(rng, t, source, when), f"question {q.numbers[0]}", before_break=True)
            styles.add("footnote-on-break-page")
    if "break-in-answer" in breaks:
        a = answers[rng.randrange(len(answers) // 3, len(answers))]
        broken.add(id(a))
        if len(a.paragraphs) > 1 and rng.random() < 0.5:
            position = rng.randrange(1, len(a.paragraphs))
            a.paragraphs[position].break_before = True
            before = a.paragraphs[position - 1]
        else:
            before = a.paragraphs[-1] if len(a.paragraphs) == 1 else a.paragraphs[0]
            text = before.pieces[0]
            assert isinstance(text, str)
            before.pieces = split_for_break(text, rng)
        styles.add("break-in-answer")
        if on_break_page:
            add_footnote(before, footnote_text(rng, t, source, when), f"answer {a.questions}", before_break=True)
            styles.add("footnote-on-break-page")
    if "break-between-q-and-a" in breaks:
        a = rng.choice([a for a in answers if id(a) not in broken] or answers)
        a.break_before = True
        styles.add("break-between-q-and-a")
        if on_break_page:
            q = next(q for q in questions if q.numbers[-1] == a.questions[-1])
            add_footnote(q.paragraphs[-1], footnote_text(rng, t, source, when), f"question {q.numbers[0]}", False)
            styles.add("footnote-on-break-page")
    if footnotes:
        styles.add("footnotes")
        first = questions[0].paragraphs[0]
        if not any(isinstance(p, FootnoteRef) for p in first.pieces) and not any(
            isinstance(p, PageBreak) for p in first.pieces
        ):
            add_footnote(first, footnote_text(rng, t, source, when), "question 1", before_break=False)
        for a in rng.sample(answers, min(len(answers), rng.randint(0, 2))):
            para = rng.choice(a.paragraphs)
            if not any(isinstance(p, (FootnoteRef, PageBreak)) for p in para.pieces):
                add_footnote(para, footnote_text(rng, t, source, when), f"answer {a.questions}", before_break=False)


def build_nota(letter: Letter, rng: random.Random, index: int) -> None:
    t, styles = letter.topic, letter.styles
    styles.update({"nota", "nota-statements", "running-header"})
    dossier = f"36 {rng.randint(100, 499)}"
    letter.front += [
        ("heading", f"{dossier} Wijziging van {t.law} in verband met maatregelen om {t.goal}"),
        ("heading", "Nr. 5 NOTA NAAR AANLEIDING VAN HET VERSLAG"),
        ("line", f"Ontvangen {date(rng, 2023)}"),
        (
            "para",
            "Ik dank de leden van de fracties voor hun inbreng bij het wetsvoorstel. In deze nota worden de "
            "vragen en opmerkingen beantwoord in de volgorde van het verslag.",
        ),
    ]
    letter.header = f"Tweede Kamer, vergaderjaar 2022–2023, {dossier}, nr. 5"
    count = rng.randint(5, 11)
    number = 1
    earlier: list[int] = []
    used: set[str] = set()
    headings = iter(
        ("Algemeen", "Verhouding tot bestaande regelgeving", "Uitvoering en handhaving", "Financiële gevolgen")
    )
    letter.items.append(Heading(next(headings)))
    first_block = True
    combined_done = False
    while number <= count:
        size = 1
        if not combined_done and number > 2 and number + 2 <= count and (rng.random() < 0.5 or number + 3 > count):
            size = rng.choice((2, 3))
            combined_done = True
            styles.add("nota-combined-block")
        if not first_block and rng.random() < 0.15:
            heading = next(headings, None)
            if heading:
                letter.items.append(Heading(heading))
        if first_block or rng.random() < 0.6:
            members = f"De leden van de {rng.choice(FACTIONS)}-fractie"
            letter.items.append(
                Statement(
                    members
                    + rng.choice(
                        (
                            " hebben met belangstelling kennisgenomen van het wetsvoorstel.",
                            " hebben kennisgenomen van het wetsvoorstel en hebben daarover nog enkele vragen.",
                            " steunen het doel van het wetsvoorstel, maar hebben zorgen over de uitvoerbaarheid.",
                            f" lezen in de memorie van toelichting dat {t.actors} een belangrijke rol krijgen.",
                        )
                    )
                )
            )
        first_block = False
        numbers = list(range(number, number + size))
        if size == 1:
            paragraphs = make_question_paragraphs(
                rng, t, number + 1, "", "", allow_follow_up=True, styles=styles, used=used
            )
        else:
            paragraphs = []
            for _ in numbers:  # distinct questions, one paragraph each
                question = question_sentence(rng, t, 2, "", "")
                while question in used:
                    question = question_sentence(rng, t, 2, "", "")
                used.add(question)
                paragraphs.append(Para([question]))
        letter.items.append(QuestionBlock(numbers, paragraphs))
        letter.items.append(AnswerBlock(numbers, "Antwoord", make_answer_paragraphs(rng, t, earlier, styles)))
        earlier += numbers
        number += size
    letter.back += [("signature", f"De minister van {t.ministry},\n\n\n{rng.choice(SIGNERS)}")]
    styles.add("signature-at-end")
    if not combined_done:
        raise AssertionError(f"nota {index} has no combined block")


HOUSE_ROLES = (
    ("De minister van {ministry}", "Minister van {ministry}"),
    ("DE MINISTER VAN {MINISTRY}", "Minister van {ministry}"),
)
"""The signature's role as printed and as read (capitals in running case, without the article)."""
REFERENCE_LABELS = (("Ons kenmerk", "Uw kenmerk"), ("Onze referentie", "Uw referentie"))


def base_letter(kind: str, index: int, name: str, rng: random.Random) -> Letter:
    """A letter of one of the later kinds, on a layout of its own (plain font, blank lines)."""
    layout = choose_layout(index, rng, "antwoorden")
    layout.kind, layout.family, layout.cover, layout.footer = kind, "unlabelled", False, "page"
    layout.separation, layout.space_after, layout.answers_indented = "blank", 0.0, False
    t = TOPICS[(index * 7 + len(kind)) % len(TOPICS)]
    member = MEMBERS[rng.randrange(len(MEMBERS))]
    letter = Letter(name, layout, t, member, f"2024Z{rng.randint(1000, 19999):05d}")
    letter.styles.update({"font-" + layout.font.lower().replace(" ", "-"), "sep-blank", "footer-page"})
    return letter


def build_house_letter(index: int) -> Letter:
    """A ministry letter in house style: the reference column on every page, a cover letter
    signed with role and name, then the questions and answers ("Vraag 3" / "Antwoord 3")."""
    rng = random.Random(f"kamerbrief-generated-huisstijl-{index}")
    letter = base_letter("antwoorden", index, f"huisstijl-{index + 1:02d}-reference-column.pdf", rng)
    layout, t, styles = letter.layout, letter.topic, letter.styles
    layout.qstyle, layout.typo, layout.family, layout.colon = "vraag-alone", "bold", "antwoord-n", False
    ours, theirs = REFERENCE_LABELS[index % len(REFERENCE_LABELS)]
    reference = f"2024-{rng.randint(10**9, 10**10 - 1):010d}"
    letter.reference_column = [
        (f"Ministerie van {t.ministry}", True), ("", False), (ours, True), (reference, False), ("", False),
        (theirs, True), (letter.kenmerk, False),
    ]  # fmt: skip
    printed_role, read_role = HOUSE_ROLES[index % len(HOUSE_ROLES)]
    signer = rng.choice(SIGNERS)
    surname, party = letter.member
    when = date(rng)
    letter.front += [
        ("address", "De Voorzitter van de Tweede Kamer\nder Staten-Generaal\nPostbus 20018\n2500 EA  DEN HAAG"),
        ("line", f"Datum {when}"),
        ("line", f"Betreft Beantwoording Kamervragen over {t.subject}"),
        ("para", "Geachte voorzitter,"),
        ("para", f"Hierbij zend ik u de antwoorden op de vragen van het lid {surname} ({party}) over {t.subject}."),
        ("para", "Hoogachtend,"),
        ("signature", printed_role.format(ministry=t.ministry, MINISTRY=t.ministry.upper()) + f",\n\n\n{signer}"),
        ("pagebreak", ""),
    ]
    styles.update({"letterhead-column", "signature-role-name", "cover-letter", "q-vraag-alone", "q-bold"})
    styles.add("a-antwoord-n")
    source, used, earlier = rng.choice(SOURCES), set[str](), list[int]()
    for number in range(1, rng.randint(4, 7) + 1):
        paragraphs = make_question_paragraphs(rng, t, number, source, when, False, styles, used)
        letter.items.append(QuestionBlock([number], paragraphs))
        answer = make_answer_paragraphs(rng, t, earlier, styles)
        letter.items.append(AnswerBlock([number], f"Antwoord {number}", answer))
        earlier.append(number)
    letter.metadata = {
        "reference": reference,
        "kenmerk": letter.kenmerk,
        "date": iso(when),
        "answered_by": f"{read_role.format(ministry=t.ministry)}, {signer}",
        "questioners": [[surname, party, "member"]],
    }
    return letter


PARAGRAPH_VARIANTS = ("justified-short-lines", "wide-line-spacing", "line-broken-by-hand")
LONG_WORD = "Rijksinformatiebeveiligingsbeleidsuitvoeringsverantwoordelijkheidsverdelingsoverzichten"
"""A word too long for the room a line broken by hand leaves: whether the line ends a paragraph
is then not to be seen (the pipeline says so: ``paragraph-unclear``)."""


def build_paragraph_letter(index: int) -> Letter:
    """An answer letter whose answers run to several paragraphs that only the page tells apart:
    justified with no space between paragraphs, so that a paragraph ends only with its short last
    line (as in an Aanhangsel); set with wide line spacing, so that the gap between two lines of
    one paragraph is wider than a line of type; or, broken on purpose, a line broken by hand after
    a sentence before a word too long for the room left, with no space between paragraphs."""
    variant = PARAGRAPH_VARIANTS[index]
    rng = random.Random(f"kamerbrief-generated-alinea-{index}")
    letter = base_letter("antwoorden", index, f"alinea-{index + 1:02d}-{variant}.pdf", rng)
    layout, t, styles = letter.layout, letter.topic, letter.styles
    layout.qstyle, layout.typo, layout.family, layout.colon = "vraag-alone", "plain", "antwoord-n", False
    layout.label_blank_after, layout.label_bold, layout.space_after = False, False, 0.0
    layout.justified = variant == "justified-short-lines"
    layout.paragraph_gap = variant == "wide-line-spacing"
    layout.line_spacing = 2.0 if variant == "wide-line-spacing" else 1.0
    styles.update({"q-vraag-alone", "q-plain", "a-antwoord-n", "a-multi-paragraph", f"paragraphs-{variant}"})
    source, used, when = rng.choice(SOURCES), set[str](), date(rng)
    for number in range(1, 4):
        paragraphs = make_question_paragraphs(rng, t, number, source, when, False, styles, used)
        letter.items.append(QuestionBlock([number], paragraphs))
        answer = [
            Para([" ".join(dict.fromkeys(answer_sentence(rng, t, n == 0 and k == 0) for k in range(3)))])
            for n in range(2 + number % 2)
        ]
        if variant == "line-broken-by-hand" and number == 2:
            first = answer[0].pieces[0]
            assert isinstance(first, str)
            answer[0] = Para([first + " ", LineBreak(), f"{LONG_WORD} worden jaarlijks bijgewerkt."])
        letter.items.append(AnswerBlock([number], f"Antwoord {number}", answer))
    return letter


COMMITTEE_QUESTIONS = (
    "De leden van de {f}-fractie vragen of de regering bereid is {measure} in te voeren.",
    "De leden van de {f}-fractie vernemen graag hoe de regering {actors} bij de uitvoering betrekt.",
    "De leden van de {f}-fractie lezen dat {actors} een grotere rol krijgen. Kan de regering toelichten "
    "welke middelen daarvoor beschikbaar zijn?",
    "Deze leden vragen tevens wanneer de evaluatie van {law} wordt verwacht, zo vragen deze leden.",
    "Voorts vragen deze leden of de regering heeft overwogen om {goal} met een wettelijke termijn. Zo ja, "
    "waarom is daar niet voor gekozen?",
    "De leden van de {f}-fractie vragen hoeveel {count} er in 2023 waren en hoe dat aantal zich sinds "
    "2020 heeft ontwikkeld.",
)


def build_italic_nota(index: int) -> Letter:
    """A nota whose questions carry no number: italic paragraphs opened by the committee ("De
    leden van de VVD-fractie vragen ...", some ending "zo vragen deze leden."), answers roman,
    bold section headings; numbered 1..N in reading order."""
    rng = random.Random(f"kamerbrief-generated-nota-cursief-{index}")
    letter = base_letter("nota", index, f"nota-cursief-{index + 1:02d}-unnumbered-italic.pdf", rng)
    layout, t, styles = letter.layout, letter.topic, letter.styles
    layout.qstyle, layout.typo, layout.family = "unnumbered", "italic", "unlabelled"
    styles.update({"nota", "nota-statements", "q-unnumbered-italic", "q-committee-opening", "signature-at-end"})
    dossier = f"36 {rng.randint(100, 499)}"
    letter.front += [
        ("heading", f"{dossier} Wijziging van {t.law} in verband met maatregelen om {t.goal}"),
        ("heading", "Nr. 6 NOTA NAAR AANLEIDING VAN HET VERSLAG"),
        (
            "para",
            "Graag dank ik de leden van de verschillende fracties voor hun inbreng. Hierna ga ik in op de vragen.",
        ),
    ]
    headings = iter(("1. Algemeen", "2. Uitvoering", "3. Financiële gevolgen"))
    order = rng.sample(range(len(COMMITTEE_QUESTIONS)), len(COMMITTEE_QUESTIONS))
    earlier: list[int] = []
    for number, which in enumerate(order[: rng.randint(4, 6)], start=1):
        if number == 1 or rng.random() < 0.3:
            heading = next(headings, None)
            if heading:
                letter.items.append(Heading(heading))
        faction = rng.choice(FACTIONS)
        text = COMMITTEE_QUESTIONS[which].format(
            f=faction, measure=t.measure, actors=t.actors, law=t.law, goal=t.goal, count=t.count
        )
        if rng.random() < 0.3:
            statement = f"De leden van de {faction}-fractie hebben kennisgenomen van het wetsvoorstel."
            letter.items.append(Statement(statement))
        letter.items.append(QuestionBlock([number], [Para([text])]))
        letter.items.append(AnswerBlock([number], "", make_answer_paragraphs(rng, t, earlier, styles)))
        earlier.append(number)
    signer = rng.choice(SIGNERS)
    letter.back += [("signature", f"De minister van {t.ministry},\n\n\n{signer}")]
    letter.metadata = {"answered_by": f"Minister van {t.ministry}, {signer}"}
    return letter


def build_table_list(index: int) -> Letter:
    """A committee's list of feitelijke vragen laid out as a table: Nr | Vraag | Blz. (van) | (tot),
    each answer in a row of its own below its question, no label, the same type; the number and
    page cells aligned at the top of the row or at its foot (where they glue onto the question's
    last line); the header row repeated on every page."""
    rng = random.Random(f"kamerbrief-generated-lijst-{index}")
    align = ("top", "bottom")[index % 2]
    letter = base_letter("antwoorden", index, f"lijst-{index + 1:02d}-table-pages-{align}.pdf", rng)
    letter.layout.qstyle, letter.layout.typo, letter.table = "table", "plain", align
    t, styles = letter.topic, letter.styles
    styles.update({"table-list", f"table-pages-{align}", "a-unlabelled", "q-plain"})
    letter.front += [
        ("heading", f"Lijst van vragen en antwoorden over het jaarverslag {t.ministry} 2023"),
    ]
    source, when, used, earlier = rng.choice(SOURCES), date(rng), set[str](), list[int]()
    for number in range(1, rng.randint(10, 14) + 1):
        paragraphs = make_question_paragraphs(rng, t, number + 1, source, when, False, styles, used)
        letter.items.append(QuestionBlock([number], paragraphs))
        answer = [Para([" ".join(answer_sentence(rng, t, False) for _ in range(rng.randint(1, 3)))])]
        letter.items.append(AnswerBlock([number], "", answer))
        earlier.append(number)
    return letter


NOTE_VARIANTS = (
    "endnotes-paren",
    "endnotes-bracket",
    "note-after-question",
    "word-endnotes",
    "note-as-footnote",
    "note-after-rule",
    "note-unlabelled-answer",
)
"""The forms of the questions' own notes and of endnotes, one letter each (see build_notes_letter)."""
HEADLINES = (
    "Kabinet onder druk over {subject}",
    "Kritiek op aanpak van {subject} neemt toe",
    "Onderzoek naar {subject} blijft uit",
    "Experts waarschuwen voor gevolgen van {subject}",
)


def citation(rng: random.Random, t: Topic, number: int) -> str:
    """A note's text as the Kamer prints it: a source, a date, the title (the first note cites the
    article of question 1) and a URL; or earlier questions."""
    source, when = rng.choice(SOURCES), date(rng)
    title = t.title if number == 1 else rng.choice(HEADLINES).format(subject=t.subject)
    slug = "-".join(title.lower().split()[:6])
    if number > 1 and rng.random() < 0.3:
        surname, party = rng.choice(MEMBERS)
        return f"Vragen van het lid {surname} ({party}) over {t.subject} (ingezonden {date(rng, 2023)})."
    return f"{source}, {when}, ‘{title}’ (https://nos.nl/artikel/{rng.randint(2400000, 2599999)}-{slug})."


def build_notes_letter(index: int) -> Letter:
    """A letter whose questions cite their sources in notes of their own, in one of the forms
    ministries print them (NOTE_VARIANTS): "1)" references with the notes listed after the last
    answer; "[1]" glued to the question mark, the notes in smaller type after the answers; a note
    printed right after its question, also below a typed rule; Word endnotes (raised numbers, the
    list at the document's end); the Kamer's "1)" kept in the question while its text became a Word
    footnote whose raised number stands after another question. Most also have Word footnotes in
    their answers (two systems in one letter), and some a document code in the footer of every page."""
    rng = random.Random(f"kamerbrief-generated-noten-{index}")
    variant = NOTE_VARIANTS[index % len(NOTE_VARIANTS)]
    letter = base_letter("antwoorden", index, f"noten-{index + 1:02d}-{variant}.pdf", rng)
    layout, t, styles = letter.layout, letter.topic, letter.styles
    layout.qstyle = ("vraag-alone", "number-dot", "vraag-inline")[index % 3]
    layout.family = ("antwoord-n", "antwoord-op-vraag-n", "antwoord-colon")[index % 3]
    layout.typo, layout.colon = ("bold", "plain", "italic")[index % 3], False
    if variant == "note-unlabelled-answer":
        # The note after its question, the answer after it with no label: bold questions, roman answers.
        layout.qstyle, layout.family, layout.typo = "number-dot", "unlabelled", "bold"
    styles.update(
        {f"q-{layout.qstyle}", f"q-{layout.typo}", f"a-{layout.family}", "question-notes", f"notes-{variant}"}
    )
    surname, party = letter.member
    letter.front += [
        (
            "heading",
            f"Antwoorden van de minister van {t.ministry} op vragen van het lid {surname} ({party}) "
            f"over {t.subject} (ingezonden {date(rng)}).",
        ),
    ]
    count = rng.randint(4, 7)
    cited = sorted({1, *rng.sample(range(2, count + 1), rng.choice((1, 2)))})
    notes: list[NoteBlock] = []
    used: set[str] = set()
    earlier: list[int] = []
    bracket = variant == "endnotes-bracket"
    for number in range(1, count + 1):
        paragraphs = make_question_paragraphs(rng, t, number + (number == 1), "", "", False, styles, used)
        if number in cited:
            label = str(len(notes) + 1)
            text = citation(rng, t, int(label))
            reference = f"[{label}]" if bracket else f"{label})"
            if number == 1:
                sentence = f"Bent u bekend met het bericht ‘{t.title}’"
                if variant == "note-as-footnote":
                    paragraphs = [Para([f"{sentence} {reference}, waarin staat dat {t.count} sterk zijn gestegen?"])]
                else:
                    paragraphs = [Para([f"{sentence}?{reference}" if bracket else f"{sentence}? {reference}"])]
            else:
                head = paragraphs[0].pieces[0]
                assert isinstance(head, str)
                paragraphs[0].pieces[0] = head + (reference if bracket else f" {reference}")
            as_footnote = variant == "note-as-footnote" and label == "1"
            notes.append(NoteBlock(label, text, f"{reference} ", f"question {number}", as_footnote))
        letter.items.append(QuestionBlock([number], paragraphs))
        after = variant in ("note-after-question", "note-after-rule", "note-unlabelled-answer")
        if after and notes and notes[-1].where == f"question {number}":
            if variant == "note-after-rule":
                letter.items.append(Rule())
            letter.items.append(notes[-1])
        label = answer_label(layout, [number], styles)
        answer = AnswerBlock([number], label, make_answer_paragraphs(rng, t, earlier, styles))
        letter.items.append(answer)
        earlier.append(number)
    questions = [item for item in letter.items if isinstance(item, QuestionBlock)]
    answers = [item for item in letter.items if isinstance(item, AnswerBlock)]
    if variant in ("endnotes-paren", "endnotes-bracket", "note-as-footnote"):
        letter.items.extend(note for note in notes if not note.footnote)
    if variant == "word-endnotes":
        # Word's own endnotes: raised numbers in the questions and an answer, the list at the end.
        for note in notes:
            number = int(note.where.split()[1])
            para = questions[number - 1].paragraphs[0]
            head = para.pieces[0]
            assert isinstance(head, str)
            printed = note.printed.strip()
            para.pieces[0:1] = [head[: head.rindex(printed)].rstrip(), EndnoteRef(note.text, where=note.where)]
        answer = rng.choice(answers[1:])
        answer.paragraphs[-1].pieces.append(EndnoteRef(citation(rng, t, 9), where=f"answer {answer.questions}"))
        notes = []
    if variant == "note-as-footnote":
        # The note's text as a Word footnote, its raised number after the last question of the first page.
        later = questions[min(len(questions) - 1, rng.randint(2, 3))]
        add_footnote(later.paragraphs[-1], notes[0].text, f"question {later.numbers[0]}", before_break=False)
    if variant != "word-endnotes":
        # Footnotes of the page in the answers: a second system beside the questions' notes.
        for a in rng.sample(answers, min(len(answers), rng.randint(1, 2))):
            text = footnote_text(rng, t, "NOS", date(rng))
            while t.title in text:  # a second footnote naming question 1's article would leave its note unsure
                text = footnote_text(rng, t, "NOS", date(rng))
            add_footnote(rng.choice(a.paragraphs), text, f"answer {a.questions}", before_break=False)
        styles.add("two-note-systems")
    if variant in ("endnotes-bracket", "note-after-rule"):
        # (Not with Word endnotes: LibreOffice prints their page without the footer.)
        letter.footer_text = f"DOC-{rng.randint(1000, 9999)}.NAV"
        letter.metadata = {"reference": letter.footer_text}
        styles.add("footer-document-code")
    letter.notes = notes
    return letter


# --- Expected structure ----------------------------------------------------------------------


def number_footnotes(letter: Letter) -> list[dict[str, object]]:
    """Number the footnotes in document order (as Word does) and list them; then the endnotes, which
    Word numbers apart (a letter has one kind or the other) and the PDF lists at the end."""
    found: list[dict[str, object]] = []
    endnotes: list[dict[str, object]] = []
    for item in letter.items:
        paragraphs = item.paragraphs if isinstance(item, (QuestionBlock, AnswerBlock)) else []
        for para in paragraphs:
            for piece in para.pieces:
                if isinstance(piece, FootnoteRef):
                    piece.number = len(found) + 1
                    found.append({"number": piece.number, "text": piece.text, "in": piece.where})
                elif isinstance(piece, EndnoteRef):
                    piece.number = len(endnotes) + 1
                    endnotes.append({"number": piece.number, "text": piece.text, "in": piece.where})
    return found + endnotes


def listed_notes(letter: Letter) -> list[dict[str, object]]:
    """The questions' notes: label, text and the question that refers to it; for a note whose text
    is printed as a footnote, that footnote's number instead of the text."""
    footnotes = {str(entry["text"]): entry["number"] for entry in number_footnotes(letter)}
    return [
        {"label": note.label, "in": note.where, "footnote": footnotes[note.text]}
        if note.footnote
        else {"label": note.label, "in": note.where, "text": note.text}
        for note in letter.notes
    ]


def expected(letter: Letter) -> dict[str, object]:
    questions = []
    answers = []
    statements = []
    for item in letter.items:
        if isinstance(item, QuestionBlock):
            if len(item.numbers) > 1:
                for number, para in zip(item.numbers, item.paragraphs, strict=True):
                    questions.append({"number": number, "text": para.text(), "label": and_list(item.numbers)})
            else:
                text = " ".join(p.text() for p in item.paragraphs)
                questions.append({"number": item.numbers[0], "text": text})
                if letter.layout.qstyle == "unnumbered":
                    questions[-1]["number_printed"] = False
        elif isinstance(item, AnswerBlock):
            answers.append(
                {"questions": item.questions, "label": item.label, "paragraphs": [p.text() for p in item.paragraphs]}
            )
        elif isinstance(item, Statement):
            statements.append(item.text)
    entry: dict[str, object] = {
        "kind": "nota" if letter.layout.kind == "nota" else "antwoorden",
        "styles": sorted(letter.styles),
        "questions": questions,
        "answers": answers,
        "footnotes": number_footnotes(letter),
    }
    if statements:
        entry["statements"] = statements
    if letter.notes:
        entry["notes"] = listed_notes(letter)
    if letter.metadata:
        entry["metadata"] = letter.metadata
    layout = letter.layout
    entry["layout"] = {
        "font": layout.font,
        "size": layout.size,
        "margins_mm": list(layout.margins),
        "separation": layout.separation,
        "space_after_pt": layout.space_after,
    }
    return entry


# --- Word rendering --------------------------------------------------------------------------


class Renderer:
    def __init__(self, letter: Letter) -> None:
        self.letter = letter
        self.layout = letter.layout
        self.doc = new_docx()
        self.footnotes: list[FootnoteRef] = []
        self.endnotes: list[EndnoteRef] = []
        self.setup()

    def setup(self) -> None:
        layout = self.layout
        props = self.doc.core_properties
        import datetime as _dt

        fixed = _dt.datetime(2024, 1, 1, 12, 0, 0)
        props.created = props.modified = props.last_printed = fixed
        props.author = props.last_modified_by = "kamerbrief tests"
        props.revision = 1
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        left, right, top, bottom = layout.margins
        section.left_margin, section.right_margin = Mm(left), Mm(right)
        section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
        section.header_distance = section.footer_distance = Mm(10)
        normal = self.doc.styles["Normal"]
        normal.font.name = layout.font
        normal.font.size = Pt(layout.size)
        rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(attribute), layout.font)
        fmt = normal.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(layout.space_after)
        fmt.line_spacing = layout.line_spacing
        fmt.widow_control = True
        if self.letter.reference_column:
            self.reference_column(section)
        # No header or footer unless asked for.
        header = self.letter.header
        if header:
            paragraph = section.header.paragraphs[0]
            run = paragraph.add_run(header)
            run.font.size = Pt(max(8.0, layout.size - 2))
        if self.letter.footer_text:
            paragraph = section.footer.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self.add_text_run(paragraph, self.letter.footer_text)
            if layout.footer != "none":
                section.footer.add_paragraph()
        if layout.footer != "none":
            paragraph = section.footer.paragraphs[-1]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if layout.footer == "page" else WD_ALIGN_PARAGRAPH.RIGHT
            if layout.footer == "pagina-van":
                self.add_text_run(paragraph, "Pagina ")
                self.add_field(paragraph, "PAGE")
                self.add_text_run(paragraph, " van ")
                self.add_field(paragraph, "NUMPAGES")
            else:
                self.add_field(paragraph, "PAGE")

    def reference_column(self, section) -> None:  # type: ignore[no-untyped-def]
        """The ministry's column right of the text on every page: header paragraphs indented into
        the right margin (LibreOffice ignores Word's frames in a header)."""
        section.right_margin = Mm(60)
        section.header_distance = Mm(40)
        first = section.header.paragraphs[0]
        for index, (text, bold) in enumerate(self.letter.reference_column):
            paragraph = first if index == 0 else section.header.add_paragraph()
            fmt = paragraph.paragraph_format
            fmt.left_indent, fmt.right_indent, fmt.space_after = Mm(125), Mm(-50), Pt(0)
            run = paragraph.add_run(text)
            run.bold = bold or None
            run.font.size = Pt(7.5)

    def add_text_run(self, paragraph, text: str) -> None:  # type: ignore[no-untyped-def]
        run = paragraph.add_run(text)
        run.font.size = Pt(max(8.0, self.layout.size - 2))

    def add_field(self, paragraph, instruction: str) -> None:  # type: ignore[no-untyped-def]
        size = int(max(8.0, self.layout.size - 2) * 2)
        paragraph._p.append(
            parse_xml(
                f'<w:fldSimple xmlns:w="{W}" w:instr=" {instruction} "><w:r><w:rPr><w:sz w:val="{size}"/></w:rPr>'
                f"<w:t>1</w:t></w:r></w:fldSimple>"
            )
        )

    # Paragraph helpers.

    def paragraph(self, *, indent: float = 0.0, hanging: float = 0.0, space_after: float | None = None):  # type: ignore[no-untyped-def]
        paragraph = self.doc.add_paragraph()
        fmt = paragraph.paragraph_format
        if indent:
            fmt.left_indent = Mm(indent)
        if hanging:
            fmt.first_line_indent = Mm(-hanging)
            fmt.tab_stops.add_tab_stop(Mm(indent))
        if space_after is not None:
            fmt.space_after = Pt(space_after)
        if self.layout.justified:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        return paragraph

    def blank(self) -> None:
        if self.layout.separation == "blank":
            self.doc.add_paragraph()

    def runs(self, paragraph, pieces: list[Piece], bold: bool = False, italic: bool = False) -> None:  # type: ignore[no-untyped-def]
        for piece in pieces:
            if isinstance(piece, str):
                if piece:
                    run = paragraph.add_run(piece)
                    run.bold, run.italic = bold or None, italic or None
            elif isinstance(piece, PageBreak):
                paragraph.add_run().add_break(WD_BREAK.PAGE)
            elif isinstance(piece, LineBreak):
                paragraph.add_run().add_break(WD_BREAK.LINE)
            elif isinstance(piece, EndnoteRef):
                self.endnotes.append(piece)
                run = paragraph.add_run()
                run.font.superscript = True
                run._r.append(parse_xml(f'<w:endnoteReference xmlns:w="{W}" w:id="{piece.number}"/>'))
            else:
                self.footnotes.append(piece)
                run = paragraph.add_run()
                run.font.superscript = True
                run._r.append(parse_xml(f'<w:footnoteReference xmlns:w="{W}" w:id="{piece.number}"/>'))

    def front_matter(self, lines: list[tuple[str, str]]) -> None:
        for kind, text in lines:
            if kind == "pagebreak":
                self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                continue
            paragraph = self.paragraph(space_after=0 if kind in ("address", "line", "signature") else None)
            for index, line in enumerate(text.split("\n")):
                run = paragraph.add_run(line)
                if kind == "heading":
                    run.bold = True
                    run.font.size = Pt(self.layout.size + 1)
                if index < text.count("\n"):
                    run.add_break()
            if kind in ("address", "para", "heading", "signature") or (
                kind == "line" and text.startswith(("(", "Ontvangen"))
            ):
                self.blank()
                if self.layout.separation == "spacing" and kind in ("address", "signature"):
                    paragraph.paragraph_format.space_after = Pt(12)

    # Blocks.

    def question(self, block: QuestionBlock) -> None:
        layout = self.layout
        bold, italic = layout.typo == "bold", layout.typo == "italic"
        number = and_list(block.numbers) if len(block.numbers) > 1 else str(block.numbers[0])
        margin = 12.0 if len(block.numbers) == 1 else 22.0
        style = layout.qstyle
        paragraphs = block.paragraphs
        first = paragraphs[0]
        if style == "vraag-alone":
            label = self.paragraph(space_after=0 if rng_flag(self.letter, block, "tight") else None)
            self.runs(label, [f"Vraag {number}"], bold=bold or layout.label_bold, italic=italic)
            if layout.separation == "blank" and rng_flag(self.letter, block, "blank-after-vraag"):
                self.blank()
            rest = paragraphs
        elif style == "vraag-inline":
            p = self.paragraph(space_after=None)
            self.runs(p, [f"Vraag {number}: ", *first.pieces], bold=bold, italic=italic)
            rest = paragraphs[1:]
            if rest:
                self.blank()
        elif style == "number-dot":
            p = self.paragraph()
            self.runs(p, [f"{number}. ", *first.pieces], bold=bold, italic=italic)
            rest = paragraphs[1:]
            if rest:
                self.blank()
        elif style == "unnumbered":
            p = self.paragraph()
            self.runs(p, first.pieces, bold=bold, italic=italic)
            rest = paragraphs[1:]
            if rest:
                self.blank()
        elif style in ("bare-number", "bare-number-blank"):
            p = self.paragraph(space_after=0 if style == "bare-number" else None)
            self.runs(p, [number], bold=bold, italic=italic)
            if style == "bare-number-blank":
                self.doc.add_paragraph()
            rest = paragraphs
        else:  # margin-tab
            p = self.paragraph(indent=margin, hanging=margin)
            self.runs(p, [f"{number}\t", *first.pieces], bold=bold, italic=italic)
            rest = paragraphs[1:]
            if rest:
                self.blank()
        for index, para in enumerate(rest):
            indent = margin if style == "margin-tab" else 0.0
            p = self.paragraph(indent=indent)
            if para.break_before:
                p.paragraph_format.page_break_before = True
            self.runs(p, para.pieces, bold=bold, italic=italic)
            if index < len(rest) - 1:
                self.blank()
        self.blank()

    def answer(self, block: AnswerBlock) -> None:
        layout = self.layout
        indent = 12.0 if layout.answers_indented else 0.0
        paragraphs = list(block.paragraphs)
        if block.label:
            # A label alone on its line sits close to its text unless a gap is asked for; a label
            # with the first paragraph on its line is spaced like any paragraph.
            tight = not layout.label_blank_after and not block.inline
            p = self.paragraph(indent=indent, space_after=0 if tight else None)
            if block.break_before:
                p.paragraph_format.page_break_before = True
            self.runs(p, [block.label], bold=layout.label_bold)
            if block.inline:
                first = paragraphs.pop(0)
                self.runs(p, [" ", *first.pieces])
                if paragraphs:
                    self.blank()
            elif layout.label_blank_after:
                self.blank()
        for index, para in enumerate(paragraphs):
            p = self.paragraph(indent=indent)
            if para.break_before or (index == 0 and block.break_before and not block.label):
                p.paragraph_format.page_break_before = True
            self.runs(p, para.pieces)
            if index < len(paragraphs) - 1 and layout.paragraph_gap:
                self.blank()
        self.blank()

    def note(self, item: NoteBlock) -> None:
        """A note of the questions: in the letter's type after a question, smaller after the answers."""
        p = self.paragraph()
        run = p.add_run(item.printed + item.text)
        if "endnotes-bracket" in self.letter.name:
            run.font.size = Pt(max(7.0, self.layout.size - 2))
        self.blank()

    def statement(self, item: Statement) -> None:
        p = self.paragraph()
        self.runs(p, [item.text], bold=False, italic=self.layout.typo == "italic")
        self.blank()

    def heading(self, item: Heading) -> None:
        p = self.paragraph()
        run = p.add_run(item.text)
        run.bold = True
        self.blank()

    def render(self) -> None:
        number_footnotes(self.letter)
        self.front_matter(self.letter.front)
        if self.letter.table:
            self.table_list()
        for item in [] if self.letter.table else self.letter.items:
            if isinstance(item, QuestionBlock):
                self.question(item)
            elif isinstance(item, AnswerBlock):
                self.answer(item)
            elif isinstance(item, Statement):
                self.statement(item)
            elif isinstance(item, Heading):
                self.heading(item)
            elif isinstance(item, NoteBlock):
                self.note(item)
            elif isinstance(item, Rule):
                self.doc.add_paragraph().add_run("_" * 40)
        self.front_matter(self.letter.back)
        if self.footnotes:
            self.add_footnotes_part()
        if self.endnotes:
            self.add_notes_part("endnote", self.endnotes)

    def table_list(self) -> None:
        """Nr | Vraag | Blz. (van) | (tot); each answer in a row of its own, its text in the cells
        right of the number; the header row repeated on every page."""
        widths = (Mm(12), Mm(118), Mm(16), Mm(14))
        table = self.doc.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        header = table.rows[0]
        header._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader xmlns:w="{W}"/>'))
        for cell, text in zip(header.cells, ("Nr", "Vraag", "Blz. (van)", "(tot)"), strict=True):
            cell.text = text
        bottom = WD_ALIGN_VERTICAL.BOTTOM if self.letter.table == "bottom" else WD_ALIGN_VERTICAL.TOP
        rng = random.Random(f"{self.letter.name}-pages")
        for item in self.letter.items:
            row = table.add_row()
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
            if isinstance(item, QuestionBlock):
                page = rng.randint(3, 60)
                texts = (str(item.numbers[0]), " ".join(p.text() for p in item.paragraphs), str(page), str(page + 1))
                for cell, text in zip(row.cells, texts, strict=True):
                    cell.text = text
                for cell in (row.cells[0], row.cells[2], row.cells[3]):
                    cell.vertical_alignment = bottom
            elif isinstance(item, AnswerBlock):
                merged = row.cells[1].merge(row.cells[3])
                merged.text = "\n".join(p.text() for p in item.paragraphs)

    def add_footnotes_part(self) -> None:
        self.add_notes_part("footnote", self.footnotes)

    def add_notes_part(self, kind: str, pieces: list[FootnoteRef] | list[EndnoteRef]) -> None:
        """Word's footnotes or endnotes part (``kind``), in the note type two points smaller; endnotes
        numbered 1, 2, 3 (Word's default is i, ii, iii)."""
        size = int(max(7.0, self.layout.size - 2) * 2)
        notes = []
        for note in pieces:
            text = note.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            notes.append(
                f'<w:{kind} w:id="{note.number}"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
                f'<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="{size}"/></w:rPr><w:{kind}Ref/></w:r>'
                f'<w:r><w:rPr><w:sz w:val="{size}"/></w:rPr><w:t xml:space="preserve"> {text}</w:t></w:r>'
                f"</w:p></w:{kind}>"
            )
        xml = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{kind}s xmlns:w="{W}">'
            f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
            f"<w:r><w:separator/></w:r></w:p></w:{kind}>"
            f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
            f"<w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>" + "".join(notes) + f"</w:{kind}s>"
        )
        part = Part(
            PackURI(f"/word/{kind}s.xml"),
            f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml",
            xml.encode("utf-8"),
            self.doc.part.package,
        )
        self.doc.part.relate_to(part, RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES)
        if kind == "endnote":
            properties = f'<w:endnotePr xmlns:w="{W}"><w:numFmt w:val="decimal"/></w:endnotePr>'
            self.doc.sections[0]._sectPr.append(parse_xml(properties))


def rng_flag(letter: Letter, block: QuestionBlock, what: str) -> bool:
    """A stable coin flip per block, so rendering needs no shared random state."""
    return random.Random(f"{letter.name}-{block.numbers}-{what}").random() < 0.5


# --- Conversion ------------------------------------------------------------------------------


def letters() -> Iterator[Letter]:
    for index in range(ANSWER_LETTERS):
        yield build_letter(index, "antwoorden")
    for index in range(NOTA_LETTERS):
        yield build_letter(index, "nota")
    for index in range(HOUSE_LETTERS):
        yield build_house_letter(index)
    for index in range(ITALIC_NOTAS):
        yield build_italic_nota(index)
    for index in range(TABLE_LISTS):
        yield build_table_list(index)
    for index in range(len(NOTE_VARIANTS)):
        yield build_notes_letter(index)
    for index in range(len(PARAGRAPH_VARIANTS)):
        yield build_paragraph_letter(index)


def stabilise_pdf(path: Path) -> None:
    """Fix LibreOffice's creation date, document ID and checksum (same lengths: offsets stay valid)."""
    data = path.read_bytes()

    def fixed_date(match: re.Match[bytes]) -> bytes:
        value = match.group(1)
        return b"/CreationDate(" + b"D:20240101120000Z'"[: len(value)].ljust(len(value), b"0") + b")"

    data = re.sub(rb"/CreationDate\(([^)]*)\)", fixed_date, data)
    import hashlib

    digest = hashlib.md5(path.name.encode()).hexdigest().upper().encode()
    data = re.sub(rb"<[0-9A-F]{32}>", b"<" + digest + b">", data)
    data = re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /" + digest, data)
    path.write_bytes(data)


def convert(docx_dir: Path, pdf_dir: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("soffice not found: apt-get install -y libreoffice-writer-nogui fonts-liberation2 fonts-dejavu-core")
    with tempfile.TemporaryDirectory() as profile:
        files = sorted(str(p) for p in docx_dir.glob("*.docx"))
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf:writer_pdf_Export",
                "--outdir",
                str(pdf_dir),
                *files,
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--keep-docx", type=Path, help="also keep the Word files in this folder")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.pdf"):
        old.unlink()
    all_expected: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as work:
        docx_dir = Path(work) / "docx"
        docx_dir.mkdir()
        for letter in letters():
            renderer = Renderer(letter)
            renderer.render()
            renderer.doc.save(str(docx_dir / letter.name.replace(".pdf", ".docx")))
            all_expected[letter.name] = expected(letter)
        convert(docx_dir, out)
        if args.keep_docx:
            args.keep_docx.mkdir(parents=True, exist_ok=True)
            for path in docx_dir.glob("*.docx"):
                shutil.copy(path, args.keep_docx / path.name)
    for name in all_expected:
        pdf = out / name
        if not pdf.exists():
            sys.exit(f"LibreOffice did not write {pdf}")
        stabilise_pdf(pdf)
    (out / "expected.json").write_text(json.dumps(all_expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    styles = sorted({s for entry in all_expected.values() for s in entry["styles"]})  # type: ignore[index]
    size = sum(p.stat().st_size for p in out.glob("*.pdf"))
    print(f"{len(all_expected)} letters, {size / 1e6:.2f} MB of PDF, {len(styles)} style tags:")
    print(" ".join(styles))


if __name__ == "__main__":
    main()

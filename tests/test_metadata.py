"""Metadata: kenmerk, dates, questioners, ministers and signatories."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from pipeline.askers import looks_like_member, parse_fracties, parse_questioners
from pipeline.dates import iso_date
from pipeline.extract import read_text
from pipeline.letterhead import Field, letterhead_fields
from pipeline.metadata import parse_on_behalf_of
from pipeline.model import Box, Document, Questioner, RawLine, Signatory
from pipeline.run import build_document


def test_seed_metadata(seed_document: Document) -> None:
    metadata = seed_document.metadata
    assert metadata.kenmerk == "2023Z00475"
    assert metadata.submitted == "2023-01-18"
    assert metadata.questioners == (Questioner("Dekker-Abdulaziz", "D66"), Questioner("Van Meenen", "D66"))
    assert metadata.subject == "de ontwikkelingen op het gebied van kunstmatige intelligentie"
    assert metadata.on_behalf_of == (
        "de minister van Sociale Zaken en Werkgelegenheid",
        "de minister voor Primair en Voortgezet Onderwijs",
        "de minister van Onderwijs, Cultuur en Wetenschap",
    )
    assert metadata.signatories == (
        Signatory(
            "De staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties, Digitalisering en Koninkrijksrelaties",
            "Alexandra C. van Huffelen",
        ),
        Signatory("De minister van Economische Zaken en Klimaat", "Micky Adriaansens"),
    )


def test_dates() -> None:
    assert iso_date("ontvangen 7 juni 2024") == "2024-06-07"
    assert iso_date("geen datum") == ""


def test_questioners_of_several_parties() -> None:
    assert parse_questioners("Vragen van de leden Temmink en Van Nispen (SP) en Bikker (ChristenUnie) aan de") == (
        Questioner("Temmink", "SP"), Questioner("Van Nispen", "SP"), Questioner("Bikker", "ChristenUnie"),
    )  # fmt: skip
    assert parse_questioners("Vragen van het lid Eerdmans (JA21) over") == (Questioner("Eerdmans", "JA21"),)


def test_on_behalf_of_in_an_aanhangsel_header() -> None:
    assert parse_on_behalf_of(
        "Antwoord van Staatssecretaris Heijnen (Infrastructuur en Waterstaat), mede namens de Minister van "
        "Infrastructuur en Waterstaat (ontvangen 17 mei 2024)."
    ) == ("de Minister van Infrastructuur en Waterstaat",)


def test_letterhead_fields() -> None:
    lines = [RawLine(text, 1, n) for n, text in enumerate(
        ["Datum 22 februari 2023", "Betreft Beantwoording Kamervragen over", "kunstmatige intelligentie",
         "Kenmerk", "2023-0000101234"], start=1)]  # fmt: skip
    assert {name: field.value for name, field in letterhead_fields(lines).items()} == {
        "Datum": "22 februari 2023",
        "Betreft": "Beantwoording Kamervragen over kunstmatige intelligentie",
        "Kenmerk": "2023-0000101234",
    }


def line(text: str, x0: float, top: float, page: int = 1) -> RawLine:
    return RawLine(text, page, 0, "reference", box=Box(x0, top, x0 + 5.5 * len(text), top + 9))


def test_overlapping_letterhead_fields_go_by_column() -> None:
    # jenv-04, page 1: Word's letterhead fields overlap; "Ons kenmerk" in the right column is read
    # before the last line of the subject in the left one, and a later page repeats "Datum".
    lines = [
        line("Datum", 80, 297), line("24 maart 2024", 135, 297),
        line("Onderwerp Beantwoording Kamervragen over het", 80, 308),
        line("bericht dat een ME'er zijn taak niet wilde uitvoeren", 135, 320),
        line("Ons kenmerk", 468, 330), line("vanwege zijn religie", 135, 332), line("5303168", 468, 339),
        line("Bij beantwoording de datum", 468, 353),
        line("Datum", 468, 188, page=2), line("11 april 2024", 468, 197, page=2),
    ]  # fmt: skip
    fields = letterhead_fields(lines)
    assert fields["Ons kenmerk"].value == "5303168"
    assert fields["Betreft"].value == (
        "Beantwoording Kamervragen over het bericht dat een ME'er zijn taak niet wilde uitvoeren vanwege zijn religie"
    )
    assert fields["Datum"] == Field("24 maart 2024", 1, "Datum")


def test_members_and_parties_are_checked() -> None:
    assert looks_like_member(Questioner("Inge vanDijk", "CDA"))
    assert looks_like_member(Questioner("Van Haga", "Groep Van Haga"))
    assert not looks_like_member(Questioner("Kuiken spoedig te beantwoorden", "is intussen op 2 april ontvangen"))


def letter(*paragraphs: str) -> Document:
    return build_document(read_text("\n\n".join(paragraphs), "brief.txt"))


def test_questioners_only_from_the_header_never_from_running_text() -> None:
    document = letter(
        "Geachte voorzitter,",
        "Met deze brief informeer ik uw Kamer over water en bodem.",
        *["Dit is een alinea over het beleid."] * 10,
        "Zoals gevraagd in de schriftelijke vragen van het lid Grinwis (ChristenUnie) ga ik hierop in.",
        "Hoogachtend,",
    )
    assert document.kind == "kamerbrief"
    assert document.metadata.questioners == ()


def test_every_field_says_where_it_was_read(seed_document: Document) -> None:
    evidence = {item.field: item for item in seed_document.metadata.evidence}
    assert set(evidence) >= {"kenmerk", "submitted", "questioners", "subject", "on_behalf_of", "signatories"}
    assert evidence["kenmerk"].source == "cover-letter" and evidence["kenmerk"].page == 1
    assert "2023Z00475" in evidence["kenmerk"].text
    assert evidence["signatories"].source == "signature"


def test_a_questioner_that_cannot_be_read_is_left_out_with_a_warning() -> None:
    document = letter(
        "Vragen van het lid Jansen (VVD) en het lid over de gevolgen (zowel boven- als ondergronds) "
        "aan de minister over water (ingezonden 3 maart 2024).",
        "Vraag 1",
        "Klopt het?",
        "Antwoord 1",
        "Ja.",
    )
    assert document.metadata.questioners == (Questioner("Jansen", "VVD"),)
    assert [w.code for w in document.warnings if w.code == "metadata-unclear"] == ["metadata-unclear"]


def test_the_answerer_stops_before_mede_namens() -> None:
    document = letter(
        "Vragen van het lid Van Nispen (SP) aan de minister over vuurwerk (ingezonden 29 maart 2024).",
        "Antwoord van Staatssecretaris Heijnen (Infrastructuur en Waterstaat), mede namens de Minister van "
        "Justitie en Veiligheid (ontvangen 17 mei 2024).",
        "Vraag 1",
        "Klopt het?",
        "Antwoord 1",
        "Ja.",
    )
    assert document.metadata.answered_by == "Staatssecretaris Heijnen (Infrastructuur en Waterstaat)"
    assert document.metadata.on_behalf_of == ("de Minister van Justitie en Veiligheid",)


def test_a_label_centred_beside_its_value_still_labels_it() -> None:
    # SZW 2023, page 1: "Betreft" stands a point below the first of the subject's three lines.
    lines = [
        line("Datum", 85, 299), line("9 mei 2023", 141, 299),
        line("Kamervragen over het bericht ‘Kwaliteit kinderopvang", 141, 310), line("Betreft", 85, 311),
        line("Caribisch Nederland moet omhoog, zegt", 141, 321), line("Onderwijsinspectie’", 141, 332),
    ]  # fmt: skip
    fields = letterhead_fields(lines)
    assert fields["Betreft"].value == (
        "Kamervragen over het bericht ‘Kwaliteit kinderopvang Caribisch Nederland moet omhoog, zegt Onderwijsinspectie’"
    )
    assert fields["Datum"].value == "9 mei 2023"


def test_the_date_of_the_letter_answered_is_not_the_letters_own() -> None:
    # VWS 2023, page 1: "Datum document 08 maart 2023" in the column beside "Datum 13 april 2023".
    lines = [
        line("Ons kenmerk", 468, 228), line("3548795-1044795-DICIO", 468, 238),
        line("Datum document", 468, 274), line("Datum 13 april 2023", 79, 277), line("08 maart 2023", 468, 284),
        line("Onze Referentie", 468, 300), line("Uw Referentie", 468, 330), line("2023Z03984", 468, 339),
    ]  # fmt: skip
    fields = {name: field.value for name, field in letterhead_fields(lines).items()}
    assert fields["Datum"] == "13 april 2023" and fields["Datum document"] == "08 maart 2023"
    assert fields["Ons kenmerk"] == "3548795-1044795-DICIO" and fields["Uw referentie"] == "2023Z03984"
    assert "Onze referentie" not in fields


def test_a_committee_that_asked_is_the_questioner() -> None:
    document = letter(
        "Geachte voorzitter,",
        "Hierbij ontvangt u de antwoorden op de feitelijke vragen van de vaste commissie voor Justitie en "
        "Veiligheid over het jaarverslag.",
        "Vraag 1",
        "Klopt het?",
        "Antwoord 1",
        "Ja.",
        "De minister van Justitie en Veiligheid,",
        "D. Jansen",
    )
    assert document.metadata.questioners == (
        Questioner("vaste commissie voor Justitie en Veiligheid", "", "committee"),
    )
    assert document.metadata.answered_by == "Minister van Justitie en Veiligheid, D. Jansen"
    evidence = {item.field: item for item in document.metadata.evidence}
    assert evidence["answered_by"].source == "signature"


def test_members_named_without_their_party_take_it_from_a_later_mention() -> None:
    document = letter(
        "Geachte voorzitter,",
        "Hierbij bied ik u de antwoorden aan op de vragen gesteld door lid De Vries over het water. "
        "Deze vragen werden ingezonden op 11 maart 2015.",
        "Antwoorden op vragen van lid De Vries (D66) over het water.",
        "Vraag 1",
        "Klopt het?",
        "Antwoord 1",
        "Ja.",
    )
    assert document.metadata.questioners == (Questioner("De Vries", "D66"),)
    assert document.metadata.submitted == "2015-03-11"


def test_a_letter_dated_before_its_questions_were_sent_in_says_so() -> None:
    document = letter(
        "Vragen van het lid Jansen (VVD) aan de minister over water (ingezonden 3 maart 2024).",
        "Antwoord van minister De Boer (Infrastructuur en Waterstaat) (ontvangen 1 maart 2024).",
        "Vraag 1",
        "Klopt het?",
        "Antwoord 1",
        "Ja.",
    )
    assert document.metadata.received == "2024-03-01"
    assert [w.code for w in document.warnings] == ["date-before-submitted"]


CASES: list[dict[str, Any]] = json.loads((Path(__file__).parent / "cases" / "metadata.json").read_text("utf-8"))
"""Letters in a few paragraphs, some with a letterhead, and what their metadata must say."""


def with_letterhead(fields: list[list[str]], *paragraphs: str) -> Document:
    """A letter whose first page has a letterhead: each label with its value beside it, a row each."""
    raw = read_text("\n\n".join(paragraphs), "brief.txt")
    rows = [
        item
        for row, (label, value) in enumerate(fields)
        for item in (line(label, 80, 300 + 12 * row), line(value, 135, 300 + 12 * row))
        if item.text
    ]
    first = replace(raw.pages[0], lines=(*rows, *raw.pages[0].lines))
    return build_document(replace(raw, pages=(first, *raw.pages[1:])))


def read_case(document: Document, key: str) -> object:
    metadata = document.metadata
    values: dict[str, object] = {
        "questioners": [[q.name, q.party, q.kind] for q in metadata.questioners],
        "on_behalf_of": list(metadata.on_behalf_of),
        "answered_by": metadata.answered_by,
        "kenmerk": metadata.kenmerk,
        "kenmerk_url": metadata.kenmerk_url,
        "zaak": document.lifecycle.zaak,
        "warnings": [warning.code for warning in document.warnings],
    }
    return values[key]


@pytest.mark.parametrize("case", CASES, ids=[case["title"] for case in CASES])
def test_metadata_cases(case: dict[str, Any]) -> None:
    document = with_letterhead(case.get("letterhead", []), *case["paragraphs"])
    assert {key: read_case(document, key) for key in case["expected"]} == case["expected"]


def test_a_malformed_zaak_number_is_kept_as_printed_with_a_warning_but_links_nowhere() -> None:
    document = with_letterhead(
        [["Uw referentie", "2015Z146267"]],
        "Hierbij zend ik u de antwoorden op de vragen van het lid Jansen (SP) over de dijken.",
        "Vraag 1", "Klopt het?", "Antwoord 1", "Ja.",
    )  # fmt: skip
    warning = next(w for w in document.warnings if w.code == "kenmerk-malformed")
    assert "'2015Z146267'" in warning.message and warning.page == 1
    evidence = {item.field: item for item in document.metadata.evidence}
    assert evidence["kenmerk"].source == "letterhead" and "Uw referentie 2015Z146267" in evidence["kenmerk"].text
    assert not any(r.type == "zaak" and r.identifier == "2015Z146267" for r in document.references)


def test_the_members_intro_takes_the_kamerlid_forms_and_never_a_fractie_for_a_name() -> None:
    assert parse_questioners("vragen van het Kamerlid Kamminga (VVD) aan") == (Questioner("Kamminga", "VVD"),)
    assert parse_questioners("Vragen van de Tweede Kamerleden Segers (CU) en Voordewind (CU)") == (
        Questioner("Segers", "CU"), Questioner("Voordewind", "CU"),
    )  # fmt: skip
    assert parse_questioners("de vragen van de leden van de PvdA-, CDA- en SP-fractie over") == ()
    # A particle printed lower case still starts a name; only "van de ...-fractie" names none.
    assert parse_questioners("vragen van het lid van der Plas (BBB) over") == (Questioner("van der Plas", "BBB"),)
    assert not looks_like_member(Questioner("van de PvdA-", ""))
    assert not looks_like_member(Questioner("Jansen", "PvdA-"))


def test_fracties_are_read_only_where_the_text_says_they_asked() -> None:
    assert parse_fracties("De leden van de VVD-fractie hebben met belangstelling kennisgenomen van het plan.") == ()
    assert parse_fracties("de vragen van de SP-fractie over het standpunt van de PVV-fractie") == (
        Questioner("SP-fractie", "SP", "fractie"),
    )
    assert [q.party for q in parse_fracties("de inbreng van de GroenLinks-PvdA- en VVD-fractie")] == [
        "GroenLinks-PvdA", "VVD",
    ]  # fmt: skip

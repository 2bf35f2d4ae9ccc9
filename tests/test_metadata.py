"""Metadata: kenmerk, dates, questioners, ministers and signatories."""

from __future__ import annotations

from pipeline.dates import iso_date
from pipeline.extract import read_text
from pipeline.metadata import (
    Field,
    letterhead_fields,
    looks_like_member,
    parse_on_behalf_of,
    parse_questioners,
)
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
    assert fields["Datum"] == Field("24 maart 2024", 1)


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

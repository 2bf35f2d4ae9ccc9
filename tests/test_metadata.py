"""Metadata: kenmerk, dates, questioners, ministers and signatories."""

from __future__ import annotations

from pipeline.metadata import iso_date, letterhead_fields, parse_on_behalf_of, parse_questioners
from pipeline.model import Document, Questioner, RawLine, Signatory


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
    assert letterhead_fields(lines) == {
        "Datum": "22 februari 2023",
        "Betreft": "Beantwoording Kamervragen over kunstmatige intelligentie",
        "Kenmerk": "2023-0000101234",
    }

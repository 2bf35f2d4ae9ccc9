"""Segmenting: questions, answers (combined and unlabelled), notes, cover letter, signatories."""

from __future__ import annotations

from pipeline.clean import clean
from pipeline.extract import read_text
from pipeline.model import BodyLine, CleanDocument, SegmentedDocument, plain_block
from pipeline.render.data import answer_paragraphs, block_data, text
from pipeline.segment import answer_label, parse_numbers, segment


def test_twelve_questions_in_order(seed_segments: SegmentedDocument) -> None:
    assert [q.number for q in seed_segments.questions] == list(range(1, 13))
    assert [q.page for q in seed_segments.questions] == [2, 2, 3, 4, 4, 5, 5, 7, 7, 8, 9, 9]
    assert text(seed_segments.questions[8].parts) == "En bent u bereid dat met de Kamer te delen?"
    assert text(seed_segments.questions[11].parts) == (
        "Bent u bereid deze vragen te beantwoorden voor het Commissiedebat Kunstmatige Intelligentie van 25 januari?"
    )


def test_ten_answers_with_combined_and_unlabelled(seed_segments: SegmentedDocument) -> None:
    assert [a.questions for a in seed_segments.answers] == [
        (1,),
        (2,),
        (3,),
        (4, 5),
        (6,),
        (7,),
        (8, 9),
        (10,),
        (11,),
        (12,),
    ]
    assert seed_segments.answers[3].label == "Antwoord vraag 4 en 5:"
    assert seed_segments.answers[9].label == ""
    assert answer_paragraphs(seed_segments.answers[9]) == [
        "Wij hebben geprobeerd de vragen te beantwoorden voor het commissiedebat, maar dit is helaas niet gelukt."
    ]


def test_sentences_cut_by_page_breaks_read_whole(seed_segments: SegmentedDocument) -> None:
    answers = " ".join(p for a in seed_segments.answers for p in answer_paragraphs(a))
    assert "economische groei van 1,4 procent van het bbp per jaar zorgen" in answers
    assert "Naast ChatGPT zijn afbeeldingen gegenereerd door AI" in answers
    assert "controleerbare en systematische procedure wordt gebruikt.[^13] Deze" in answers
    assert "voor het ontwikkelen en gebruik van AI voor specifieke sectoren." in answers


def test_no_artefacts_inside_questions_or_answers(seed_segments: SegmentedDocument) -> None:
    footnote_texts = [f.text for f in seed_segments.clean.footnotes]
    questions = [text(q.parts) for q in seed_segments.questions]
    for written in questions + [p for a in seed_segments.answers for p in answer_paragraphs(a)]:
        assert "Antwoord" not in written[:9]
        assert "https://" not in written
        assert not any(footnote in written for footnote in footnote_texts)
        assert "[1] Volkskrant" not in written


def test_notes_of_the_questions(seed_segments: SegmentedDocument) -> None:
    assert [(n.label, n.page) for n in seed_segments.notes] == [("1", 9), ("2", 10)]
    assert seed_segments.notes[1].text.text.startswith("Dutch IT Channel, 7 januari, AI-experts")


def test_cover_letter_and_signatories(seed_segments: SegmentedDocument) -> None:
    assert len(seed_segments.body) == 1
    assert block_data(seed_segments.body[0])["text"].startswith("Hierbij bieden wij, mede namens")
    assert seed_segments.signatory_lines == (
        (
            "De staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties",
            "Digitalisering en Koninkrijksrelaties",
            "Alexandra C. van Huffelen",
        ),
        ("De minister van Economische Zaken en Klimaat", "Micky Adriaansens"),
    )


def test_labels() -> None:
    assert answer_label("Antwoord op vragen 3, 4, 5, 9 en 10") == (
        "Antwoord op vragen 3, 4, 5, 9 en 10",
        (3, 4, 5, 9, 10),
        "",
    )
    assert answer_label("Antwoord 2") == ("Antwoord 2", (2,), "")
    assert answer_label("Antwoord: Ja.") == ("Antwoord:", (), "Ja.")
    assert answer_label("Antwoorden op vraag 3, 4, 5, 9 en 10:") is not None
    assert answer_label("Antwoord van Staatssecretaris Van Huffelen") is None
    assert parse_numbers("7, 8, 9 10 en 11") == (7, 8, 9, 10, 11)


def segment_text(text: str) -> SegmentedDocument:
    return segment(clean(read_text(text, "x.txt")))


def test_documents_name_themselves_in_their_header() -> None:
    notice = segment_text("Mededeling van staatssecretaris Rummenie (ontvangen 20 november 2024)\n\nDe vragen ...\n")
    assert notice.kind == "mededeling"
    questions = segment_text("Mondelinge vragen van het lid Krul (CDA) aan de Minister (ingezonden 19 november 2024)\n")
    assert questions.kind == "vragen"


def test_a_label_of_thousands_of_numbers_is_no_combined_label() -> None:
    """A label "Vraag 1, 1, …" of 30,000 numbers made 30,000 questions that each repeated it
    (27 s, 300 MB of JSON); a label names a number once and at most 50 numbers."""
    label = "Vraag " + ", ".join(["1"] * 30_000)
    text = f"Geachte voorzitter,\n\n{label}\nIs dat zo?\n\nVraag 2\nEn dit?\n\nAntwoord 1\nJa.\n\nAntwoord 2\nNee.\n"
    segmented = segment(clean(read_text(text, "x.txt")))
    assert [q.number for q in segmented.questions] == [1, 2]
    assert all(len(q.label) < 1000 for q in segmented.questions)
    assert parse_numbers("1, 1 en 2") == (1, 2)


def styled(*paragraphs: tuple[str, str]) -> SegmentedDocument:
    """A PDF-like body: paragraphs of lines, each "i" (italic), "b" (bold) or "r" (roman)."""
    lines: list[BodyLine] = []
    for style, printed in paragraphs:
        for part in printed.split("\n"):
            lines.append(BodyLine(part, 1, len(lines) + 1, bold="b" in style, italic="i" in style))
        lines.append(BodyLine("", 1, len(lines) + 1))
    return segment(CleanDocument("nota.pdf", "pdf", 1, tuple(lines), (), (), (), ()))


def test_unnumbered_italic_questions_are_read_in_order_and_marked_so() -> None:
    document = styled(
        ("b", "Nota naar aanleiding van het verslag"),
        ("r", "Graag dank ik de leden voor hun bijdrage."),
        ("bi", "1.1 Overgangsbepaling"),
        ("i", "De leden van de VVD-fractie vragen of de termijn\nwordt verlengd, zo vragen deze leden."),
        ("r", "De termijn wordt verlengd tot 2020."),
        ("i", "Kan de regering aangeven wat het kost?"),
        ("r", "Het kost niets.\nDat is ook de bedoeling."),
    )
    assert document.kind == "nota"
    assert [(q.number, q.number_printed, q.label) for q in document.questions] == [(1, False, ""), (2, False, "")]
    assert text(document.questions[0].parts).endswith("zo vragen deze leden.")
    assert [answer_paragraphs(a) for a in document.answers] == [
        ["De termijn wordt verlengd tot 2020."],
        ["Het kost niets. Dat is ook de bedoeling."],
    ]
    assert [plain_block(b) for b in document.body if b.kind == "heading"][-1] == "1.1 Overgangsbepaling"


def test_a_committees_opening_marks_questions_where_the_type_does_not() -> None:
    document = segment(clean(read_text(
        "Memorie van antwoord\n\nDe leden van de CDA-fractie hebben met belangstelling kennisgenomen.\n\n"
        "De leden van de CDA-fractie vragen naar de gevolgen voor gemeenten.\n\n"
        "De gevolgen voor gemeenten zijn klein.\n\n"
        "Deze leden vragen tevens of de regering de wet evalueert.\n\nDe wet wordt na vijf jaar geëvalueerd.",
        "mva.txt",
    )))  # fmt: skip
    assert document.kind == "nota"
    assert [text(q.parts) for q in document.questions] == [
        "De leden van de CDA-fractie vragen naar de gevolgen voor gemeenten.",
        "Deze leden vragen tevens of de regering de wet evalueert.",
    ]
    assert [answer_paragraphs(a) for a in document.answers] == [
        ["De gevolgen voor gemeenten zijn klein."],
        ["De wet wordt na vijf jaar geëvalueerd."],
    ]


def test_a_committee_that_wishes_to_know_asks() -> None:
    # Nota 34 039 (VenJ 2015, p. 3): the CDA's question opens with what it raises and asks in its
    # second sentence, "Zij wensen te vernemen of ...". An intro that only announces questions asks nothing.
    document = segment(clean(read_text(
        "Nota naar aanleiding van het verslag\n\n"
        "De leden van de SP-fractie vragen hoe de wet uitwerkt.\n\nDe wet werkt goed uit.\n\n"
        "De leden van de CDA-fractie stellen vragen over de strafmaat. Zij wensen te vernemen of deze "
        "voldoende is.\n\nDe strafmaat is voldoende.\n\n"
        "De leden van de D66-fractie hebben nog enkele vragen.\n\n"
        "Deze leden willen graag weten wanneer de wet ingaat.\n\nDe wet gaat in 2026 in.",
        "nota.txt",
    )))  # fmt: skip
    assert [text(q.parts)[:40] for q in document.questions] == [
        "De leden van de SP-fractie vragen hoe de",
        "De leden van de CDA-fractie stellen vrag",
        "Deze leden willen graag weten wanneer de",
    ]
    assert [answer_paragraphs(a) for a in document.answers][1] == ["De strafmaat is voldoende."]


def test_a_letter_with_one_italic_question_is_no_answer_document() -> None:
    document = styled(
        ("r", "Geachte voorzitter,"),
        ("r", "Met deze brief informeer ik u over het beleid.\nHet beleid is goed."),
        ("i", "Wat kost het beleid?"),
        ("r", "Die vraag stelde de Kamer eerder; het kost niets.\nHoogachtend,"),
    )
    assert document.questions == () and document.kind == "kamerbrief"


def test_a_fractie_s_section_heading_above_a_question_is_letter_text_a_heading_in_an_answer_stays() -> None:
    # Review finding D1 (an annex to a schriftelijk overleg): "Vragen en opmerkingen van de leden van
    # de D66-fractie", bold on a line of its own, right above the next question, is no answer text.
    # A bold line inside an answer, with its text after it, stays in the answer.
    document = styled(
        ("b", "Reactie van de minister"),
        ("r", "Ik heb kennisgenomen van de vragen van de leden van de fracties."),
        ("b", "Vragen en opmerkingen van de leden van de VVD-fractie"),
        ("i", "De leden van de VVD-fractie vragen hoe de screening werkt?"),
        ("r", "De screening verschuift naar klanten."),
        ("b", "Gevolgen voor consumenten"),
        ("r", "Voor consumenten verandert weinig."),
        ("b", "Vragen en opmerkingen van de leden van de D66-fractie"),
        ("i", "De leden van de D66-fractie vragen wat het kost?"),
        ("r", "Dat is nog niet bekend."),
    )
    assert document.kind == "antwoorden"
    assert [answer_paragraphs(a) for a in document.answers] == [
        ["De screening verschuift naar klanten.", "Gevolgen voor consumenten", "Voor consumenten verandert weinig."],
        ["Dat is nog niet bekend."],
    ]
    assert [plain_block(b) for b in document.body if b.kind == "heading"] == [
        "Reactie van de minister",
        "Vragen en opmerkingen van de leden van de VVD-fractie",
        "Vragen en opmerkingen van de leden van de D66-fractie",
    ]


def test_the_closing_formula_above_the_signature_ends_the_last_answer() -> None:
    # Review finding D2: the questions and answers in the letter itself, then "Hoogachtend," and the
    # signature; here the role right under the formula, no blank line between.
    letter = (
        "Geachte voorzitter,\n\nHierbij beantwoord ik de vragen van het lid Van Raan.\n\n"
        "Vraag 1\nKunt u dat toelichten?\n\nAntwoord 1\nDat doe ik graag. Met vriendelijke groet,\n"
        "komt het bestuur daar niet mee weg.\n\nMet vriendelijke groet,\nDe minister van Financiën,\n\nE. Heinen\n"
    )
    document = segment(clean(read_text(letter, "brief.txt")))
    assert [answer_paragraphs(a) for a in document.answers] == [
        ["Dat doe ik graag. Met vriendelijke groet, komt het bestuur daar niet mee weg."]
    ]
    assert [plain_block(b) for b in document.body][-1] == "Met vriendelijke groet,"
    assert document.signatory_lines == (("De minister van Financiën,", "E. Heinen"),)

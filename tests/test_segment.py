"""Segmenting: questions, answers (combined and unlabelled), notes, cover letter, signatories."""

from __future__ import annotations

from pipeline.clean import clean
from pipeline.extract import read_text
from pipeline.model import BodyLine, CleanDocument, SegmentedDocument
from pipeline.segment import answer_label, parse_numbers, segment


def test_twelve_questions_in_order(seed_segments: SegmentedDocument) -> None:
    assert [q.number for q in seed_segments.questions] == list(range(1, 13))
    assert [q.page for q in seed_segments.questions] == [2, 2, 3, 4, 4, 5, 5, 7, 7, 8, 9, 9]
    assert seed_segments.questions[8].text == "En bent u bereid dat met de Kamer te delen?"
    assert seed_segments.questions[11].text == (
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
    assert seed_segments.answers[9].paragraphs == (
        "Wij hebben geprobeerd de vragen te beantwoorden voor het commissiedebat, maar dit is helaas niet gelukt.",
    )


def test_sentences_cut_by_page_breaks_read_whole(seed_segments: SegmentedDocument) -> None:
    text = " ".join(p for a in seed_segments.answers for p in a.paragraphs)
    assert "economische groei van 1,4 procent van het bbp per jaar zorgen" in text
    assert "Naast ChatGPT zijn afbeeldingen gegenereerd door AI" in text
    assert "controleerbare en systematische procedure wordt gebruikt.[^13] Deze" in text
    assert "voor het ontwikkelen en gebruik van AI voor specifieke sectoren." in text


def test_no_artefacts_inside_questions_or_answers(seed_segments: SegmentedDocument) -> None:
    footnote_texts = [f.text for f in seed_segments.clean.footnotes]
    for text in [q.text for q in seed_segments.questions] + [p for a in seed_segments.answers for p in a.paragraphs]:
        assert "Antwoord" not in text[:9]
        assert "https://" not in text
        assert not any(footnote in text for footnote in footnote_texts)
        assert "[1] Volkskrant" not in text


def test_notes_of_the_questions(seed_segments: SegmentedDocument) -> None:
    assert [(n.label, n.page) for n in seed_segments.notes] == [("1", 9), ("2", 10)]
    assert seed_segments.notes[1].text.startswith("Dutch IT Channel, 7 januari, AI-experts")


def test_cover_letter_and_signatories(seed_segments: SegmentedDocument) -> None:
    assert len(seed_segments.body) == 1
    assert seed_segments.body[0].text.startswith("Hierbij bieden wij, mede namens")
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


def test_labelled_questions_and_answers_out_of_order() -> None:
    document = segment_text(
        "Vraag 1\nIs dat zo?\nVraag 2\nEn dit?\nVraag 3\nWaarom?\n"
        "Antwoord op vragen 1 en 3\nOmdat het zo is.\nAntwoord op vraag 2\nDaarom.\n"
    )
    assert [q.number for q in document.questions] == [1, 2, 3]
    assert [a.questions for a in document.answers] == [(1, 3), (2,)]
    assert not [w for w in document.warnings if w.code == "unanswered-question"]


def test_combined_question_label_is_split_per_question() -> None:
    document = segment_text(
        "Vraag 1\nWat?\nAntwoord 1\nDit.\nVraag 2, 3 en 4\nIs dat zo?\nWaarom\nniet?\nEn wanneer?\n"
        "Antwoord 2, 3 en 4\nNu.\n"
    )
    assert [(q.number, q.text) for q in document.questions[1:]] == [
        (2, "Is dat zo?"),
        (3, "Waarom niet?"),
        (4, "En wanneer?"),
    ]
    assert document.answers[1].questions == (2, 3, 4)
    assert document.warnings == ()


def test_unanswered_question_is_a_warning() -> None:
    document = segment_text("1. Is dat zo?\n\nAntwoord:\nJa.\n\n2. En dit?\n")
    assert [w.code for w in document.warnings] == ["unanswered-question"]
    assert document.kind == "antwoorden"


def test_letter_without_questions_is_a_kamerbrief() -> None:
    document = segment_text("Geachte voorzitter,\n\nHierbij informeer ik u.\n\n1. Inleiding\n\nDe tekst.\n")
    assert document.kind == "kamerbrief"
    assert document.questions == ()


def test_a_decision_list_is_no_letter() -> None:
    document = segment_text("Besluitenlijst van de procedurevergadering\n\n1. Agendapunt: brief van de minister\n")
    assert document.kind == "unknown"


def test_a_mededeling_has_questions_and_an_explanation() -> None:
    document = segment_text(
        "Mededeling van Minister De Jonge (ontvangen 7 juni 2024).\nVraag 1\nKlopt het?\nVraag 2\nEn dit?\n"
        "Mededeling\nDe vragen zijn beantwoord middels een brief.\n"
    )
    assert document.kind == "mededeling"
    assert [q.text for q in document.questions] == ["Klopt het?", "En dit?"]
    assert document.body[-1].text == "De vragen zijn beantwoord middels een brief."
    assert document.warnings == ()


def test_questions_just_sent_in_are_vragen() -> None:
    document = segment_text("Vragen van het lid Eerdmans (JA21)\n\nVraag 1\nKlopt het?\n\nVraag 2\nEn dit?\n")
    assert document.kind == "vragen"
    assert document.warnings == ()


def test_a_question_number_on_its_own_line() -> None:
    document = segment_text(
        "AH 610\n\n1\nWelke mogelijkheden bestaan er?\n\nAntwoord\nOm te borgen dat het veilig is.\n"
    )
    assert [(q.number, q.text) for q in document.questions] == [(1, "Welke mogelijkheden bestaan er?")]
    assert document.answers[0].paragraphs == ("Om te borgen dat het veilig is.",)


def test_documents_name_themselves_in_their_header() -> None:
    notice = segment_text("Mededeling van staatssecretaris Rummenie (ontvangen 20 november 2024)\n\nDe vragen ...\n")
    assert notice.kind == "mededeling"
    questions = segment_text("Mondelinge vragen van het lid Krul (CDA) aan de Minister (ingezonden 19 november 2024)\n")
    assert questions.kind == "vragen"


def test_notes_numbered_on_with_gaps_and_run_together() -> None:
    # jenv-06 (checked on the Word original): notes [1] to [6], [3] printed right after [2]'s URL.
    text = "\n".join(
        [
            "Vraag 1",
            "Kent u de berichten?[1] [2] [3] [4] [5] [6]",
            "",
            "Antwoord op vraag 1",
            "Ja.",
            "",
            "[1] https://www.nhnieuws.nl/nieuws/313687/twee-kinderen-gewond-na-aanval-",
            "van-hond-in-badhoevedorp",
            "[2] https://www.ad.nl/binnenland/overleden-man~a44537d3/#:~:text=Dat%20zegt",
            "%20de%20politie[3] https://www.ad.nl/binnenland/overleden-baby~a2803fe1/",
            "[4] Centrum voor Criminaliteitspreventie en Veiligheid. 2018.",
            "[6] Kamerstuk II 28286, nr. 1056",
        ]
    )
    notes = segment(clean(read_text(text, "x.txt"))).notes
    assert [note.label for note in notes] == ["1", "2", "3", "4", "6"]
    assert notes[1].text == "https://www.ad.nl/binnenland/overleden-man~a44537d3/#:~:text=Dat%20zegt%20de%20politie"
    assert notes[2].text == "https://www.ad.nl/binnenland/overleden-baby~a2803fe1/"


def test_a_greeting_stands_apart_and_a_name_above_its_role_signs() -> None:
    # jenv-08 p. 1 prints "Geachte heer/mevrouw," right above the first paragraph; the EZK letter
    # p. 8 signs with the name above the role.
    text = "\n".join(
        [
            "Geachte heer/mevrouw,",
            "In antwoord op uw brief deel ik u mede dat de vragen worden beantwoord.",
            "",
            "M.A.M. Adriaansens",
            "Minister van Economische Zaken en Klimaat",
        ]
    )
    document = segment(clean(read_text(text, "x.txt")))
    assert [block.text for block in document.body][:2] == [
        "Geachte heer/mevrouw,",
        "In antwoord op uw brief deel ik u mede dat de vragen worden beantwoord.",
    ]
    assert document.signatory_lines == (("Minister van Economische Zaken en Klimaat", "M.A.M. Adriaansens"),)


def test_a_label_of_thousands_of_numbers_is_no_combined_label() -> None:
    """A label "Vraag 1, 1, …" of 30,000 numbers made 30,000 questions that each repeated it
    (27 s, 300 MB of JSON); a label names a number once and at most 50 numbers."""
    label = "Vraag " + ", ".join(["1"] * 30_000)
    text = f"Geachte voorzitter,\n\n{label}\nIs dat zo?\n\nVraag 2\nEn dit?\n\nAntwoord 1\nJa.\n\nAntwoord 2\nNee.\n"
    segmented = segment(clean(read_text(text, "x.txt")))
    assert [q.number for q in segmented.questions] == [1, 2]
    assert all(len(q.label) < 1000 for q in segmented.questions)
    assert parse_numbers("1, 1 en 2") == (1, 2)


def test_answer_labels_without_questions_say_so() -> None:
    text = "Kent u het bericht over de wachtlijsten?\n\nAntwoord 1\nJa.\n\nWat gaat u doen?\n\nAntwoord 2\nVeel.\n"
    document = segment(clean(read_text(text, "x.txt")))
    assert document.questions == ()
    assert [(w.code, w.page) for w in document.warnings] == [("questions-not-found", 1)]


def styled(*paragraphs: tuple[str, str]) -> SegmentedDocument:
    """A PDF-like body: paragraphs of lines, each "i" (italic), "b" (bold) or "r" (roman)."""
    lines: list[BodyLine] = []
    for style, text in paragraphs:
        for part in text.split("\n"):
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
    assert document.questions[0].text.endswith("zo vragen deze leden.")
    assert [a.paragraphs for a in document.answers] == [
        ("De termijn wordt verlengd tot 2020.",),
        ("Het kost niets. Dat is ook de bedoeling.",),
    ]
    assert [b.text for b in document.body if b.kind == "heading"][-1] == "1.1 Overgangsbepaling"


def test_a_committees_opening_marks_questions_where_the_type_does_not() -> None:
    document = segment(clean(read_text(
        "Memorie van antwoord\n\nDe leden van de CDA-fractie hebben met belangstelling kennisgenomen.\n\n"
        "De leden van de CDA-fractie vragen naar de gevolgen voor gemeenten.\n\n"
        "De gevolgen voor gemeenten zijn klein.\n\n"
        "Deze leden vragen tevens of de regering de wet evalueert.\n\nDe wet wordt na vijf jaar geëvalueerd.",
        "mva.txt",
    )))  # fmt: skip
    assert document.kind == "nota"
    assert [q.text for q in document.questions] == [
        "De leden van de CDA-fractie vragen naar de gevolgen voor gemeenten.",
        "Deze leden vragen tevens of de regering de wet evalueert.",
    ]
    assert [a.paragraphs for a in document.answers] == [
        ("De gevolgen voor gemeenten zijn klein.",),
        ("De wet wordt na vijf jaar geëvalueerd.",),
    ]


def test_a_letter_with_one_italic_question_is_no_answer_document() -> None:
    document = styled(
        ("r", "Geachte voorzitter,"),
        ("r", "Met deze brief informeer ik u over het beleid.\nHet beleid is goed."),
        ("i", "Wat kost het beleid?"),
        ("r", "Die vraag stelde de Kamer eerder; het kost niets.\nHoogachtend,"),
    )
    assert document.questions == () and document.kind == "kamerbrief"

"""Resolving URLs: joined across lines, deduplicated, tied to their footnote or note."""

from __future__ import annotations

from pipeline.links import match_score, resolve_urls, urls_in
from pipeline.model import Box, Document, FootnoteText, Link, Marked, NoteText, Span
from pipeline.urls import normalise_url

SEED_FOOTNOTE_URLS = {
    1: (),
    2: ("https://www.rijksoverheid.nl/documenten/rapporten/2020/09/30/verkenning-naar-het-nederlandse-onderwijslab-artificiele-intelligentie",),
    3: ("https://www.wrr.nl/publicaties/rapporten/2021/11/11/opgave-ai-de-nieuwe-systeemtechnologie",),
    4: ("https://op.europa.eu/nl/publication-detail/-/publication/d81a0d54-5348-11ed-92ed-01aa75ed71a1",),
    5: ("https://digital-strategy.ec.europa.eu/en/policies/desi",),
    6: ("https://www.mckinsey.com/~/media/mckinsey/business%20functions/mckinsey%20digital/our%20insights/how%20nine%20digital%20frontrunners%20can%20lead%20on%20ai%20in%20europe/how-nine-digital-frontrunners-can-lead-on-ai-in-europe.pdf",),
    7: ("https://open.overheid.nl/repository/ronl-c6a3495a523bef54ca41011f629b77b7b611045f/1/pdf/rapport-strategie-digitale-economie.pdf",),
    8: ("https://open.overheid.nl/repository/ronl-c6a3495a523bef54ca41011f629b77b7b611045f/1/pdf/rapport-strategie-digitale-economie.pdf",),
    9: ("https://www.oecd.org/future-of-work/reports-and-data/impacts-of-artificial-intelligence-on-the-workplace.htm",),
    10: ("https://www.eurofound.europa.eu/nb/publications/report/2020/employee-monitoring-and-surveillance-the-challenges-of-digitalisation",),
    11: ("https://www.cpb.nl/technologie-de-arbeidsmarkt-en-de-rol-van-beleid",),
    12: ("https://publicaties.mensenrechten.nl/publicatie/61b03ed05d726f72c45f9e3a",),
    13: ("https://publicaties.mensenrechten.nl/publicatie/61b03ed05d726f72c45f9e3a",),
    14: ("https://www.rijksoverheid.nl/documenten/rapporten/2022/11/18/rapport-strategie-digitale-economie",),
    15: ("https://www.digitaleoverheid.nl/document/werkagenda-waardengedreven-digitaliseren/",),
    16: ("https://www.rijksoverheid.nl/documenten/kamerstukken/2022/10/07/bijlage-kabinetsreactie-wrr-rapport-ai",),
}  # fmt: skip


def test_every_seed_footnote_has_its_urls(seed_document: Document) -> None:
    assert {f.number: f.urls for f in seed_document.footnotes} == SEED_FOOTNOTE_URLS
    assert seed_document.links == ()
    assert not [w for w in seed_document.warnings if w.code == "unplaced-link"]


def test_notes_get_urls_across_the_page_break(seed_document: Document) -> None:
    assert {n.label: n.urls for n in seed_document.notes} == {
        "1": (
            "https://www.volkskrant.nl/columns-opinie/natuurlijk-gebruiken-leerlingen-chatgpthet-onderwijs-kan-maar-beter-anticiperen-op-de-robots~b66035a2/",
            "https://nos.nl/artikel/2460020-chatgpt-glipt-langs-docenten-ik-gebruik-het-om-snel-huiswerk-te-maken",
        ),
        "2": ("https://dutchitchannel.nl/712584/de-voorspellingen-van-vier-ai-experts.html",),
    }


def test_urls_in_text() -> None:
    assert urls_in("zie www.nrc.nl/a), en https://x.nl/b. En https://x.nl/b") == [
        "https://www.nrc.nl/a",
        "https://x.nl/b",
    ]
    assert normalise_url("https://a.nl/b).") == "https://a.nl/b"


def test_the_site_named_in_a_footnote_counts() -> None:
    url = "https://www.mckinsey.com/~/media/how-nine-digital-frontrunners"
    assert match_score(url, "McKinsey & Company (2020), How nine digital frontrunners (mckinsey.com)") > match_score(
        url, "Strategie Digitale Economie (overheid.nl)"
    )


def test_pdf_links_are_tied_by_what_they_cover() -> None:
    footnotes = [FootnoteText(1, "Rapport A | Rijksoverheid.nl", 2), FootnoteText(2, "Rapport B | WRR", 2)]
    links = [
        Link("https://www.wrr.nl/b", 2, Box(0, 10, 100, 20), "2 Rapport B | WRR"),
        Link("https://example.org/x", 2, Box(0, 30, 100, 40), "hier"),
    ]
    resolved = resolve_urls(footnotes, [], links, 2)
    assert [f.urls for f in resolved.footnotes] == [(), ("https://www.wrr.nl/b",)]
    assert [link.uri for link in resolved.body_links] == ["https://example.org/x"]


def test_a_listed_url_matching_nothing_is_a_warning() -> None:
    resolved = resolve_urls(
        [FootnoteText(1, "Een boek", 1)], [NoteText("1", Marked("x"), Span(1))], [Link("https://q.org/z", 1)], 1
    )
    assert [w.code for w in resolved.warnings] == ["unplaced-link"]


def test_unsafe_link_targets_never_become_urls() -> None:
    footnotes = [FootnoteText(1, "Rapport A (rijksoverheid.nl)", 1)]
    links = [Link("javascript:alert(1)", 1, Box(0, 0, 10, 10), "Rapport A (rijksoverheid.nl)")]
    resolved = resolve_urls(footnotes, [], links, 1)
    assert resolved.footnotes[0].urls == ()
    assert [w.code for w in resolved.warnings] == ["unsafe-link"]


def test_unsafe_link_annotations_in_the_text_are_dropped_with_a_warning() -> None:
    """javascript:, file: and data: annotations stayed in the JSON ``links`` without a word."""
    box = Box(100, 300, 200, 312)
    links = [
        Link("javascript:alert(1)", 1, box, "klik"),
        Link("file:///etc/passwd", 1, box, "hier"),
        Link("data:text/html;base64," + "A" * 500, 2, box, "daar"),
        Link("https://www.rijksoverheid.nl/a", 2, box, "rijksoverheid"),
    ]
    resolved = resolve_urls([], [], links, 2)
    assert [link.uri for link in resolved.body_links] == ["https://www.rijksoverheid.nl/a"]
    warnings = [(w.code, w.page) for w in resolved.warnings]
    assert warnings == [("unsafe-link", 1), ("unsafe-link", 1), ("unsafe-link", 2)]
    assert all(len(w.message) < 200 for w in resolved.warnings)
    assert "'javascript:alert(1)' was dropped" in resolved.warnings[0].message


def test_a_scheme_hidden_from_a_naive_check_is_read_as_a_browser_reads_it() -> None:
    """``java<tab>script:`` and ``<control>javascript:`` are javascript: to a browser (WHATWG URL);
    they stayed in the JSON ``links`` without a warning (../shared/hostile/c39-links-hostile.pdf)."""
    box = Box(100, 300, 200, 312)
    links = [Link("java\tscript:alert(1)", 1, box, "klik"), Link("\x01javascript:alert(2)", 1, box, "hier")]
    resolved = resolve_urls([], [], links, 1)
    assert resolved.body_links == ()
    assert [w.code for w in resolved.warnings] == ["unsafe-link", "unsafe-link"]

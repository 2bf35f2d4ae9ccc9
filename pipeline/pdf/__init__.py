"""The only room that knows PDFs: ``reader.read_pdf`` reads one into a RawDocument.

``page`` writes down what an engine gives (a Protocol and its records), ``plumber`` and ``pdfium``
are the two engines (each the only importer of its library), ``prescan`` and ``objects`` check a
file's raw objects against the caps before an engine sees them, ``grid`` puts every engine's
numbers on one grid, and ``lines`` and ``layout`` turn characters into zoned lines, the same code
whichever engine read the page, with the type sizes that tell footnotes and markers named in
``typesize``.
"""

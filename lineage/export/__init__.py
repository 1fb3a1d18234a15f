"""What planners hand in and auditors read, written from a cascade: the matriks cascading and the
Renstra table as XLSX (`matrix`, `renstra`), the audit report as PDF (`pdf`), and the rows of the
API's list answers as CSV (`tables`). The diagrams' PDF is Graphviz's (`lineage.render`).

Why from the `Cascade` model: the same export is written from a cascade file (offline, before it
is loaded) and from the database (`loaded.read_loaded`, the cascade as a load holds it), and what
an export writes can be read back by the importer into the same graph (tests/test_exports.py).
"""

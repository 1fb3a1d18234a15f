"""What the tests share besides fixtures: paths of the repository's files, facts read off the
Makassar cascade, graph snapshots, the networkx oracle, and generators of test cascades.

Test modules import from here (and take fixtures from conftest.py), never from each other.
The generators live here, not in the product: they serve tests, benchmarks and scripts only.
"""

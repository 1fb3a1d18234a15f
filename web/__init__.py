"""The browsable page of Lineage: plain HTML, CSS and JavaScript modules, served by the API.

No build step and nothing fetched from the internet, so it works on a closed network. A Python
package only so that the files travel with an installed Lineage (like `cypher/`).
"""

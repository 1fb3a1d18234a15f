# The Lineage API, for docker-compose.yml (Neo4j comes from the official image there).
# Stage 1 builds the wheel; stage 2 installs it like any user would, with Graphviz and its fonts
# for the diagrams, and runs as an unprivileged user (by number, so that a runtime that refuses
# root can tell). Linted by tests/test_deployment.py with hadolint (no Docker engine needed).
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY lineage ./lineage
COPY api ./api
COPY cypher ./cypher
COPY web ./web
COPY data ./data
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.11-slim
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends graphviz fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels \
 && useradd --create-home --uid 10001 lineage
USER 10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"]
CMD ["lineage", "serve", "--host", "0.0.0.0", "--port", "8000"]

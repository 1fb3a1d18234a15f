# The Lineage API, for docker-compose.yml (Neo4j comes from the official image there).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY lineage ./lineage
COPY api ./api
COPY web ./web
COPY cypher ./cypher
COPY data ./data
COPY docs ./docs
# Editable, so `lineage serve` finds data/makassar/ beside the code, as in a checkout.
RUN pip install --no-cache-dir -e .
EXPOSE 8000
CMD ["lineage", "serve", "--host", "0.0.0.0", "--port", "8000"]

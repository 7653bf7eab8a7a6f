"""Domain vocabulary and rules (DOMAIN.md, PACKAGE-FORMAT.md): plain Python, no storage, no Qt."""

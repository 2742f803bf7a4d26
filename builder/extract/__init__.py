"""Per article: the spaCy parse and what is read from it."""

-- Trigram indexes for the ticket text search (any 3 characters in a row, as SQLite's FTS5 trigram
-- tokenizer). pg_trgm is a trusted extension: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

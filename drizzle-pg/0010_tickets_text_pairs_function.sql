-- Text search of two characters (停车, 社保) over any time range: pg_trgm cannot serve fewer than
-- three. The distinct pairs of neighbouring characters of the number, title, description and
-- location, folded by lower() as ILIKE folds them, for a GIN index on the tickets (next migration).
-- Pairs never span two fields. Immutable, as an index expression must be; costly, so the planner
-- prefers the index to computing it for row after row.
CREATE FUNCTION ticket_text_pairs(number text, title text, description text, location text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 1000 AS $$
  SELECT coalesce(array_agg(DISTINCT substr(field, i, 2)), '{}')
  FROM unnest(ARRAY[lower(number), lower(title), lower(description), lower(location)]) AS field,
    generate_series(1, char_length(field) - 1) AS i
$$;

-- 0008_search_covering_indexes: the key indexes of place_name_key carry
-- every column a search candidate needs, so the exact, prefix and initials
-- candidates (and the first names of an empty search) are index-only scans.
--
-- A candidate is (place_id, name_id, ord, text, py_key): the key orders
-- and bounds the scan, place_id and name_id break its ties, and ord, text
-- and py_key rank the candidates (data/gazetteer: best name by similarity
-- of py_key then ord; places by similarity then text). Without them in the
-- index, each of up to 200 candidates of a kind costs a heap page visit:
-- on a million names, most of a prefix search's time when the pages are
-- not cached. The same three indexes are rebuilt, wider; none is added.

DROP INDEX place_name_key_text_ix;
DROP INDEX place_name_key_py_ix;
DROP INDEX place_name_key_ini_ix;
CREATE INDEX place_name_key_text_ix ON place_name_key (text, place_id, name_id) INCLUDE (ord, py_key);
CREATE INDEX place_name_key_py_ix ON place_name_key (py_key, place_id, name_id) INCLUDE (ord, text);
CREATE INDEX place_name_key_ini_ix ON place_name_key (ini_key, place_id, name_id) INCLUDE (ord, text, py_key);

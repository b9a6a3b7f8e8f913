-- 0009_distinct_pinyin_keys: typo search over the distinct pinyin keys
-- (issue #7).
--
-- Real names repeat: a million names have a few thousand distinct pinyin
-- keys (王家坪 is wangjiaping thousands of times). The typo search matched
-- the deletion variants of every name (place_name_key.del_keys, a GIN
-- index), so a common key's thousands of rows were all fetched and sorted
-- before the first 200 were kept; and that GIN index, one entry per
-- variant of every name, was the costliest index of a bulk import.
--
-- pinyin_key holds each distinct key once, with its deletion variants:
-- the typo search finds the few keys that share a variant with the query
-- (GIN), ranks them by similarity, then reads the first rows of each key
-- in order from place_name_key_py_ix (index-only, migration 0008) and
-- stops at the limit. Writers add a name's key ON CONFLICT DO NOTHING (the
-- per-place writer, the bulk import, postgis.Store.ReindexNames); keys are
-- never removed, so a key may have no names left: it then matches nothing.
-- Empty keys (names without pinyin) have no variants and are not stored.

CREATE TABLE pinyin_key (
    py_key   text   COLLATE "C" CONSTRAINT pinyin_key_pk PRIMARY KEY
                    CONSTRAINT pinyin_key_py_ck CHECK (py_key ~ '^[a-z0-9]+$'),
    del_keys text[] NOT NULL
);

-- The variants as gazetteer.Variants makes them: the key, and for keys of
-- gazetteer.MinVariantKey (4) letters or more each key one letter shorter.
INSERT INTO pinyin_key (py_key, del_keys)
SELECT py_key, ARRAY[py_key] || CASE WHEN length(py_key) < 4 THEN '{}'::text[] ELSE ARRAY(
        SELECT DISTINCT overlay(py_key PLACING '' FROM i FOR 1) FROM generate_series(1, length(py_key)) i) END
FROM (SELECT DISTINCT py_key FROM place_name_key WHERE py_key <> '') k;

CREATE INDEX pinyin_key_del_gix ON pinyin_key USING gin (del_keys);

DROP INDEX place_name_key_del_gix;
ALTER TABLE place_name_key DROP COLUMN del_keys;

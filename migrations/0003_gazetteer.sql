-- 0003_gazetteer: search keys of names, the review audit trail, and the
-- indexes of the listing and sign queries.
--
-- place_name_key holds, for every row of place_name, the keys the search
-- matches on (data/gazetteer.NameKeys computes them; the store writes them
-- in the transaction that writes the names, and ON DELETE CASCADE drops
-- them with the names):
--   py_key   the pinyin, normalised to [a-z0-9]: "honganzhen"
--   ini_key  the syllable initials: "haz"
--   del_keys the pinyin key and every string one deletion away from it
--            (keys of 4 or more letters): two keys within one edit (a
--            letter missing, extra, wrong or two swapped) share one, so
--            typos are found by a few GIN lookups, not a similarity scan
--   hz_key   the Hanzi, each character as z + 5 hex digits, so that pg_trgm
--            indexes Han text whatever the database's locale
-- text and valid repeat the name's, so a search reads one table. Keys and
-- text are COLLATE "C": byte order, the order of the GeoPackage store.
-- Names stored before this migration get their keys from
-- postgis.Store.ReindexNames.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE place_name_key (
    name_id  uuid      CONSTRAINT place_name_key_pk PRIMARY KEY
                       CONSTRAINT place_name_key_name_fk REFERENCES place_name (id) ON DELETE CASCADE,
    place_id uuid      NOT NULL CONSTRAINT place_name_key_place_fk REFERENCES named_place (id) ON DELETE CASCADE,
    ord      int       NOT NULL,
    status   text      NOT NULL,
    text     text      COLLATE "C" NOT NULL,
    valid    daterange NOT NULL,
    py_key   text      COLLATE "C" NOT NULL CONSTRAINT place_name_key_py_ck CHECK (py_key ~ '^[a-z0-9]*$'),
    ini_key  text      COLLATE "C" NOT NULL CONSTRAINT place_name_key_ini_ck CHECK (ini_key ~ '^[a-z0-9]*$'),
    hz_key   text      NOT NULL,
    del_keys text[]    NOT NULL DEFAULT '{}'
);
CREATE INDEX place_name_key_place_ix ON place_name_key (place_id);
-- Equality, prefix ranges (key >= q AND key < q || '{') and order on the
-- Hanzi, the pinyin and the initials: the keys sort in byte order (C), as
-- the GeoPackage store's do, so capped candidate lists are the same.
CREATE INDEX place_name_key_text_ix ON place_name_key (text, place_id, name_id);
CREATE INDEX place_name_key_py_ix ON place_name_key (py_key, place_id, name_id);
CREATE INDEX place_name_key_ini_ix ON place_name_key (ini_key, place_id, name_id);
-- Substring (LIKE '%q%') and similarity (%) on the pinyin; substring on the Hanzi.
CREATE INDEX place_name_key_py_trgm_gix ON place_name_key USING gin (py_key gin_trgm_ops);
CREATE INDEX place_name_key_hz_trgm_gix ON place_name_key USING gin (hz_key gin_trgm_ops);
-- Typos within one edit.
CREATE INDEX place_name_key_del_gix ON place_name_key USING gin (del_keys);

-- Every step of the review workflow (复核入库): who moved a place from
-- which status to which, when.
CREATE TABLE place_review (
    id          bigint      GENERATED ALWAYS AS IDENTITY CONSTRAINT place_review_pk PRIMARY KEY,
    place_id    uuid        NOT NULL CONSTRAINT place_review_place_fk REFERENCES named_place (id) ON DELETE CASCADE,
    from_status text        NOT NULL CONSTRAINT place_review_from_ck CHECK (from_status IN ('draft', 'reviewed', 'published')),
    to_status   text        NOT NULL CONSTRAINT place_review_to_ck CHECK (to_status IN ('draft', 'reviewed', 'published')),
    by_whom     text        NOT NULL CONSTRAINT place_review_by_ck CHECK (by_whom <> ''),
    at          timestamptz NOT NULL,
    note        text        NOT NULL DEFAULT ''
);
CREATE INDEX place_review_place_ix ON place_review (place_id, at);

CREATE INDEX named_place_category_ix ON named_place (category text_pattern_ops);
CREATE INDEX protection_listing_category_ix ON protection_listing (category);
CREATE INDEX sign_listing_ix ON sign (listing_id);

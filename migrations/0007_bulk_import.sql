-- 0007_bulk_import: cheaper bulk imports of places (issue #4).
--
-- The bulk import (data/postgis copyPlaces) writes only fresh places, each
-- with all its names at once: a place ID already stored fails the import
-- on named_place_pk, and no other transaction can add a name to a place
-- that is not yet committed. The rule "one standard name per place and
-- language at any date" of such a place therefore concerns only the names
-- in the import, and the import checks it itself, per place, as it reads
-- them. It marks those rows overlap_checked, and the exclusion constraint
-- (a GiST insertion and probe per row, about a fifth of the server's cost
-- of an import) leaves them out.
--
-- Every other writer replaces all the names of a place at once (delete,
-- then insert; overlap_checked false), so the constraint sees every name
-- of any place that is edited after its import. A writer that added one
-- name to a place without rewriting the others would have to check the
-- rule against the place's overlap_checked names itself.

ALTER TABLE place_name ADD COLUMN overlap_checked boolean NOT NULL DEFAULT false;
ALTER TABLE place_name DROP CONSTRAINT place_name_standard_overlap_ex;
ALTER TABLE place_name ADD CONSTRAINT place_name_standard_overlap_ex
    EXCLUDE USING gist (place_id WITH =, lang WITH =, valid WITH &&)
    WHERE (status = 'standard' AND NOT overlap_checked);

-- place_name_key rows go with their name (place_name_key_name_fk, ON DELETE
-- CASCADE), and a name goes with its place: the key's own reference to the
-- place added only a per-row check to every insert.
ALTER TABLE place_name_key DROP CONSTRAINT place_name_key_place_fk;

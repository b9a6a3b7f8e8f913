-- 0010_tile_change_notify: every committed change to what the vector
-- tiles draw announces its bounding box on channel toponym_tiles.
--
-- A server caches rendered tiles and drops the ones its own writes touch.
-- Writes from elsewhere (toponymd import and sync, another server on the
-- same database, an operator's SQL) left its cache stale until eviction
-- or restart. Statement-level triggers with transition tables send one
-- notification per statement, at commit, with the extent of the rows it
-- inserted, updated (before and after) or deleted, in EPSG:4490:
-- "xmin ymin xmax ymax". Servers LISTEN and drop the cached tiles there
-- (tiles/pgsource.Follower). A place's change also covers its signs,
-- wherever they stand: the public tiles show a sign only while its place
-- is published. Names change only with their place's row (UpdatePlace),
-- so place_name needs no trigger of its own.

CREATE FUNCTION tile_change_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    col  text := TG_ARGV[0];
    rows text;
    b    box2d;
BEGIN
    rows := CASE TG_OP
        WHEN 'INSERT' THEN format('SELECT %I AS g FROM new_rows', col)
        WHEN 'DELETE' THEN format('SELECT %I AS g FROM old_rows', col)
        ELSE format('SELECT %1$I AS g FROM new_rows UNION ALL SELECT %1$I FROM old_rows', col)
    END;
    IF TG_TABLE_NAME = 'named_place' THEN
        rows := rows || ' UNION ALL SELECT s.position FROM sign s WHERE s.place_id IN (' || CASE TG_OP
            WHEN 'INSERT' THEN 'SELECT id FROM new_rows'
            WHEN 'DELETE' THEN 'SELECT id FROM old_rows'
            ELSE 'SELECT id FROM new_rows UNION SELECT id FROM old_rows'
        END || ')';
    END IF;
    EXECUTE 'SELECT ST_Extent(g) FROM (' || rows || ') x' INTO b;
    IF b IS NOT NULL THEN
        PERFORM pg_notify('toponym_tiles', concat_ws(' ', ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b)));
    END IF;
    RETURN NULL;
END
$$;

-- Three triggers per table, one per event: a transition table belongs to
-- a trigger of one event.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES ('admin_unit', 'geom'), ('boundary_line', 'geom'), ('marker', 'position'),
            ('tri_junction', 'agreed'), ('named_place', 'geom'), ('sign', 'position')) AS v (tbl, col) LOOP
        EXECUTE format('CREATE TRIGGER %1$s_tiles_ins AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION tile_change_notify(%2$L)', t.tbl, t.col);
        EXECUTE format('CREATE TRIGGER %1$s_tiles_upd AFTER UPDATE ON %1$I REFERENCING OLD TABLE AS old_rows '
            'NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tile_change_notify(%2$L)', t.tbl, t.col);
        EXECUTE format('CREATE TRIGGER %1$s_tiles_del AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION tile_change_notify(%2$L)', t.tbl, t.col);
    END LOOP;
END
$$;

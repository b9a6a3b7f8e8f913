-- Surveys and their uploaded files; bulk imports of place names and POIs.
--
-- A survey is one field campaign of a team: device, method, declared CRS
-- and stated accuracy. Files are attached to it as survey_upload rows
-- (0001). Each stored upload keeps its raw bytes (a large object, written
-- in the upload's own transaction), the fingerprint of the request that
-- made it (for Idempotency-Key replays) and the answer that was given.

CREATE TABLE survey (
    id         uuid        CONSTRAINT survey_pk PRIMARY KEY,
    name       text        NOT NULL DEFAULT '',
    team       text        NOT NULL CONSTRAINT survey_team_ck CHECK (team <> ''),
    device     text        NOT NULL DEFAULT '',
    method     text        NOT NULL DEFAULT '',
    crs        int         NOT NULL CONSTRAINT survey_crs_ck CHECK (crs IN (4326, 4490) OR crs BETWEEN 4513 AND 4554),
    accuracy_m float8      NOT NULL CONSTRAINT survey_accuracy_ck CHECK (accuracy_m >= 0 AND accuracy_m <= 1000),
    created    timestamptz NOT NULL DEFAULT now()
);

-- The raw file of one upload and the answer given for it.
CREATE TABLE upload_file (
    upload_id    uuid   CONSTRAINT upload_file_pk PRIMARY KEY
                        CONSTRAINT upload_file_upload_fk REFERENCES survey_upload (id) ON DELETE CASCADE,
    survey_id    uuid   CONSTRAINT upload_file_survey_fk REFERENCES survey (id),
    target       text   NOT NULL CONSTRAINT upload_file_target_ck CHECK (target IN ('survey', 'places')),
    request_hash text   NOT NULL CONSTRAINT upload_file_request_hash_ck CHECK (request_hash ~ '^[0-9a-f]{64}$'),
    raw          oid    NOT NULL,
    report       jsonb  NOT NULL CONSTRAINT upload_file_report_ck CHECK (jsonb_typeof(report) = 'object')
);
CREATE INDEX upload_file_survey_ix ON upload_file (survey_id);

-- One record of a survey upload: a point, line or track as read, in
-- EPSG:4490 and as given (source_geom in source_crs).
CREATE TABLE survey_feature (
    upload_id   uuid    NOT NULL CONSTRAINT survey_feature_upload_fk REFERENCES survey_upload (id) ON DELETE CASCADE,
    idx         int     NOT NULL CONSTRAINT survey_feature_idx_ck CHECK (idx > 0),
    row_no      int     NOT NULL CONSTRAINT survey_feature_row_ck CHECK (row_no > 0),
    layer       text    NOT NULL DEFAULT '',
    geom        geometry(Geometry, 4490) NOT NULL,
    source_geom geometry NOT NULL,
    source_crs  int     NOT NULL,
    datum       text    NOT NULL CONSTRAINT survey_feature_datum_ck CHECK (datum IN ('CGCS2000', 'WGS84')),
    z           float8[],
    times       timestamptz[],
    attrs       jsonb   NOT NULL DEFAULT '{}' CONSTRAINT survey_feature_attrs_ck CHECK (jsonb_typeof(attrs) = 'object'),
    CONSTRAINT survey_feature_pk PRIMARY KEY (upload_id, idx)
);
CREATE INDEX survey_feature_geom_gix ON survey_feature USING gist (geom);

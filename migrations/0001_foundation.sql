-- 0001_foundation: the whole domain model of data/*.go.
--
-- Geometry is EPSG:4490 (CGCS2000 geographic, lon/lat degrees). Validity is
-- a half-open daterange [from, to); an unbounded side is NULL (open). Every
-- constraint is named: data/postgis maps errors to fields by these names, so
-- a renamed constraint must be renamed there too. Lists of small nested
-- things are jsonb arrays with snake_case keys.

CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Identity of an administrative unit across its versions.
CREATE TABLE admin_unit_identity (
    unit_id uuid        CONSTRAINT admin_unit_identity_pk PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now()
);

-- Division events (沿革).
CREATE TABLE division_event (
    id          uuid        CONSTRAINT division_event_pk PRIMARY KEY,
    type        text        NOT NULL CONSTRAINT division_event_type_ck CHECK (type IN (
                    'established', 'abolished', 'renamed', 'merged', 'split', 'parent_changed',
                    'boundary_changed', 'seat_moved', 'type_changed', 'code_changed',
                    'territory_transferred')),
    date        date        NOT NULL CONSTRAINT division_event_date_ck CHECK (date > '1900-01-01' AND date < '2200-01-01'),
    authority   text        NOT NULL DEFAULT '',
    document    text        NOT NULL DEFAULT '',
    description text        NOT NULL DEFAULT '',
    transferred geometry(MultiPolygon, 4490),
    created     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX division_event_date_ix ON division_event (date);
CREATE INDEX division_event_transferred_gix ON division_event USING gist (transferred);

-- One version of an administrative unit: the span in which its code, name,
-- type, parent and territory are unchanged.
CREATE TABLE admin_unit (
    id                 uuid        CONSTRAINT admin_unit_pk PRIMARY KEY,
    unit_id            uuid        NOT NULL CONSTRAINT admin_unit_unit_fk REFERENCES admin_unit_identity (unit_id),
    code               text        NOT NULL CONSTRAINT admin_unit_code_ck CHECK (code ~ '^[0-9]{6}([0-9]{3}){0,2}$'),
    name               text        NOT NULL CONSTRAINT admin_unit_name_ck CHECK (name <> ''),
    level              text        NOT NULL CONSTRAINT admin_unit_level_ck CHECK (level IN ('province', 'prefecture', 'county', 'township', 'village')),
    type               text        NOT NULL DEFAULT '',
    parent_id          uuid        CONSTRAINT admin_unit_parent_fk REFERENCES admin_unit_identity (unit_id),
    seat               geometry(Point, 4490),
    geom               geometry(MultiPolygon, 4490),
    valid              daterange   NOT NULL CONSTRAINT admin_unit_valid_ck CHECK (NOT isempty(valid)),
    began_by           uuid        CONSTRAINT admin_unit_began_by_fk REFERENCES division_event (id) DEFERRABLE INITIALLY DEFERRED,
    ended_by           uuid        CONSTRAINT admin_unit_ended_by_fk REFERENCES division_event (id) DEFERRABLE INITIALLY DEFERRED,
    approval_authority text        NOT NULL DEFAULT '',
    approval_document  text        NOT NULL DEFAULT '',
    approval_date      date,
    sources            jsonb       NOT NULL DEFAULT '[]' CONSTRAINT admin_unit_sources_ck CHECK (jsonb_typeof(sources) = 'array'),
    updated            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT admin_unit_level_code_ck CHECK (level = CASE
        WHEN length(code) = 12 THEN 'village'
        WHEN length(code) = 9 THEN 'township'
        WHEN substr(code, 3, 4) = '0000' THEN 'province'
        WHEN substr(code, 5, 2) = '00' THEN 'prefecture'
        ELSE 'county' END),
    CONSTRAINT admin_unit_parent_ck CHECK (parent_id <> unit_id),
    -- Two versions of one unit never overlap in time.
    CONSTRAINT admin_unit_version_overlap_ex EXCLUDE USING gist (unit_id WITH =, valid WITH &&),
    -- A code names at most one unit version at any date.
    CONSTRAINT admin_unit_code_overlap_ex EXCLUDE USING gist (code WITH =, valid WITH &&)
);
CREATE INDEX admin_unit_geom_gix ON admin_unit USING gist (geom);
CREATE INDEX admin_unit_valid_gix ON admin_unit USING gist (valid);
CREATE INDEX admin_unit_parent_ix ON admin_unit (parent_id);
CREATE INDEX admin_unit_level_ix ON admin_unit (level);

-- The versions an event ended (predecessors) and began (successors).
CREATE TABLE division_event_unit (
    event_id        uuid NOT NULL CONSTRAINT division_event_unit_event_fk REFERENCES division_event (id) ON DELETE CASCADE,
    role            text NOT NULL CONSTRAINT division_event_unit_role_ck CHECK (role IN ('predecessor', 'successor')),
    unit_version_id uuid NOT NULL CONSTRAINT division_event_unit_version_fk REFERENCES admin_unit (id) DEFERRABLE INITIALLY DEFERRED,
    ord             int  NOT NULL,
    CONSTRAINT division_event_unit_pk PRIMARY KEY (event_id, role, unit_version_id)
);
CREATE INDEX division_event_unit_version_ix ON division_event_unit (unit_version_id);

-- Survey uploads: provenance of everything derived from them.
CREATE TABLE survey_upload (
    id              uuid        CONSTRAINT survey_upload_pk PRIMARY KEY,
    team            text        NOT NULL DEFAULT '',
    device          text        NOT NULL DEFAULT '',
    method          text        NOT NULL DEFAULT '',
    crs             int         NOT NULL CONSTRAINT survey_upload_crs_ck CHECK (crs >= 0),
    accuracy_m      float8      NOT NULL CONSTRAINT survey_upload_accuracy_ck CHECK (accuracy_m >= 0 AND accuracy_m <= 1000),
    file_name       text        NOT NULL CONSTRAINT survey_upload_file_name_ck CHECK (file_name <> ''),
    media_type      text        NOT NULL DEFAULT '',
    sha256          text        NOT NULL CONSTRAINT survey_upload_sha256_ck CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size            bigint      NOT NULL CONSTRAINT survey_upload_size_ck CHECK (size >= 0),
    status          text        NOT NULL CONSTRAINT survey_upload_status_ck CHECK (status IN ('received', 'stored', 'rejected')),
    idempotency_key text        NOT NULL DEFAULT '',
    created         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX survey_upload_idempotency_uq ON survey_upload (idempotency_key) WHERE idempotency_key <> '';

-- Boundary lines, fixed by their agreements; geom is the agreed line.
CREATE TABLE boundary_line (
    id                  uuid        CONSTRAINT boundary_line_pk PRIMARY KEY,
    name                text        NOT NULL CONSTRAINT boundary_line_name_ck CHECK (name <> ''),
    level               text        NOT NULL CONSTRAINT boundary_line_level_ck CHECK (level IN ('province', 'county', 'township')),
    code                text        NOT NULL CONSTRAINT boundary_line_code_ck CHECK (code <> ''),
    unit_a              uuid        CONSTRAINT boundary_line_unit_a_fk REFERENCES admin_unit_identity (unit_id),
    unit_b              uuid        CONSTRAINT boundary_line_unit_b_fk REFERENCES admin_unit_identity (unit_id),
    code_a              text        CONSTRAINT boundary_line_code_a_ck CHECK (code_a ~ '^[0-9]{6}([0-9]{3}){0,2}$'),
    code_b              text        CONSTRAINT boundary_line_code_b_ck CHECK (code_b ~ '^[0-9]{6}([0-9]{3}){0,2}$'),
    numbering_direction text        NOT NULL DEFAULT '' CONSTRAINT boundary_line_direction_ck CHECK (numbering_direction IN ('', 'west_east', 'north_south')),
    legal_status        text        NOT NULL CONSTRAINT boundary_line_legal_status_ck CHECK (legal_status IN ('agreed', 'not_agreed', 'disputed')),
    technical_status    text        NOT NULL DEFAULT 'unknown' CONSTRAINT boundary_line_technical_status_ck CHECK (technical_status IN ('unknown', 'edge_matched', 'within_tolerance', 'not_matched')),
    agreements          jsonb       NOT NULL DEFAULT '[]' CONSTRAINT boundary_line_agreements_ck CHECK (jsonb_typeof(agreements) = 'array'),
    cycle_years         int         NOT NULL DEFAULT 5 CONSTRAINT boundary_line_cycle_ck CHECK (cycle_years BETWEEN 0 AND 50),
    last_inspected      date,
    geom                geometry(MultiLineString, 4490),
    valid               daterange   NOT NULL CONSTRAINT boundary_line_valid_ck CHECK (NOT isempty(valid)),
    updated             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT boundary_line_sides_ck CHECK (code_a < code_b),
    CONSTRAINT boundary_line_units_ck CHECK (unit_a <> unit_b),
    -- A provincial line code is the two provinces' codes, smaller first.
    CONSTRAINT boundary_line_province_code_ck CHECK (level <> 'province' OR
        (code ~ '^[0-9]{4}$' AND substr(code, 1, 2) < substr(code, 3, 2))),
    CONSTRAINT boundary_line_code_overlap_ex EXCLUDE USING gist (code WITH =, valid WITH &&),
    -- Target of marker_line_fk: markers carry their line's level and code.
    CONSTRAINT boundary_line_id_level_code_uq UNIQUE (id, level, code)
);
CREATE INDEX boundary_line_geom_gix ON boundary_line USING gist (geom);
CREATE INDEX boundary_line_valid_gix ON boundary_line USING gist (valid);

-- One party's or one survey's geometry of a line.
CREATE TABLE line_version (
    id         uuid        CONSTRAINT line_version_pk PRIMARY KEY,
    line_id    uuid        NOT NULL CONSTRAINT line_version_line_fk REFERENCES boundary_line (id),
    source     text        NOT NULL CONSTRAINT line_version_source_ck CHECK (source IN ('agreed', 'side_a', 'side_b', 'claim', 'resurvey')),
    party      text        CONSTRAINT line_version_party_ck CHECK (party ~ '^[0-9]{6}([0-9]{3}){0,2}$'),
    geom       geometry(MultiLineString, 4490) NOT NULL,
    source_crs int         NOT NULL CONSTRAINT line_version_source_crs_ck CHECK (source_crs >= 0),
    upload_id  uuid        CONSTRAINT line_version_upload_fk REFERENCES survey_upload (id),
    valid      daterange   NOT NULL CONSTRAINT line_version_valid_ck CHECK (NOT isempty(valid)),
    created    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX line_version_line_ix ON line_version (line_id);
CREATE INDEX line_version_geom_gix ON line_version USING gist (geom);

-- Boundary markers (界桩). line_level and line_code mirror the line (kept in
-- step by ON UPDATE CASCADE) so the number rule can be checked here.
CREATE TABLE marker (
    id                uuid        CONSTRAINT marker_pk PRIMARY KEY,
    line_id           uuid        NOT NULL,
    line_level        text        NOT NULL,
    line_code         text        NOT NULL,
    number            text        NOT NULL CONSTRAINT marker_number_ck CHECK (number <> ''),
    number_line       text,
    number_seq        int,
    number_type       text,
    physical_type     text        NOT NULL DEFAULT '',
    responsible_party text        CONSTRAINT marker_party_ck CHECK (responsible_party ~ '^[0-9]{6}([0-9]{3}){0,2}$'),
    position          geometry(Point, 4490) NOT NULL,
    source_crs        int         NOT NULL DEFAULT 0 CONSTRAINT marker_source_crs_ck CHECK (source_crs >= 0),
    datum             text        NOT NULL DEFAULT '',
    sigma_m           float8      NOT NULL DEFAULT 0 CONSTRAINT marker_sigma_ck CHECK (sigma_m >= 0 AND sigma_m <= 1000),
    reference_objects jsonb       NOT NULL DEFAULT '[]' CONSTRAINT marker_references_ck CHECK (jsonb_typeof(reference_objects) = 'array'),
    status            text        CONSTRAINT marker_status_ck CHECK (status IN ('intact', 'damaged', 'moved', 'missing')),
    installed         date,
    valid             daterange   NOT NULL CONSTRAINT marker_valid_ck CHECK (NOT isempty(valid)),
    updated           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT marker_line_fk FOREIGN KEY (line_id, line_level, line_code)
        REFERENCES boundary_line (id, level, code) ON UPDATE CASCADE,
    CONSTRAINT marker_number_parts_ck CHECK (
        (number_line IS NULL AND number_seq IS NULL AND number_type IS NULL) OR
        number = number_line || lpad(number_seq::text, 3, '0') || number_type),
    -- On a provincial line: 4-digit line code equal to the line's, sequence
    -- from 001, type letter Q, A–B or C–E.
    CONSTRAINT marker_provincial_number_ck CHECK (line_level <> 'province' OR (
        number ~ '^[0-9]{7}[QABCDE]$' AND substr(number, 5, 3) <> '000' AND
        substr(number, 1, 4) = line_code AND number_line IS NOT NULL)),
    CONSTRAINT marker_number_overlap_ex EXCLUDE USING gist (line_id WITH =, number WITH =, valid WITH &&)
);
CREATE INDEX marker_position_gix ON marker USING gist (position);
CREATE INDEX marker_valid_gix ON marker USING gist (valid);

-- The parts of a line between consecutive markers.
CREATE TABLE segment (
    line_id     uuid NOT NULL CONSTRAINT segment_line_fk REFERENCES boundary_line (id),
    from_marker uuid NOT NULL CONSTRAINT segment_from_fk REFERENCES marker (id),
    to_marker   uuid NOT NULL CONSTRAINT segment_to_fk REFERENCES marker (id),
    direction   text NOT NULL DEFAULT '' CONSTRAINT segment_direction_ck CHECK (direction IN ('',
                    'N', 'NNE', 'NE', 'ENE', 'E', 'ESE', 'SE', 'SSE', 'S', 'SSW', 'SW', 'WSW', 'W', 'WNW', 'NW', 'NNW')),
    description text NOT NULL DEFAULT '',
    CONSTRAINT segment_pk PRIMARY KEY (line_id, from_marker),
    CONSTRAINT segment_markers_ck CHECK (from_marker <> to_marker)
);

-- Joint inspections (联检) of one line.
CREATE TABLE inspection_round (
    id       uuid        CONSTRAINT inspection_round_pk PRIMARY KEY,
    line_id  uuid        NOT NULL CONSTRAINT inspection_round_line_fk REFERENCES boundary_line (id),
    year     int         NOT NULL CONSTRAINT inspection_round_year_ck CHECK (year BETWEEN 1949 AND 2200),
    type     text        NOT NULL CONSTRAINT inspection_round_type_ck CHECK (type IN ('regular', 'special')),
    reason   text        NOT NULL DEFAULT '',
    parties  text[]      NOT NULL DEFAULT '{}' CONSTRAINT inspection_round_parties_ck CHECK (
                 array_to_string(parties, ',') ~ '^([0-9]{6}([0-9]{3}){0,2}(,[0-9]{6}([0-9]{3}){0,2})*)?$'),
    phase    text        NOT NULL DEFAULT '' CONSTRAINT inspection_round_phase_ck CHECK (phase IN ('', 'desk', 'field')),
    sections jsonb       NOT NULL DEFAULT '[]' CONSTRAINT inspection_round_sections_ck CHECK (jsonb_typeof(sections) = 'array'),
    status   text        NOT NULL DEFAULT 'open' CONSTRAINT inspection_round_status_ck CHECK (status IN ('open', 'validated', 'signed')),
    created  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT inspection_round_reason_ck CHECK (type <> 'special' OR reason <> '')
);
CREATE INDEX inspection_round_line_ix ON inspection_round (line_id);
-- One regular round per line and year.
CREATE UNIQUE INDEX inspection_round_regular_uq ON inspection_round (line_id, year) WHERE type = 'regular';

-- Status history of markers.
CREATE TABLE marker_status (
    id        bigint      GENERATED ALWAYS AS IDENTITY CONSTRAINT marker_status_pk PRIMARY KEY,
    marker_id uuid        NOT NULL CONSTRAINT marker_status_marker_fk REFERENCES marker (id),
    at        timestamptz NOT NULL,
    status    text        NOT NULL CONSTRAINT marker_status_status_ck CHECK (status IN ('intact', 'damaged', 'moved', 'missing')),
    flags     jsonb       NOT NULL DEFAULT '[]' CONSTRAINT marker_status_flags_ck CHECK (jsonb_typeof(flags) = 'array'),
    upkeep    jsonb       NOT NULL DEFAULT '[]' CONSTRAINT marker_status_upkeep_ck CHECK (jsonb_typeof(upkeep) = 'array'),
    round_id  uuid        CONSTRAINT marker_status_round_fk REFERENCES inspection_round (id),
    note      text        NOT NULL DEFAULT '',
    CONSTRAINT marker_status_at_uq UNIQUE (marker_id, at)
);

-- Points where three lines and three units meet (三交点).
CREATE TABLE tri_junction (
    id        uuid        CONSTRAINT tri_junction_pk PRIMARY KEY,
    name      text        NOT NULL CONSTRAINT tri_junction_name_ck CHECK (name <> ''),
    line_1    uuid        CONSTRAINT tri_junction_line_1_fk REFERENCES boundary_line (id),
    line_2    uuid        CONSTRAINT tri_junction_line_2_fk REFERENCES boundary_line (id),
    line_3    uuid        CONSTRAINT tri_junction_line_3_fk REFERENCES boundary_line (id),
    unit_1    uuid        CONSTRAINT tri_junction_unit_1_fk REFERENCES admin_unit_identity (unit_id),
    unit_2    uuid        CONSTRAINT tri_junction_unit_2_fk REFERENCES admin_unit_identity (unit_id),
    unit_3    uuid        CONSTRAINT tri_junction_unit_3_fk REFERENCES admin_unit_identity (unit_id),
    agreed    geometry(Point, 4490) NOT NULL,
    sigma_m   float8      NOT NULL DEFAULT 0 CONSTRAINT tri_junction_sigma_ck CHECK (sigma_m >= 0 AND sigma_m <= 1000),
    marker_id uuid        CONSTRAINT tri_junction_marker_fk REFERENCES marker (id),
    updated   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tri_junction_lines_ck CHECK (line_1 <> line_2 AND line_1 <> line_3 AND line_2 <> line_3),
    CONSTRAINT tri_junction_units_ck CHECK (unit_1 <> unit_2 AND unit_1 <> unit_3 AND unit_2 <> unit_3)
);
CREATE INDEX tri_junction_agreed_gix ON tri_junction USING gist (agreed);

-- A party's record of one marker in a round.
CREATE TABLE marker_check (
    id             uuid        CONSTRAINT marker_check_pk PRIMARY KEY,
    round_id       uuid        NOT NULL CONSTRAINT marker_check_round_fk REFERENCES inspection_round (id),
    marker_id      uuid        NOT NULL CONSTRAINT marker_check_marker_fk REFERENCES marker (id),
    party          text        NOT NULL CONSTRAINT marker_check_party_ck CHECK (party ~ '^[0-9]{6}([0-9]{3}){0,2}$'),
    observed       geometry(Point, 4490),
    method         text        NOT NULL DEFAULT '',
    accuracy_m     float8      NOT NULL DEFAULT 0 CONSTRAINT marker_check_accuracy_ck CHECK (accuracy_m >= 0 AND accuracy_m <= 1000),
    device         text        NOT NULL DEFAULT '',
    observed_at    timestamptz,
    surveyor       text        NOT NULL DEFAULT '',
    status         text        CONSTRAINT marker_check_status_ck CHECK (status IN ('intact', 'damaged', 'moved', 'missing')),
    flags          jsonb       NOT NULL DEFAULT '[]' CONSTRAINT marker_check_flags_ck CHECK (jsonb_typeof(flags) = 'array'),
    upkeep         jsonb       NOT NULL DEFAULT '[]' CONSTRAINT marker_check_upkeep_ck CHECK (jsonb_typeof(upkeep) = 'array'),
    displacement_m float8      CONSTRAINT marker_check_displacement_ck CHECK (displacement_m >= 0 AND displacement_m < 'Infinity'),
    photos         jsonb       NOT NULL DEFAULT '[]' CONSTRAINT marker_check_photos_ck CHECK (jsonb_typeof(photos) = 'array'),
    CONSTRAINT marker_check_party_uq UNIQUE (round_id, marker_id, party)
);
CREATE INDEX marker_check_marker_ix ON marker_check (marker_id);

-- A party's record of one segment in a round.
CREATE TABLE segment_check (
    id             uuid    CONSTRAINT segment_check_pk PRIMARY KEY,
    round_id       uuid    NOT NULL CONSTRAINT segment_check_round_fk REFERENCES inspection_round (id),
    party          text    NOT NULL CONSTRAINT segment_check_party_ck CHECK (party ~ '^[0-9]{6}([0-9]{3}){0,2}$'),
    from_marker    uuid    NOT NULL CONSTRAINT segment_check_from_fk REFERENCES marker (id),
    to_marker      uuid    NOT NULL CONSTRAINT segment_check_to_fk REFERENCES marker (id),
    terrain_change boolean NOT NULL DEFAULT false,
    resurveyed     boolean NOT NULL DEFAULT false,
    construction   text    NOT NULL DEFAULT '',
    note           text    NOT NULL DEFAULT '',
    geom           geometry(LineString, 4490),
    CONSTRAINT segment_check_markers_ck CHECK (from_marker <> to_marker),
    CONSTRAINT segment_check_party_uq UNIQUE (round_id, party, from_marker, to_marker)
);

-- Results of the checks C1–C20.
CREATE TABLE finding (
    id          uuid   CONSTRAINT finding_pk PRIMARY KEY,
    round_id    uuid   NOT NULL CONSTRAINT finding_round_fk REFERENCES inspection_round (id),
    rule        text   NOT NULL CONSTRAINT finding_rule_ck CHECK (rule ~ '^C([1-9]|1[0-9]|20)$'),
    severity    text   NOT NULL CONSTRAINT finding_severity_ck CHECK (severity IN ('info', 'warning', 'error')),
    location    geometry(Geometry, 4490),
    measured    float8 NOT NULL DEFAULT 0,
    tolerance   float8 NOT NULL DEFAULT 0,
    message_zh  text   NOT NULL DEFAULT '',
    message_en  text   NOT NULL DEFAULT '',
    remediation text   NOT NULL DEFAULT '',
    acceptances jsonb  NOT NULL DEFAULT '[]' CONSTRAINT finding_acceptances_ck CHECK (jsonb_typeof(acceptances) = 'array'),
    CONSTRAINT finding_message_ck CHECK (message_zh <> '' OR message_en <> '')
);
CREATE INDEX finding_round_ix ON finding (round_id);
CREATE INDEX finding_location_gix ON finding USING gist (location);

-- One sign-off per party of a round's report.
CREATE TABLE signature (
    round_id  uuid        NOT NULL CONSTRAINT signature_round_fk REFERENCES inspection_round (id),
    party     text        NOT NULL CONSTRAINT signature_party_ck CHECK (party ~ '^[0-9]{6}([0-9]{3}){0,2}$'),
    signer    text        NOT NULL CONSTRAINT signature_signer_ck CHECK (signer <> ''),
    signed_at timestamptz NOT NULL,
    digest    text        NOT NULL CONSTRAINT signature_digest_ck CHECK (digest ~ '^[0-9a-f]{64}$'),
    CONSTRAINT signature_pk PRIMARY KEY (round_id, party)
);

-- Place names and POIs: features that bear names.
CREATE TABLE named_place (
    id              uuid        CONSTRAINT named_place_pk PRIMARY KEY,
    kind            text        NOT NULL CONSTRAINT named_place_kind_ck CHECK (kind IN ('place_name', 'poi')),
    census_code     text        NOT NULL DEFAULT '',
    category        text        NOT NULL DEFAULT '',
    census_class    text        NOT NULL DEFAULT '',
    legal_class     int         NOT NULL DEFAULT 0,
    geom            geometry(Geometry, 4490) NOT NULL,
    location_method text        NOT NULL DEFAULT '',
    precision_m     float8      NOT NULL DEFAULT 0 CONSTRAINT named_place_precision_ck CHECK (precision_m >= 0 AND precision_m < 'Infinity'),
    admin_codes     text[]      NOT NULL DEFAULT '{}' CONSTRAINT named_place_admin_codes_ck CHECK (
                        array_to_string(admin_codes, ',') ~ '^([0-9]{6}([0-9]{3}){0,2}(,[0-9]{6}([0-9]{3}){0,2})*)?$'),
    meaning         text        NOT NULL DEFAULT '',
    history         text        NOT NULL DEFAULT '',
    description     text        NOT NULL DEFAULT '',
    min_zoom        int         NOT NULL DEFAULT 0,
    max_zoom        int         NOT NULL DEFAULT 0,
    review          text        NOT NULL CONSTRAINT named_place_review_ck CHECK (review IN ('draft', 'reviewed', 'published')),
    reviewed_by     text        NOT NULL DEFAULT '',
    reviewed_at     timestamptz,
    valid           daterange   NOT NULL CONSTRAINT named_place_valid_ck CHECK (NOT isempty(valid)),
    sources         jsonb       NOT NULL DEFAULT '[]' CONSTRAINT named_place_sources_ck CHECK (jsonb_typeof(sources) = 'array'),
    registered_by   text        NOT NULL DEFAULT '',
    updated         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT named_place_legal_class_ck CHECK (legal_class BETWEEN 0 AND 8 AND (kind = 'poi' OR legal_class > 0)),
    CONSTRAINT named_place_zoom_ck CHECK (min_zoom BETWEEN 0 AND 24 AND max_zoom BETWEEN 0 AND 24 AND
        (max_zoom = 0 OR min_zoom <= max_zoom))
);
CREATE UNIQUE INDEX named_place_census_code_uq ON named_place (census_code) WHERE census_code <> '';
CREATE INDEX named_place_geom_gix ON named_place USING gist (geom);
CREATE INDEX named_place_valid_gix ON named_place USING gist (valid);
CREATE INDEX named_place_admin_codes_gix ON named_place USING gin (admin_codes);

-- The names of a place, the standard name first (ord 0).
CREATE TABLE place_name (
    id              uuid      CONSTRAINT place_name_pk PRIMARY KEY,
    place_id        uuid      NOT NULL CONSTRAINT place_name_place_fk REFERENCES named_place (id) ON DELETE CASCADE,
    ord             int       NOT NULL,
    status          text      NOT NULL CONSTRAINT place_name_status_ck CHECK (status IN ('standard', 'short', 'alias', 'historical')),
    lang            text      NOT NULL DEFAULT '',
    text            text      NOT NULL CONSTRAINT place_name_text_ck CHECK (text <> ''),
    pinyin          text      NOT NULL DEFAULT '',
    pinyin_reviewed boolean   NOT NULL DEFAULT false,
    pronunciation   text      NOT NULL DEFAULT '',
    valid           daterange NOT NULL CONSTRAINT place_name_valid_ck CHECK (NOT isempty(valid)),
    citations       jsonb     NOT NULL DEFAULT '[]' CONSTRAINT place_name_citations_ck CHECK (jsonb_typeof(citations) = 'array'),
    approval        jsonb     CONSTRAINT place_name_approval_ck CHECK (jsonb_typeof(approval) = 'object'),
    CONSTRAINT place_name_ord_uq UNIQUE (place_id, ord),
    -- One standard name per place and language at any date.
    CONSTRAINT place_name_standard_overlap_ex EXCLUDE USING gist (place_id WITH =, lang WITH =, valid WITH &&)
        WHERE (status = 'standard')
);
CREATE INDEX place_name_text_ix ON place_name (text);

-- Place names on a protection list (地名保护名录).
CREATE TABLE protection_listing (
    id        uuid CONSTRAINT protection_listing_pk PRIMARY KEY,
    place_id  uuid NOT NULL CONSTRAINT protection_listing_place_fk REFERENCES named_place (id),
    batch     text NOT NULL DEFAULT '',
    category  text NOT NULL DEFAULT '',
    period    text NOT NULL DEFAULT '',
    listed    date,
    authority text NOT NULL DEFAULT '',
    document  text NOT NULL DEFAULT '',
    CONSTRAINT protection_listing_place_batch_uq UNIQUE (place_id, batch)
);

-- Place-name signs (地名标志), including protection markers.
CREATE TABLE sign (
    id         uuid        CONSTRAINT sign_pk PRIMARY KEY,
    place_id   uuid        CONSTRAINT sign_place_fk REFERENCES named_place (id),
    listing_id uuid        CONSTRAINT sign_listing_fk REFERENCES protection_listing (id),
    kind       text        NOT NULL CONSTRAINT sign_kind_ck CHECK (kind <> ''),
    position   geometry(Point, 4490) NOT NULL,
    text       text        NOT NULL CONSTRAINT sign_text_ck CHECK (text <> ''),
    spec       text        NOT NULL DEFAULT '',
    installed  date,
    status     text        CONSTRAINT sign_status_ck CHECK (status IN ('good', 'damaged', 'missing', 'removed')),
    history    jsonb       NOT NULL DEFAULT '[]' CONSTRAINT sign_history_ck CHECK (jsonb_typeof(history) = 'array'),
    updated    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_position_gix ON sign USING gist (position);
CREATE INDEX sign_place_ix ON sign (place_id);

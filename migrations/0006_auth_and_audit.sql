-- API tokens and the append-only audit log.
--
-- A token is stored as the SHA-256 of its secret (256 random bits), never
-- the secret; prefix (the first 12 characters of the secret) tells tokens
-- apart in listings. A token is revoked by setting revoked; it expires at
-- expires.
--
-- The audit log records every write: who, when, which entity and id, and
-- the SHA-256 of the record before and after. It is append-only: a trigger
-- refuses UPDATE and DELETE, another refuses TRUNCATE, and the service
-- role (if one exists) is granted INSERT and SELECT only.

CREATE TABLE api_token (
    id      uuid        CONSTRAINT api_token_pk PRIMARY KEY,
    name    text        NOT NULL CONSTRAINT api_token_name_ck CHECK (btrim(name) <> ''),
    role    text        NOT NULL CONSTRAINT api_token_role_ck CHECK (role IN ('viewer', 'surveyor', 'inspector', 'admin')),
    party   text        NOT NULL DEFAULT '',
    team    text        NOT NULL DEFAULT '',
    prefix  text        NOT NULL CONSTRAINT api_token_prefix_ck CHECK (prefix ~ '^tpn_[A-Za-z0-9_-]{8}$'),
    hash    text        NOT NULL CONSTRAINT api_token_hash_ck CHECK (hash ~ '^[0-9a-f]{64}$'),
    created timestamptz NOT NULL DEFAULT now(),
    expires timestamptz,
    revoked timestamptz,
    CONSTRAINT api_token_hash_uq UNIQUE (hash),
    CONSTRAINT api_token_scope_ck CHECK (
        (role = 'inspector') = (party ~ '^[0-9]{6}([0-9]{3}){0,2}$') AND
        (role = 'inspector' OR party = '') AND
        (role = 'surveyor') = (btrim(team) <> ''))
);

CREATE TABLE audit_log (
    seq        bigint      GENERATED ALWAYS AS IDENTITY CONSTRAINT audit_log_pk PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    actor      text        NOT NULL CONSTRAINT audit_log_actor_ck CHECK (actor <> ''),
    role       text        NOT NULL DEFAULT '' CONSTRAINT audit_log_role_ck
                           CHECK (role IN ('', 'viewer', 'surveyor', 'inspector', 'admin')),
    action     text        NOT NULL CONSTRAINT audit_log_action_ck CHECK (action IN ('create', 'update', 'add', 'revoke', 'delete')),
    entity     text        NOT NULL CONSTRAINT audit_log_entity_ck CHECK (entity <> ''),
    entity_id  text        NOT NULL CONSTRAINT audit_log_entity_id_ck CHECK (entity_id <> ''),
    before     text        NOT NULL DEFAULT '' CONSTRAINT audit_log_before_ck CHECK (before = '' OR before ~ '^[0-9a-f]{64}$'),
    after      text        NOT NULL CONSTRAINT audit_log_after_ck CHECK (after ~ '^[0-9a-f]{64}$'),
    request_id text        NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_entity_ix ON audit_log (entity, entity_id, seq);
CREATE INDEX audit_log_actor_ix ON audit_log (actor, seq);
CREATE INDEX audit_log_at_ix ON audit_log (at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'audit_log_append_only';
END
$$;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- A deployment that runs the service as role toponym_app (not the owner)
-- gets no UPDATE, DELETE or TRUNCATE on the log at all.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'toponym_app') THEN
        REVOKE ALL ON audit_log FROM toponym_app;
        GRANT SELECT, INSERT ON audit_log TO toponym_app;
        GRANT SELECT, INSERT, UPDATE ON api_token TO toponym_app;
    END IF;
END
$$;

package postgis

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/puddle/v2"

	"github.com/toponym/toponym/data"
)

// constraintInfo says which field a constraint guards and what to tell the
// user when a write breaks it.
type constraintInfo struct {
	field   string
	message string
}

// constraints maps every named constraint of the schema to a field and a
// user-safe message. The kind comes from the SQLSTATE.
var constraints = map[string]constraintInfo{
	"admin_unit_pk":                  {"id", "an admin-unit version with this ID already exists"},
	"admin_unit_unit_fk":             {"unit_id", "the unit does not exist"},
	"admin_unit_code_ck":             {"code", "division code must have 6, 9 or 12 digits"},
	"admin_unit_name_ck":             {"name", "name is required"},
	"admin_unit_level_ck":            {"level", "level must be province, prefecture, county, township or village"},
	"admin_unit_level_code_ck":       {"level", "level does not match the division code"},
	"admin_unit_parent_fk":           {"parent_id", "the parent unit does not exist"},
	"admin_unit_parent_ck":           {"parent_id", "a unit cannot be its own parent"},
	"admin_unit_valid_ck":            {"valid", "validity period is empty"},
	"admin_unit_began_by_fk":         {"began_by", "the division event that began this version does not exist"},
	"admin_unit_ended_by_fk":         {"ended_by", "the division event that ended this version does not exist"},
	"admin_unit_version_overlap_ex":  {"valid", "another version of this unit overlaps this validity period"},
	"admin_unit_code_overlap_ex":     {"code", "another unit version holds this code during this validity period"},
	"division_event_pk":              {"id", "a division event with this ID already exists"},
	"division_event_type_ck":         {"type", "unknown division event type"},
	"division_event_date_ck":         {"date", "event date is out of range"},
	"division_event_unit_event_fk":   {"id", "the division event does not exist"},
	"division_event_unit_role_ck":    {"predecessors", "a linked version is either a predecessor or a successor"},
	"admin_unit_identity_pk":         {"unit_id", "this unit already exists"},
	"admin_unit_sources_ck":          {"sources", "sources must be a list"},
	"division_event_unit_pk":         {"successors", "a version is listed twice in the event"},
	"division_event_unit_version_fk": {"predecessors", "a predecessor or successor version does not exist"},
	"survey_upload_pk":               {"id", "a survey upload with this ID already exists"},
	"survey_upload_crs_ck":           {"crs", "CRS must be an EPSG code"},
	"survey_upload_accuracy_ck":      {"accuracy_m", "accuracy must be 0–1000 m"},
	"survey_upload_file_name_ck":     {"file_name", "file name is required"},
	"survey_upload_sha256_ck":        {"sha256", "SHA-256 must be 64 lower-case hex digits"},
	"survey_upload_size_ck":          {"size", "size must not be negative"},
	"survey_upload_status_ck":        {"status", "status must be received, stored or rejected"},
	"survey_upload_idempotency_uq":   {"idempotency_key", "an upload with this idempotency key already exists"},
	"boundary_line_pk":               {"id", "a boundary line with this ID already exists"},
	"boundary_line_name_ck":          {"name", "name is required"},
	"boundary_line_level_ck":         {"level", "a boundary line separates provinces, counties or townships"},
	"boundary_line_code_ck":          {"code", "line code is required"},
	"boundary_line_unit_a_fk":        {"unit_a", "unit A does not exist"},
	"boundary_line_unit_b_fk":        {"unit_b", "unit B does not exist"},
	"boundary_line_code_a_ck":        {"code_a", "division code must have 6, 9 or 12 digits"},
	"boundary_line_code_b_ck":        {"code_b", "division code must have 6, 9 or 12 digits"},
	"boundary_line_direction_ck":     {"numbering_direction", "numbering direction must be west_east or north_south"},
	"boundary_line_legal_status_ck":  {"legal_status", "legal status must be agreed, not_agreed or disputed"},
	"boundary_line_technical_status_ck": {"technical_status",
		"technical status must be unknown, edge_matched, within_tolerance or not_matched"},
	"boundary_line_agreements_ck":    {"agreements", "agreements must be a list"},
	"boundary_line_cycle_ck":         {"cycle_years", "inspection cycle must be 0–50 years"},
	"boundary_line_valid_ck":         {"valid", "validity period is empty"},
	"boundary_line_sides_ck":         {"code_a", "side A must have the smaller code"},
	"boundary_line_units_ck":         {"unit_b", "a line separates two different units"},
	"boundary_line_province_code_ck": {"code", "a provincial line code is the two provinces' 2-digit codes, smaller first"},
	"boundary_line_code_overlap_ex":  {"code", "another boundary line holds this code during this validity period"},
	"boundary_line_id_level_code_uq": {"id", "a boundary line with this ID already exists"},
	"line_version_pk":                {"id", "a line version with this ID already exists"},
	"line_version_line_fk":           {"line_id", "the boundary line does not exist"},
	"line_version_source_ck":         {"source", "source must be agreed, side_a, side_b, claim or resurvey"},
	"line_version_party_ck":          {"party", "division code must have 6, 9 or 12 digits"},
	"line_version_source_crs_ck":     {"source_crs", "source CRS must be an EPSG code"},
	"line_version_upload_fk":         {"upload_id", "the survey upload does not exist"},
	"line_version_valid_ck":          {"valid", "validity period is empty"},
	"marker_pk":                      {"id", "a marker with this ID already exists"},
	"marker_line_fk":                 {"line_id", "the boundary line does not exist"},
	"marker_number_ck":               {"number", "marker number is required"},
	"marker_number_parts_ck":         {"number", "parsed marker number does not match the number"},
	"marker_provincial_number_ck":    {"number", "a provincial-line marker number is the line code, a 3-digit sequence from 001 and a type letter Q, A–E"},
	"marker_number_overlap_ex":       {"number", "another marker of this line holds this number during this validity period"},
	"marker_party_ck":                {"responsible_party", "division code must have 6, 9 or 12 digits"},
	"marker_source_crs_ck":           {"source_crs", "source CRS must be an EPSG code"},
	"marker_sigma_ck":                {"sigma_m", "σ must be 0–1000 m"},
	"marker_references_ck":           {"references", "references must be a list"},
	"marker_status_ck":               {"status", "status must be intact, damaged, moved or missing"},
	"marker_valid_ck":                {"valid", "validity period is empty"},
	"segment_pk":                     {"from_marker", "this segment is already recorded"},
	"segment_line_fk":                {"line_id", "the boundary line does not exist"},
	"segment_from_fk":                {"from_marker", "the marker does not exist"},
	"segment_to_fk":                  {"to_marker", "the marker does not exist"},
	"segment_direction_ck":           {"direction", "direction must be a 16-point compass direction"},
	"segment_markers_ck":             {"to_marker", "a segment joins two different markers"},
	"inspection_round_pk":            {"id", "an inspection round with this ID already exists"},
	"inspection_round_line_fk":       {"line_id", "the boundary line does not exist"},
	"inspection_round_year_ck":       {"year", "year is out of range 1949–2200"},
	"inspection_round_type_ck":       {"type", "round type must be regular or special"},
	"inspection_round_parties_ck":    {"parties", "every party must be a division code of 6, 9 or 12 digits"},
	"inspection_round_phase_ck":      {"phase", "phase must be desk or field"},
	"inspection_round_sections_ck":   {"sections", "sections must be a list"},
	"inspection_round_status_ck":     {"status", "status must be open, validated or signed"},
	"inspection_round_reason_ck":     {"reason", "a special round needs a reason"},
	"inspection_round_regular_uq":    {"year", "this line already has a regular inspection round this year"},
	"marker_status_pk":               {"id", "duplicate status record"},
	"marker_status_marker_fk":        {"marker_id", "the marker does not exist"},
	"marker_status_status_ck":        {"status", "status must be intact, damaged, moved or missing"},
	"marker_status_round_fk":         {"round_id", "the inspection round does not exist"},
	"marker_status_at_uq":            {"at", "this marker already has a status record at this time"},
	"marker_status_flags_ck":         {"flags", "flags must be a list"},
	"marker_status_upkeep_ck":        {"upkeep", "upkeep must be a list"},
	"tri_junction_pk":                {"id", "a tri-junction with this ID already exists"},
	"tri_junction_name_ck":           {"name", "name is required"},
	"tri_junction_line_1_fk":         {"line_ids", "a boundary line does not exist"},
	"tri_junction_line_2_fk":         {"line_ids", "a boundary line does not exist"},
	"tri_junction_line_3_fk":         {"line_ids", "a boundary line does not exist"},
	"tri_junction_unit_1_fk":         {"unit_ids", "a unit does not exist"},
	"tri_junction_unit_2_fk":         {"unit_ids", "a unit does not exist"},
	"tri_junction_unit_3_fk":         {"unit_ids", "a unit does not exist"},
	"tri_junction_sigma_ck":          {"sigma_m", "σ must be 0–1000 m"},
	"tri_junction_marker_fk":         {"marker_id", "the marker does not exist"},
	"tri_junction_lines_ck":          {"line_ids", "a tri-junction joins three different lines"},
	"tri_junction_units_ck":          {"unit_ids", "a tri-junction joins three different units"},
	"marker_check_pk":                {"id", "a marker check with this ID already exists"},
	"marker_check_round_fk":          {"round_id", "the inspection round does not exist"},
	"marker_check_marker_fk":         {"marker_id", "the marker does not exist"},
	"marker_check_party_ck":          {"party", "division code must have 6, 9 or 12 digits"},
	"marker_check_accuracy_ck":       {"accuracy_m", "accuracy must be 0–1000 m"},
	"marker_check_status_ck":         {"status", "status must be intact, damaged, moved or missing"},
	"marker_check_displacement_ck":   {"displacement_m", "displacement must be a finite distance ≥ 0"},
	"marker_check_party_uq":          {"marker_id", "this party already recorded this marker in this round"},
	"marker_check_flags_ck":          {"flags", "flags must be a list"},
	"marker_check_upkeep_ck":         {"upkeep", "upkeep must be a list"},
	"marker_check_photos_ck":         {"photos", "photos must be a list"},
	// 0005: the inspection workflow.
	"boundary_line_side_of_a_ck":        {"side_of_a", "side of A must be left or right"},
	"boundary_line_tolerances_ck":       {"tolerances", "tolerances must be an object of names and numbers"},
	"line_version_round_fk":             {"round_id", "the inspection round does not exist"},
	"marker_check_reference_objects_ck": {"references", "reference objects must be a list"},
	"segment_check_pk":                  {"id", "a segment check with this ID already exists"},
	"segment_check_round_fk":            {"round_id", "the inspection round does not exist"},
	"segment_check_party_ck":            {"party", "division code must have 6, 9 or 12 digits"},
	"segment_check_from_fk":             {"from_marker", "the marker does not exist"},
	"segment_check_to_fk":               {"to_marker", "the marker does not exist"},
	"segment_check_markers_ck":          {"to_marker", "a segment joins two different markers"},
	"segment_check_party_uq":            {"from_marker", "this party already recorded this segment in this round"},
	"finding_pk":                        {"id", "a finding with this ID already exists"},
	"finding_round_fk":                  {"round_id", "the inspection round does not exist"},
	"finding_rule_ck":                   {"rule", "rule must be one of C1–C20"},
	"finding_severity_ck":               {"severity", "severity must be info, warning or error"},
	"finding_message_ck":                {"message_zh", "a finding needs a message"},
	"finding_acceptances_ck":            {"acceptances", "acceptances must be a list"},
	"signature_pk":                      {"party", "this party has already signed this round"},
	"signature_round_fk":                {"round_id", "the inspection round does not exist"},
	"signature_party_ck":                {"party", "division code must have 6, 9 or 12 digits"},
	"signature_signer_ck":               {"signer", "signer is required"},
	"signature_digest_ck":               {"digest", "digest must be 64 lower-case hex digits (SHA-256)"},
	"named_place_pk":                    {"id", "a place with this ID already exists"},
	"named_place_kind_ck":               {"kind", "kind must be place_name or poi"},
	"named_place_precision_ck":          {"precision_m", "precision must be a finite distance ≥ 0"},
	"named_place_admin_codes_ck":        {"admin_codes", "every containing unit must be a division code of 6, 9 or 12 digits"},
	"named_place_review_ck":             {"review", "review status must be draft, reviewed or published"},
	"named_place_valid_ck":              {"valid", "validity period is empty"},
	"named_place_sources_ck":            {"sources", "sources must be a list"},
	"named_place_legal_class_ck":        {"legal_class", "legal class must be 1–8 for a place name, 0–8 for a POI"},
	"named_place_zoom_ck":               {"min_zoom", "zoom range must lie within 0–24"},
	"named_place_census_code_uq":        {"census_code", "another place holds this census code"},
	"place_name_pk":                     {"names", "a name with this ID already exists"},
	"place_name_place_fk":               {"place_id", "the place does not exist"},
	"place_name_status_ck":              {"names", "name status must be standard, short, alias or historical"},
	"place_name_text_ck":                {"names", "a name needs its text"},
	"place_name_valid_ck":               {"names", "a name's validity period is empty"},
	"place_name_citations_ck":           {"names", "citations must be a list"},
	"place_name_approval_ck":            {"names", "approval must be an object"},
	"place_name_ord_uq":                 {"names", "duplicate name position"},
	"place_name_standard_overlap_ex":    {"names", "two standard names of this place in one language overlap in time"},
	"protection_listing_pk":             {"id", "a protection listing with this ID already exists"},
	"protection_listing_place_fk":       {"place_id", "the place does not exist"},
	"protection_listing_place_batch_uq": {"batch", "this place is already listed in this batch"},
	"sign_pk":                           {"id", "a sign with this ID already exists"},
	"sign_place_fk":                     {"place_id", "the place does not exist"},
	"sign_listing_fk":                   {"listing_id", "the protection listing does not exist"},
	"sign_kind_ck":                      {"kind", "kind is required"},
	"sign_text_ck":                      {"text", "text is required"},
	"sign_status_ck":                    {"status", "status must be good, damaged, missing or removed"},
	"sign_history_ck":                   {"history", "history must be a list"},
	// Surveys and imports (migration 0004).
	"survey_pk":                   {"id", "a survey with this ID already exists"},
	"survey_team_ck":              {"team", "team is required"},
	"survey_crs_ck":               {"crs", "CRS must be EPSG:4490, EPSG:4326 or a Gauss-Krüger zone 4513–4554"},
	"survey_accuracy_ck":          {"accuracy_m", "accuracy must be 0–1000 m"},
	"upload_file_pk":              {"upload_id", "this upload's file is already stored"},
	"upload_file_upload_fk":       {"upload_id", "the upload does not exist"},
	"upload_file_survey_fk":       {"survey_id", "the survey does not exist"},
	"upload_file_target_ck":       {"target", "target must be survey or places"},
	"upload_file_request_hash_ck": {"request_hash", "request hash must be 64 lower-case hex digits"},
	"upload_file_report_ck":       {"report", "report must be a JSON object"},
	"survey_feature_pk":           {"index", "a record with this index is already stored for the upload"},
	"survey_feature_upload_fk":    {"upload_id", "the upload does not exist"},
	"survey_feature_idx_ck":       {"index", "record index must be positive"},
	"survey_feature_row_ck":       {"row", "row must be positive"},
	"survey_feature_datum_ck":     {"datum", "datum must be CGCS2000 or WGS84"},
	"survey_feature_attrs_ck":     {"attrs", "attributes must be a JSON object"},
	// 0006: API tokens and the audit log.
	"api_token_pk":           {"id", "a token with this ID already exists"},
	"api_token_name_ck":      {"name", "token name is required"},
	"api_token_role_ck":      {"role", "role must be viewer, surveyor, inspector or admin"},
	"api_token_prefix_ck":    {"prefix", "token prefix must be tpn_ and 8 characters"},
	"api_token_hash_ck":      {"hash", "token hash must be 64 lower-case hex digits (SHA-256)"},
	"api_token_hash_uq":      {"hash", "a token with this secret already exists"},
	"api_token_scope_ck":     {"party", "an inspector needs a party and a surveyor a team; other roles have neither"},
	"audit_log_pk":           {"seq", "an audit record with this sequence number already exists"},
	"audit_log_actor_ck":     {"actor", "audit actor is required"},
	"audit_log_role_ck":      {"role", "audit role must be empty or a known role"},
	"audit_log_action_ck":    {"action", "audit action must be create, update, add, revoke or delete"},
	"audit_log_entity_ck":    {"entity", "audit entity is required"},
	"audit_log_entity_id_ck": {"entity_id", "audit entity id is required"},
	"audit_log_before_ck":    {"before", "hash before must be empty or 64 lower-case hex digits"},
	"audit_log_after_ck":     {"after", "hash after must be 64 lower-case hex digits"},
	// 0003: gazetteer search keys and the review history.
	"place_name_key_pk":       {"names", "search keys for this name already exist"},
	"place_name_key_name_fk":  {"names", "the name does not exist"},
	"place_name_key_place_fk": {"id", "the place does not exist"},
	"place_name_key_py_ck":    {"pinyin", "pinyin search key must be lower-case letters and digits"},
	"place_name_key_ini_ck":   {"pinyin", "initials search key must be lower-case letters and digits"},
	"place_review_pk":         {"id", "a review record with this ID already exists"},
	"place_review_place_fk":   {"id", "the place does not exist"},
	"place_review_from_ck":    {"review", "review status must be draft, reviewed or published"},
	"place_review_to_ck":      {"review", "review status must be draft, reviewed or published"},
	"place_review_by_ck":      {"reviewed_by", "who reviewed is required"},
	// 0009: the distinct pinyin keys of the typo search.
	"pinyin_key_pk":    {"pinyin", "this pinyin search key is already stored"},
	"pinyin_key_py_ck": {"pinyin", "pinyin search key must be lower-case letters and digits"},
}

// columnFields maps column names that differ from their API field names.
var columnFields = map[string]string{"geom": "geometry", "reference_objects": "references"}

// mapError turns a database error into a *data.Error: by SQLSTATE for the
// kind and by constraint name for the field and message. Errors that are
// already *data.Error pass through unchanged. op names the operation for logs.
func mapError(op string, err error) error {
	if err == nil {
		return nil
	}
	if data.AsError(err) != nil {
		return err
	}
	cause := fmt.Errorf("postgis: %s: %w", op, err)
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return mapPgError(pe, cause)
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded) || pgconn.Timeout(err):
		return &data.Error{Kind: data.KindUnavailable, Message: "the database did not answer in time", Err: cause}
	case errors.Is(err, context.Canceled):
		return &data.Error{Kind: data.KindUnavailable, Message: "the request was canceled", Err: cause}
	case connectionError(err):
		return &data.Error{Kind: data.KindUnavailable, Message: "the database is unavailable", Err: cause}
	}
	return &data.Error{Kind: data.KindInternal, Message: "internal error", Err: cause}
}

func connectionError(err error) bool {
	var ce *pgconn.ConnectError
	var ne net.Error
	return errors.As(err, &ce) || errors.As(err, &ne) || errors.Is(err, io.EOF) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed) || errors.Is(err, puddle.ErrClosedPool) ||
		errors.Is(err, pgconn.ErrConnClosed)
}

func mapPgError(pe *pgconn.PgError, cause error) error {
	info, known := constraints[pe.ConstraintName]
	e := &data.Error{Field: info.field, Message: info.message, Err: cause}
	switch pe.Code {
	case "23505", "23P01": // unique_violation, exclusion_violation
		e.Kind = data.KindConflict
		if !known {
			e.Message = "the record clashes with a stored one"
		}
	case "23503": // foreign_key_violation
		e.Kind = data.KindInvalid
		if !known {
			e.Message = "a referenced record does not exist"
		}
	case "23514", "23502": // check_violation, not_null_violation
		e.Kind = data.KindInvalid
		if !known {
			e.Field = fieldOfColumn(pe.ColumnName)
			e.Message = "value breaks a rule of the record"
		}
		if pe.Code == "23502" {
			e.Message = "value is required"
		}
	case "40001", "40P01": // serialization_failure, deadlock_detected
		e.Kind, e.Message = data.KindConflict, "a concurrent change got in the way; try again"
	case "57014": // query_canceled (statement_timeout)
		e.Kind, e.Message = data.KindUnavailable, "the database did not answer in time"
	default:
		return mapPgClass(pe, e)
	}
	return e
}

func mapPgClass(pe *pgconn.PgError, e *data.Error) error {
	switch pe.Code[:2] {
	case "22": // data exception: malformed or out-of-range value
		e.Kind, e.Field, e.Message = data.KindInvalid, fieldOfColumn(pe.ColumnName), "a value is malformed or out of range"
	case "08", "53", "57", "58": // connection, resources, operator intervention, system
		e.Kind, e.Message = data.KindUnavailable, "the database is unavailable"
	default:
		e.Kind, e.Field, e.Message = data.KindInternal, "", "internal error"
	}
	return e
}

func fieldOfColumn(col string) string {
	if f, ok := columnFields[col]; ok {
		return f
	}
	return col
}

// Package migrations holds toponym's PostGIS schema as numbered SQL files,
// embedded in the binary. data/postgis applies them in order, each in one
// transaction, and records each applied version in schema_migrations.
//
// A landed migration is never edited: a later change is a new numbered file
// (0002_….sql). File names sort in the order they are applied.
package migrations

import "embed"

// FS holds every migration file (NNNN_name.sql).
//
//go:embed *.sql
var FS embed.FS

// Package inspection is the joint-inspection (联检) workflow: rounds of
// inspection of one boundary line, the parties' submissions, validation by
// geo/inspect on the stored records, acceptance of errors, sign-off, the
// overdue list (C18) and the round's report (JSON, GeoJSON, printable
// HTML, zip archive).
//
// It holds the domain rules of the workflow and nothing of HTTP:
//   - a round has at least two parties; sections of the line may be
//     assigned to parties, and a party records markers of its own sections;
//   - a party submits and signs only as itself, and only its own side's
//     line version (side_a for unit A's code, side_b for unit B's);
//   - validation replaces the round's findings and derives the line's
//     technical status when the round is the line's latest; the legal
//     status is never touched;
//   - a round is signed once per party, only after validation, and only
//     when every error is accepted with a reason by every party;
//   - a round with any signature is immutable: every change is a conflict,
//     and a correction needs a new special round.
//
// Who the caller is comes from outside (a data.Code per call): the API
// decides it in one place.
//
// Geometry is EPSG:4490 lon/lat throughout; metric work happens in
// geo/inspect in the line's Gauss-Krüger zone.
package inspection

// Package gazetteer is the store-independent part of the gazetteer: the
// search keys of names and queries that both stores index and match the
// same way (Keys, ParseText, Similarity), the entry of new places with
// their pinyin proposed by data/pinyin (Enter), the containing units of a
// place derived from geometry and checked against the stated ones (C19,
// Locate and CheckStated), division history over any data.Store (UnitAt,
// Chain, CodeHistory) and the Linked Places Format export.
//
// Geometry is EPSG:4490 lon/lat degrees; distances to boundaries are
// measured in metres in the CGCS2000 3° Gauss-Krüger zone of the place,
// never in degrees.
package gazetteer

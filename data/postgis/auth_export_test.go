package postgis

// MapAuthError is mapAuthError, for the external tests.
var MapAuthError = mapAuthError

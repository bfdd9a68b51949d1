package store

// OpenBoltTimeout lets the tests wait less than OpenBolt does for a locked
// file.
var OpenBoltTimeout = openBolt

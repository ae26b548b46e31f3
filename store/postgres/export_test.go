package postgres

// Pack is pack, for the external tests.
var Pack = pack

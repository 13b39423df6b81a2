"""Getting datasets into the arena: catalog entries are read from their source, parsed record by
record into a raw snapshot, and normalized into one conversation schema, with every record that
cannot be used kept in a rejects table with its reason."""

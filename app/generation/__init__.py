"""Question generation from a parsed document (plain Python: no Flask, no database)."""

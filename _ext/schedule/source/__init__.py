"""Reading a ``{schedule}`` block: YAML with source lines, validation against the model, and what becomes of an invalid item."""

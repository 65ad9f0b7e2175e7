"""From a validated schedule to docutils nodes: the directives, the tables, the words each item is known by, translated content."""

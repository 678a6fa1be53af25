"""The search index: analysis, schema, building and searching, as in whoosh itself."""

"""Handlers, one module per concern; each parses the update, calls one function, renders."""

"""Domain knowledge as data: commented TOML files, each validated by one loader.

template.toml / template.py   the national report template: tables, slots, identities
"""

"""Domain knowledge as data: commented files, each validated by one loader.

places.tsv / places.py        China's administrative divisions (from jionlp), with hierarchy
template.toml / template.py   the national report template: tables, slots, identities
"""

"""Domain knowledge as data: commented files, each validated by one loader.

places.tsv / places.py        China's administrative divisions (from jionlp), with hierarchy
"""

"""How well a text answers a question: bigram overlap, sentences, statistics.

Pure functions over text and corpus models; they never search.
"""

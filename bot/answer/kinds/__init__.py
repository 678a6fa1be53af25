"""One module per kind of question; each function takes (Knowledge, Question).

A function returns an Answer when the records answer that kind of question, else
None, and the knowledge tries the next one (bot/answer/knowledge.py).
"""

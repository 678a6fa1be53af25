"""Domain knowledge as data: commented files an operator may edit, each validated by one loader.

questions.toml / questions.py  intents, contact fields, answer shapes: how citizens ask
words.toml / words.py          paraphrases (要不要钱 → 收费), synonyms, stopwords, figure words
organs.toml / organs.py        agency types and their short names (交建局, 区应急局)
places.tsv / places.py         China's administrative divisions (from jionlp), with hierarchy
template.toml / template.py    the national report template: tables, slots, identities
validate.py                    every file above and bot/corpus/labels.toml, abbreviations.toml,
                               read afresh: what `gongkai check` reports first

Edit a file, run `gongkai check`, then restart the bot (answer-time files are read once per
process); template, labels and abbreviations are read by `gongkai build`, so rebuild too.
"""

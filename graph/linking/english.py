"""What counts as an ordinary English word, said once for every part of linking.

A name that is also a common word ("Target", "Keep", "Network") needs evidence before it is linked, is not
a candidate tool, and is not an employer on its own; wordfreq's Zipf scale says how common a word is
(3 is about once per million words, "the" is 7.7).
"""

from wordfreq import zipf_frequency

COMMON_ZIPF = 3.3  # at least this frequent: an ordinary English word


def english_zipf(word: str) -> float:
    return zipf_frequency(word.lower(), "en")


def is_common_word(word: str) -> bool:
    return english_zipf(word) >= COMMON_ZIPF

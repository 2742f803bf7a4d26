"""English numbers written in words, as the time tagger ("two weeks ago") and the figure finder
("seven injured") both read them."""

from __future__ import annotations

ONES = "one two three four five six seven eight nine".split()
TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
# Every number written as one word ("seven", "forty"), and "a"/"an" for one ("a dozen", "a week ago").
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    **{word: number for number, word in enumerate(ONES, start=1)},
    **{word: number for number, word in enumerate(TEENS, start=10)},
    **{word: 10 * number for number, word in enumerate(TENS, start=2)},
}
# ...and every number up to ninety-nine written in two words, with a hyphen or a space
# ("twenty-one", "forty five").
NUMBER_WORDS_TO_99 = {
    **NUMBER_WORDS,
    **{
        f"{tens}{joint}{unit}": 10 * t + u
        for t, tens in enumerate(TENS, start=2)
        for u, unit in enumerate(ONES, start=1)
        for joint in ("-", " ")
    },
}

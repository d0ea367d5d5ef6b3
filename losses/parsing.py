"""Turn the text a learner types for y_true or y_pred into a float64 array, or say what is wrong.

Two ways of writing an array are accepted:

* **Nested lists**, as Python, JSON or numpy print them: ``[0.6, 0.4]``, ``[[0, 1], [1, 0]]``,
  ``[[[1, 2], [3, 4]]]``. Items are separated by commas, by whitespace (numpy prints
  ``[[0.6 0.4]\\n [0.4 0.6]]``) or by nothing between lists (``[[1][2]]``); a trailing comma
  (``[1, 2,]``) is fine. At most three levels of nesting; every list must be non-empty and
  hold only numbers or only lists, and lists at the same level must have the same length.
* **Rows without brackets**: one row per line, numbers separated by commas, spaces or tabs.
  One line gives a 1-D array (``0.6, 0.4`` has shape (2,)); several lines give a 2-D array even
  when each holds one number (``1\\n2`` has shape (2, 1)). Blank lines are ignored wherever they
  are, so a paste with an empty line between rows still works.

Numbers are ASCII decimals only: optional sign, digits with an optional fraction, optional
exponent (``-1``, ``+2.5``, ``.5``, ``5.``, ``1e-7``, ``1E+3``). ``float()`` itself would also take
``nan``, ``inf``, ``1_000`` and non-ASCII digits, so it only ever sees text that already matched
this stricter pattern. Nothing is evaluated.

Every rejection is a ``LossInputError`` with ``argument``, 1-based ``line`` and ``column``
pointing at the fault, and a message (the catalogs' parsing section) that says which input, what
is wrong and where, such as
``y_pred, line 2, column 7: "abc" is not a number. Use digits such as 0.25 or -1e-3.``
Its ``key`` says which fault it is, its params (``token``, ``reason``, ``unit``, ...) the rest: ``parse.too_long``, ``parse.empty``, ``parse.not_a_number``,
``parse.non_finite``, ``parse.overflow``, ``parse.unexpected_char``, ``parse.unbalanced``,
``parse.after_end``, ``parse.missing_number``, ``parse.mixed``, ``parse.empty_list``,
``parse.ragged``, ``parse.too_deep``, ``parse.too_many_numbers``. The two faults of the text as
a whole, ``parse.too_long`` and ``parse.empty``, have no place to point at and leave ``line``
and ``column`` as None.
"""

from __future__ import annotations

import itertools
import re

import numpy as np

from losses.errors import LossInputError

__all__ = ["MAX_CHARS", "MAX_DEPTH", "MAX_NUMBERS", "parse_array"]

# Loss Lab explains small examples number by number; the bounds keep a huge paste from stalling
# the page for everyone sharing the server, and the character bound is checked before any work.
MAX_CHARS = 100_000
MAX_NUMBERS = 10_000
MAX_DEPTH = 3

# How much of an offending token a message quotes.
_SHOWN_CHARS = 20

_NUMBER = r"[+-]?(?:[0-9]++(?:\.[0-9]*+)?+|\.[0-9]++)(?:[eE][+-]?[0-9]++)?+(?![^\s,\[\]])"
_SPACE = r"[ \t\f\v]"
_NUMBERS_ON_A_LINE = (
    rf"{_NUMBER}(?:(?:{_SPACE}*+,{_SPACE}*+|{_SPACE}++){_NUMBER})*(?:{_SPACE}*+,)?"
)

_RUN = rf"{_NUMBERS_ON_A_LINE}(?:{_SPACE}*+[\r\n]\s*+{_NUMBERS_ON_A_LINE})*"

# One pass over the text. Spaces before a token are skipped by the leading class. A number must
# end where a separator starts, so "1_000" or "2abc" falls through to `word` whole and a message
# can quote all of it. A `run` takes numbers and their separators over as many lines as it can,
# and a `row` a whole innermost list with the comma after it: a 10,000-number paste is then at
# most 10,000 matches, often a handful, rather than 20,000 or more, each a trip through Python.
# Every position of the text starts a match (`word` takes any other characters, `end` the spaces
# at the very end), so finditer never skips text, and never retries from each of a long stretch
# of spaces, which would take quadratic time. The possessive quantifiers (*+, ++) never give back
# what they took, which changes no outcome (a number cannot end inside its digits) but keeps a
# failed attempt linear.
_TOKEN = re.compile(
    rf"""
    {_SPACE}*+
    (?:
        (?P<run>{_RUN})
      | (?P<row>\[\s*+(?P<row_numbers>{_RUN})\s*+\]{_SPACE}*+,?)
      | (?P<comma>,)
      | (?P<open>\[)
      | (?P<close>\])
      | (?P<newline>[\r\n]\s*+)
      | (?P<word>[^\s,\[\]]++)
      | (?P<end>\Z)
    )
    """,
    re.ASCII | re.VERBOSE,
)
# In text that scanned cleanly, every run of these characters is exactly one number.
_ATOM = re.compile(r"[^\s,\[\]]+", re.ASCII)
_FIRST_ON_LINE = re.compile(rf"{_SPACE}*+[^\s]", re.ASCII)
# Unicode \w is exactly str.isalnum() plus "_".
_STRAY = re.compile(r"[^\w.+-]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

_NON_FINITE_WORDS = frozenset({"nan", "inf", "infinity"})
_MINUS_LOOKALIKES = frozenset("\u2212\u2010\u2011\u2012\u2013\u2014\ufe63\uff0d")



def parse_array(text: str, *, argument: str = "input") -> np.ndarray:
    """Parse nested lists or rows of numbers typed by a learner into a finite float64 array.

    Args:
        text: What the learner typed or pasted, at most ``MAX_CHARS`` characters holding at most
            ``MAX_NUMBERS`` numbers.
        argument: The name of the input (``"y_true"``, ``"y_pred"``, ...) that messages start with.

    Returns:
        A float64 array with 1 to 3 dimensions whose entries are the numbers in the text.

    Raises:
        LossInputError: The text is not an array; ``key``, ``line`` and ``column`` say why and
            where.

    Example:
        >>> parse_array("[[0, 1], [0, 0]]").shape
        (2, 2)
        >>> parse_array("0.6 0.4\\n0.4 0.6", argument="y_pred")[1]
        array([0.4, 0.6])
    """
    if len(text) > MAX_CHARS:
        raise LossInputError(
            "parse.too_long",
            argument=argument,
            length=len(text),
            limit=MAX_CHARS,
        )
    tokens = _TOKEN.finditer(text)
    first = next(m for m in tokens if m.lastgroup != "newline")
    if first.lastgroup == "end":
        raise LossInputError("parse.empty", argument=argument)
    if first.lastgroup in ("open", "row"):
        numbers, shape = _parse_lists(text, first, tokens, argument)
    else:
        numbers, shape = _parse_rows(text, itertools.chain([first], tokens), argument)

    # Every string matched _NUMBER, so float() only has to round; it rounds a literal beyond
    # the float64 range to infinity rather than failing, hence the check after the conversion.
    values = np.array([float(number) for number in numbers], dtype=np.float64)
    finite = np.isfinite(values)
    if not finite.all():
        i = int(np.argmin(finite))
        raise _error(
            text,
            argument,
            _number_offset(text, i),
            "parse.overflow",
            token=_shown(numbers[i]),
        )
    return values.reshape(shape)


def _parse_lists(text, first, tokens, argument):
    """Read the bracketed list that `first` opens; return its number strings and its shape."""
    numbers: list[str] = []
    counts: list[int] = []  # items read so far in each open list, outermost first
    opens: list[int] = []  # where each open list starts
    lengths: list[int | None] = [None] * MAX_DEPTH  # length of the first list closed at each depth
    ordinals = [0] * MAX_DEPTH  # lists closed so far at each depth
    leaf_depth = 0  # depth of the lists that hold numbers, known from the first number on

    def fail(pos, key, **params):
        return _error(text, argument, pos, key, **params)

    def open_list(pos):
        if leaf_depth and len(counts) >= leaf_depth:
            raise _mixed(fail, pos)
        if len(counts) == MAX_DEPTH:
            raise fail(
                pos,
                "parse.too_deep",
                limit=MAX_DEPTH,
            )
        counts.append(0)
        opens.append(pos)

    def add_numbers(pos, found):
        nonlocal leaf_depth
        if leaf_depth != len(counts):
            if leaf_depth:
                raise _mixed(fail, pos)
            leaf_depth = len(counts)
        numbers.extend(found)
        if len(numbers) > MAX_NUMBERS:
            raise _too_many(fail, _number_offset(text, MAX_NUMBERS))
        counts[-1] += len(found)

    def close_list():
        depth = len(counts)
        count = counts.pop()
        start = opens.pop()
        if count == 0:
            raise fail(start, "parse.empty_list")
        if lengths[depth - 1] is None:
            lengths[depth - 1] = count
        ordinals[depth - 1] += 1
        if count != lengths[depth - 1]:
            raise _ragged(
                fail,
                start,
                unit="row" if depth == leaf_depth else "block",
                ordinal=ordinals[depth - 1],
                found=count,
                expected=lengths[depth - 1],
            )
        if counts:
            counts[-1] += 1

    previous = "open"
    for m in itertools.chain([first], tokens):
        kind = m.lastgroup
        if kind == "run":
            run = m.group(kind)
            add_numbers(m.start(kind), run.replace(",", " ").split())
            previous = "comma" if run[-1] == "," else "item"
        elif kind == "row":
            found = m.group("row_numbers").replace(",", " ").split()
            depth = len(counts) + 1
            if depth == leaf_depth and len(found) == lengths[depth - 1]:
                # A row like the rows before it, which passes every check of the slow path below;
                # worth a shortcut because a column of 10,000 labels is 10,000 rows.
                numbers += found
                if len(numbers) > MAX_NUMBERS:
                    raise _too_many(fail, _number_offset(text, MAX_NUMBERS))
                ordinals[depth - 1] += 1
                counts[-1] += 1
            else:
                open_list(m.start(kind))
                add_numbers(m.start("row_numbers"), found)
                close_list()
            row = m.group(kind)
            if not counts:
                if row[-1] == ",":
                    raise _after_end(fail, m.end(kind) - 1, ",")
                break
            previous = "comma" if row[-1] == "," else "item"
        elif kind == "comma":
            if previous != "item":
                raise _missing_item(fail, m.start(kind))
            previous = "comma"
        elif kind == "open":
            open_list(m.start(kind))
            previous = "open"
        elif kind == "close":
            close_list()
            if not counts:
                break
            previous = "item"
        elif kind == "word":
            raise _word_error(fail, m.start(kind), m.group(kind))
    else:
        raise fail(
            opens[-1],
            "parse.unbalanced",
            token="[",
        )

    for m in tokens:
        kind = m.lastgroup
        if kind == "close":
            raise _unopened(fail, m.start(kind))
        if kind not in ("newline", "end"):
            raise _after_end(fail, m.start(kind), m.group(kind))
    return numbers, tuple(lengths[:leaf_depth])


def _parse_rows(text, tokens, argument):
    """Read rows of numbers, one per non-blank line; return the number strings and the shape."""
    numbers: list[str] = []
    rows = 0  # rows read to their end
    row_length = None
    count = 0  # numbers so far in the current line
    previous = "start"

    def fail(pos, key, **params):
        return _error(text, argument, pos, key, **params)

    def end_row():
        nonlocal rows, row_length
        rows += 1
        if row_length is None:
            row_length = count
        elif count != row_length:
            raise _ragged(
                fail,
                _row_offset(text, rows - 1),
                unit="row",
                ordinal=rows,
                found=count,
                expected=row_length,
            )

    for m in tokens:
        kind = m.lastgroup
        if kind == "run":
            run = m.group(kind)
            *ended, last = _LINE_BREAK.split(run)
            for line in ended:
                found = line.replace(",", " ").split()
                numbers += found
                count += len(found)
                if count:
                    end_row()
                count = 0
                if len(numbers) > MAX_NUMBERS:
                    raise _too_many(fail, _number_offset(text, MAX_NUMBERS))
            found = last.replace(",", " ").split()
            numbers += found
            count += len(found)
            if len(numbers) > MAX_NUMBERS:
                raise _too_many(fail, _number_offset(text, MAX_NUMBERS))
            previous = "comma" if run[-1] == "," else "item"
        elif kind == "comma":
            if previous != "item":
                raise _missing_item(fail, m.start(kind))
            previous = "comma"
        elif kind == "newline":
            if count:
                end_row()
            count = 0
            previous = "start"
        elif kind in ("open", "row"):
            raise fail(
                m.start(kind),
                "parse.mixed",
                what="bracket",
                token="[",
            )
        elif kind == "close":
            raise _unopened(fail, m.start(kind))
        elif kind == "word":
            raise _word_error(fail, m.start(kind), m.group(kind))
    if count:
        end_row()
    shape = (row_length,) if rows == 1 else (rows, row_length)
    return numbers, shape


def _row_offset(text, i):
    """Offset of the first number of row `i` (0-based), in text that scanned cleanly up to it."""
    line_starts = itertools.chain([0], (m.end() for m in _LINE_BREAK.finditer(text)))
    for start in line_starts:
        first = _FIRST_ON_LINE.match(text, start)
        if first:
            if i == 0:
                return first.end() - 1
            i -= 1
    raise AssertionError("fewer rows than counted")


def _number_offset(text, i):
    """Offset of the number with 0-based index `i`, in text that scanned cleanly up to it."""
    return next(itertools.islice(_ATOM.finditer(text), i, None)).start()


def _word_error(fail, pos, word):
    """The error for a run of characters that is not a number."""
    if word.lstrip("+-").lower() in _NON_FINITE_WORDS:
        return fail(
            pos,
            "parse.non_finite",
            token=_shown(word),
        )
    # Letters and digits of any script make a misspelt number; anything else is a stray
    # character worth pointing at on its own.
    stray = _STRAY.search(word)
    if stray:
        char = stray.group()
        return fail(
            pos + stray.start(),
            "parse.unexpected_char",
            token=_shown(char),
            reason=_char_reason(char),
        )
    if "_" in word:
        reason = "underscore"
    elif any(char.isdigit() and not char.isascii() for char in word):
        reason = "non_ascii_digit"
    else:
        reason = "other"
    return fail(pos, "parse.not_a_number", token=_shown(word), reason=reason)


def _char_reason(char):
    """Why a character is refused: ``parse.unexpected_char`` words its hint by this reason."""
    if char in "()":
        return "parenthesis"
    if char in "{}":
        return "brace"
    if char in "'\"":
        return "quote"
    if char == ";":
        return "semicolon"
    if char == "/":
        return "fraction"
    if char in _MINUS_LOOKALIKES:
        return "minus_lookalike"
    if char.isspace():
        return "special_space"
    return "other"


def _mixed(fail, pos):
    return fail(pos, "parse.mixed", what="lists")


def _missing_item(fail, pos):
    return fail(pos, "parse.missing_number", token=",")


def _after_end(fail, pos, token):
    return fail(pos, "parse.after_end", token=_shown(token))


def _unopened(fail, pos):
    return fail(pos, "parse.unbalanced", token="]")


def _too_many(fail, pos):
    return fail(pos, "parse.too_many_numbers", limit=MAX_NUMBERS)


def _ragged(fail, pos, *, unit, ordinal, found, expected):
    return fail(
        pos,
        "parse.ragged",
        unit=unit,
        index=ordinal,
        found=found,
        expected=expected,
    )


def _shown(token):
    """The token as a message quotes it: cut short, invisible characters spelled out."""
    short = token if len(token) <= _SHOWN_CHARS else token[:_SHOWN_CHARS] + "..."
    return "".join(c if c.isprintable() else f"<U+{ord(c):04X}>" for c in short)


def _error(text, argument, pos, key, **params):
    line, column = _locate(text, pos)
    return LossInputError(
        key,
        argument=argument,
        line=line,
        column=column,
        **params,
    )


def _locate(text, pos):
    """1-based line and column of offset `pos`; a line ends at \\n, \\r\\n or \\r."""
    line, line_start = 1, 0
    for m in _LINE_BREAK.finditer(text, 0, pos):
        line, line_start = line + 1, m.end()
    return line, pos - line_start + 1

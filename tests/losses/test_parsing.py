"""parse_array: what a learner may type, what it becomes, and where each mistake is pointed at.

Every expected array is the numbers written in the text; every line and column is counted by
hand (1-based, a tab counts as one column).
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from losses.catalog import render
from losses.errors import LossInputError
from losses.parsing import MAX_NUMBERS, parse_array

ACCEPTED = [
    # Python / JSON nested lists
    ("[[0, 1], [0, 0]]", [[0.0, 1.0], [0.0, 0.0]]),
    ("[0.6, 0.4]", [0.6, 0.4]),
    ("[[[1,2],[3,4]]]", [[[1.0, 2.0], [3.0, 4.0]]]),
    ("[[[1, 2]], [[3, 4]]]", [[[1.0, 2.0]], [[3.0, 4.0]]]),
    ("[1, 2,]", [1.0, 2.0]),
    ("[[1, 2,], [3, 4],]", [[1.0, 2.0], [3.0, 4.0]]),
    ("[\n  [0, 1],\n  [1, 0]\n]\n", [[0.0, 1.0], [1.0, 0.0]]),
    ("  \n [5]  \n\n", [5.0]),
    ("[0, 2, 1]", [0.0, 2.0, 1.0]),
    # numpy's print: whitespace between items, a newline between rows
    ("[[0.6 0.4]\n [0.4 0.6]]", [[0.6, 0.4], [0.4, 0.6]]),
    ("[[1][2]]", [[1.0], [2.0]]),
    ("[1\n, 2]", [1.0, 2.0]),
    # rows without brackets
    ("0.6 0.4\n0.4 0.6", [[0.6, 0.4], [0.4, 0.6]]),
    ("0.6, 0.4", [0.6, 0.4]),
    ("0.6\t0.4", [0.6, 0.4]),
    ("1\n2", [[1.0], [2.0]]),
    ("5", [5.0]),
    ("\n\n 1 2 \n\n3 4\n\n", [[1.0, 2.0], [3.0, 4.0]]),
    ("1, 2\r\n3, 4\r\n", [[1.0, 2.0], [3.0, 4.0]]),
    ("1,2\r3,4", [[1.0, 2.0], [3.0, 4.0]]),
    ("1,2,\n3,4,", [[1.0, 2.0], [3.0, 4.0]]),
    ("1 ,2 , 3", [1.0, 2.0, 3.0]),
    # every way of writing a number
    ("-1 +2.5 .5 5. 1e-7 1E+3 -0.25e2", [-1.0, 2.5, 0.5, 5.0, 1e-7, 1000.0, -25.0]),
    ("[1.7976931348623157e308, -5e-324]", [1.7976931348623157e308, -5e-324]),
    # below the smallest float64 a literal rounds to zero, which is still finite
    ("1e-400", [0.0]),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_accepted_forms(text, expected):
    parsed = parse_array(text, argument="y_true")
    assert isinstance(parsed, np.ndarray)
    assert parsed.dtype == np.float64
    assert parsed.shape == np.shape(expected)
    np.testing.assert_array_equal(parsed, expected)


def test_one_line_is_one_dimensional_and_several_lines_two():
    assert parse_array("1 2 3").shape == (3,)
    assert parse_array("1\n2\n3").shape == (3, 1)
    assert parse_array("1 2 3\n").shape == (3,)


def test_exactly_the_limit_of_numbers_is_accepted():
    parsed = parse_array(" ".join(["1"] * MAX_NUMBERS))
    assert parsed.shape == (MAX_NUMBERS,)


REJECTED = [
    # (text, key, line, column, fragment of the message)
    ("nan", "parse.non_finite", 1, 1, '"nan" is not a finite number. Only finite numbers'),
    ("NaN", "parse.non_finite", 1, 1, '"NaN" is not a finite number'),
    ("[0.5, inf]", "parse.non_finite", 1, 7, '"inf" is not a finite number'),
    ("1 2\n3 -Infinity", "parse.non_finite", 2, 3, '"-Infinity" is not a finite number'),
    ("1_000", "parse.not_a_number", 1, 1, '"1_000" is not a number. Write numbers without underscores'),
    ("[1, \u0663]", "parse.not_a_number", 1, 5, "Use the keyboard digits 0 to 9"),
    ("\uff11\uff12", "parse.not_a_number", 1, 1, "Use the keyboard digits 0 to 9"),
    ("1 2 x", "parse.not_a_number", 1, 5, '"x" is not a number'),
    ("0.1.2", "parse.not_a_number", 1, 1, '"0.1.2" is not a number'),
    ("1e", "parse.not_a_number", 1, 1, '"1e" is not a number'),
    ("- 1", "parse.not_a_number", 1, 1, '"-" is not a number'),
    ("1e309", "parse.overflow", 1, 1, '"1e309" is out of range'),
    ("0.5\n-1e309", "parse.overflow", 2, 1, '"-1e309" is out of range'),
    ("[1, 2, 1e400]", "parse.overflow", 1, 8, '"1e400" is out of range'),
    ("[[1,2],[3]]", "parse.ragged", 1, 8, "row 2 has 1 number but row 1 has 2"),
    ("1 2\n3 4\n5", "parse.ragged", 3, 1, "row 3 has 1 number but row 1 has 2"),
    ("1 2\n\n  3 4 5", "parse.ragged", 3, 3, "row 2 has 3 numbers but row 1 has 2"),
    ("[[[1,2],[3,4]],[[5,6]]]", "parse.ragged", 1, 16, "block 2 has 1 row but block 1 has 2"),
    ("[[[1,2],[3,4]],[[5,6],[7]]]", "parse.ragged", 1, 23, "row 4 has 1 number but row 1 has 2"),
    ("[[1],[2],[3,4]]", "parse.ragged", 1, 10, "row 3 has 2 numbers but row 1 has 1"),
    ("[[1, 2], [3, 4]", "parse.unbalanced", 1, 1, 'this "[" is never closed'),
    ("[[1, 2],\n [3, 4", "parse.unbalanced", 2, 2, 'this "[" is never closed'),
    ("[1, 2]]", "parse.unbalanced", 1, 7, 'this "]" has no matching "["'),
    ("1 2]", "parse.unbalanced", 1, 4, 'this "]" has no matching "["'),
    ("1; 2", "parse.unexpected_char", 1, 2, 'the character ";" is not allowed'),
    ("['1', '2']", "parse.unexpected_char", 1, 2, "Type numbers without quotes"),
    ('"1"', "parse.unexpected_char", 1, 1, "Type numbers without quotes"),
    ("(1, 2)", "parse.unexpected_char", 1, 1, "Use square brackets"),
    ("{1, 2}", "parse.unexpected_char", 1, 1, "Use square brackets"),
    ("1/2", "parse.unexpected_char", 1, 2, "Type fractions as decimals"),
    ("0.5 \u22120.5", "parse.unexpected_char", 1, 5, "This is not the minus sign"),
    ("1\u00a02", "parse.unexpected_char", 1, 2, '"<U+00A0>" is not allowed'),
    ("[[[[1]]]]", "parse.too_deep", 1, 4, "nested more than 3 levels deep"),
    ("[1, [2]]", "parse.mixed", 1, 5, "mixes numbers and lists"),
    ("[[1], 2]", "parse.mixed", 1, 7, "mixes numbers and lists"),
    ("[[[1]], [2]]", "parse.mixed", 1, 10, "mixes numbers and lists"),
    ("1 [2]", "parse.mixed", 1, 3, 'a "[" cannot follow plain numbers'),
    ("1\n[2]", "parse.mixed", 2, 1, 'a "[" cannot follow plain numbers'),
    ("[[1, 2], 3]", "parse.mixed", 1, 10, "mixes numbers and lists"),
    ("[]", "parse.empty_list", 1, 1, 'this list "[]" is empty'),
    ("[[1], []]", "parse.empty_list", 1, 7, 'this list "[]" is empty'),
    ("[1,,2]", "parse.missing_number", 1, 4, 'there is nothing before this ","'),
    ("[,]", "parse.missing_number", 1, 2, 'there is nothing before this ","'),
    (",1", "parse.missing_number", 1, 1, 'there is nothing before this ","'),
    ("1 2\n, 3 4", "parse.missing_number", 2, 1, 'there is nothing before this ","'),
    ("[1]\n[2]", "parse.after_end", 2, 1, 'there is more text after the last "]"'),
    ("[1, 2],", "parse.after_end", 1, 7, 'there is more text after the last "]"'),
    ("[[1], [2]],", "parse.after_end", 1, 11, 'there is more text after the last "]"'),
    ("[1] x", "parse.after_end", 1, 5, 'there is more text after the last "]"'),
]


@pytest.mark.parametrize(("text", "key", "line", "column", "fragment"), REJECTED)
def test_rejected_input_says_what_and_where(text, key, line, column, fragment):
    with pytest.raises(LossInputError) as caught:
        parse_array(text, argument="y_pred")
    err = caught.value
    assert (err.key, err.line, err.column) == (key, line, column)
    assert err.argument == "y_pred"
    assert str(err).startswith(f"y_pred, line {line}, column {column}: ")
    assert fragment in str(err)
    # The UI shows messages as plain text, but none should carry Markdown of our making.
    ours = str(err).replace("y_pred", "").replace(err.params.get("token", ""), "")
    assert not set("`*_#") & set(ours)


ZH_FRAGMENTS = {
    # One Chinese fragment per kind of fault: the page shows the same message in Chinese.
    "parse.non_finite": "不是有限的数",
    "parse.not_a_number": "不是数字",
    "parse.overflow": "超出范围",
    "parse.ragged": "而第 1",
    "parse.unbalanced": "没有",
    "parse.unexpected_char": "这里不允许出现字符",
    "parse.too_deep": "列表嵌套超过了 3 层",
    "parse.mixed": "[",
    "parse.empty_list": "是空的",
    "parse.missing_number": "前面什么都没有",
    "parse.after_end": "之后还有文字",
}


@pytest.mark.parametrize(("text", "key", "line", "column", "fragment"), REJECTED)
def test_rejected_input_says_what_and_where_in_chinese(text, key, line, column, fragment):
    with pytest.raises(LossInputError) as caught:
        parse_array(text, argument="y_pred")
    shown = render(caught.value.message, "zh")
    assert shown.startswith(f"y_pred，第 {line} 行第 {column} 列：")
    assert ZH_FRAGMENTS[key] in shown
    unfilled = shown.replace(caught.value.params.get("token", "@"), "")
    assert "{" not in unfilled and "}" not in unfilled
    # Each choice of a selector is its own sentence: the hint follows the fault.
    if key == "parse.unexpected_char":
        hints = {"parenthesis": "方括号", "brace": "方括号", "quote": "引号", "semicolon": "逗号或空格",
                 "fraction": "小数", "minus_lookalike": "减号", "special_space": "普通空格"}
        assert hints.get(caught.value.params["reason"], "只允许") in shown


def test_plural_and_choice_selectors_pick_the_sentence():
    cases = {
        "[[1,2],[3]]": ("row 2 has 1 number but", "第 2 行有 1 个数"),
        "[[1],[2],[3,4]]": ("row 3 has 2 numbers but", "第 3 行有 2 个数"),
        "[[[1,2],[3,4]],[[5,6]]]": ("block 2 has 1 row but", "第 2 块有 1 行"),
        "[[[1,2]],[[5,6],[7,8]]]": ("block 2 has 2 rows but", "第 2 块有 2 行"),
        "[[1, 2]": ('this "[" is never closed', '这个 "[" 没有闭合'),
        "[1]]": ('this "]" has no matching "["', '这个 "]" 没有对应的 "["'),
        "[1, [2]]": ("mixes numbers and lists", "既有数字又有列表"),
        "1 [2]": ('a "[" cannot follow plain numbers', '"[" 不能跟在没有括号的数字之后'),
    }
    for text, (english, chinese) in cases.items():
        with pytest.raises(LossInputError) as caught:
            parse_array(text, argument="y_true")
        assert english in str(caught.value), text
        assert chinese in render(caught.value.message, "zh"), text


def test_whole_text_faults_render_in_both_languages():
    for text, english, chinese in (("", "y_true: there are no numbers.", "y_true：没有数字。"),
                                   ("x" * 100_001, "100,001 characters", "100,001 个字符")):
        with pytest.raises(LossInputError) as caught:
            parse_array(text, argument="y_true")
        assert english in str(caught.value)
        assert chinese in render(caught.value.message, "zh")
        assert "{" not in render(caught.value.message, "zh")


def test_message_reads_as_documented():
    with pytest.raises(LossInputError) as caught:
        parse_array("0 1 2 3\n1 2 3 abc", argument="y_pred")
    assert str(caught.value) == (
        'y_pred, line 2, column 7: "abc" is not a number. Use digits such as 0.25 or -1e-3.'
    )
    assert caught.value.params == {"token": "abc", "reason": "other"}


def test_ragged_params_name_the_counts():
    with pytest.raises(LossInputError) as caught:
        parse_array("[[1, 2], [3]]")
    assert caught.value.params == {"unit": "row", "index": 2, "found": 1, "expected": 2}


def test_long_token_is_quoted_short():
    with pytest.raises(LossInputError) as caught:
        parse_array("a" * 50)
    assert caught.value.params["token"] == "a" * 20 + "..."
    assert "a" * 21 not in str(caught.value)


@pytest.mark.parametrize("text", ["", " ", "\n\n", " \t\r\n  \n"])
def test_empty_input(text):
    with pytest.raises(LossInputError) as caught:
        parse_array(text, argument="y_true")
    err = caught.value
    assert err.key == "parse.empty"
    assert (err.line, err.column) == (None, None)
    assert str(err).startswith("y_true: there are no numbers.")


def test_too_long_is_checked_first_and_not_echoed():
    # 100,001 characters of what would otherwise be a not_a_number error
    with pytest.raises(LossInputError) as caught:
        parse_array("x" * 100_001, argument="y_pred")
    err = caught.value
    assert err.key == "parse.too_long"
    assert err.params == {"length": 100_001, "limit": 100_000}
    assert "xx" not in str(err)
    assert "100,001 characters" in str(err)
    assert parse_array("1" + " " * 99_999).shape == (1,)


def test_too_many_numbers_points_at_the_first_one_past_the_limit():
    # "1 " repeated: the 10,001st number starts at offset 2 * 10,000, column 20,001
    with pytest.raises(LossInputError) as caught:
        parse_array(" ".join(["1"] * (MAX_NUMBERS + 1)))
    err = caught.value
    assert (err.key, err.line, err.column) == ("parse.too_many_numbers", 1, 20_001)
    assert "more than 10,000 numbers" in str(err)

    with pytest.raises(LossInputError) as caught:
        parse_array("\n".join(["1"] * (MAX_NUMBERS + 1)))
    assert (caught.value.line, caught.value.column) == (MAX_NUMBERS + 1, 1)

    with pytest.raises(LossInputError) as caught:
        parse_array(json.dumps([[1] * 100] * 101))
    assert caught.value.key == "parse.too_many_numbers"


def test_deep_nesting_fails_at_the_fourth_bracket():
    with pytest.raises(LossInputError) as caught:
        parse_array("[" * 5000 + "1" + "]" * 5000)
    assert (caught.value.key, caught.value.column) == ("parse.too_deep", 4)


def _offset(text, line, column):
    """The string offset of a 1-based line and column, with the parser's line breaks."""
    lines = re.split(r"(\r\n|\r|\n)", text)
    return sum(len(part) for part in lines[: 2 * (line - 1)]) + column - 1


def _check_outcome(text):
    """parse_array returns a finite 1-3-D float64 array or raises LossInputError, nothing else."""
    try:
        parsed = parse_array(text, argument="y_pred")
    except LossInputError as err:
        assert err.key.startswith("parse.")
        assert err.argument == "y_pred"
        assert str(err).startswith("y_pred")
        if err.line is not None:
            # The position points at a character of the text.
            assert 0 <= _offset(text, err.line, err.column) < len(text)
            assert err.column >= 1
        return None
    assert isinstance(parsed, np.ndarray)
    assert parsed.dtype == np.float64
    assert 1 <= parsed.ndim <= 3
    assert parsed.size >= 1
    assert np.isfinite(parsed).all()
    return parsed


FUZZ = settings(max_examples=250, deadline=None)

PARSER_CHARS = "0123456789.,+-eE[] \t\r\n"


@FUZZ
@given(st.text() | st.text(alphabet=st.sampled_from(PARSER_CHARS) | st.characters()))
def test_fuzz_any_text(text):
    _check_outcome(text)


HOSTILE_PIECES = [
    "0", "1", "-2.5", ".5", "5.", "1e-7", "1E+3", "1e309", "-1e309", "1e-400",
    "nan", "-inf", "Infinity", "\u0663", "\uff11", "1_0", "1e", "--1", "x", ";", "'1'",
    "\u22121", "\u00a0", "[", "]", "[[[[", "]]]]", ",", ",,", " ", "\t", "\n", "\r", "\r\n", "",
]
ATOMS = st.sampled_from(HOSTILE_PIECES)
SEPARATORS = st.sampled_from([",", ", ", " ", "\t", "\n", ",\n", "", ",,", "\r\n"])
# Mostly balanced, sometimes not.
BRACKETS = st.sampled_from([("[", "]")] * 6 + [("[", ""), ("", "]"), ("", ""), ("[[", "]")])


def _wrap(items, sep, trailing, brackets):
    return brackets[0] + sep.join(items) + trailing + brackets[1]


def _nested(children):
    return st.builds(
        _wrap, st.lists(children, max_size=4), SEPARATORS, st.sampled_from(["", ",", " "]), BRACKETS
    )


@FUZZ
@given(st.lists(ATOMS, max_size=40).map("".join))
def test_fuzz_hostile_pieces(text):
    _check_outcome(text)


@settings(max_examples=200, deadline=None)
@given(st.recursive(ATOMS, _nested, max_leaves=12), st.integers(0, 6), st.integers(0, 7))
def test_fuzz_hostile_nesting(body, opened, closed):
    _check_outcome("[" * opened + body + "]" * closed)


FINITE = st.floats(allow_nan=False, allow_infinity=False)
SHAPES = st.one_of(
    st.tuples(st.integers(1, 6)),
    st.tuples(st.integers(1, 6), st.integers(1, 6)),
    st.tuples(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4)),
)


@settings(max_examples=150, deadline=None)
@given(arrays(np.float64, SHAPES, elements=FINITE))
def test_round_trip_nested_lists(array):
    text = json.dumps(array.tolist())
    np.testing.assert_array_equal(parse_array(text), array)
    assert parse_array(text).shape == array.shape
    # repr of a list, with the spaces numpy's print would put instead of commas
    spaced = repr(array.tolist()).replace(",", " ")
    np.testing.assert_array_equal(parse_array(spaced), array)


@settings(max_examples=150, deadline=None)
@given(arrays(np.float64, SHAPES.filter(lambda shape: len(shape) < 3), elements=FINITE))
def test_round_trip_rows(array):
    rows = array if array.ndim == 2 else [array]
    text = "\n".join(" ".join(repr(float(x)) for x in row) for row in rows)
    parsed = parse_array(text)
    # A single line reads as 1-D, so a one-row matrix comes back flat.
    expected_shape = array.shape if array.ndim == 2 and len(array) > 1 else (array.size,)
    assert parsed.shape == expected_shape
    np.testing.assert_array_equal(parsed.reshape(array.shape), array)

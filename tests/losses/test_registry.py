"""The registry holds no prose: a loss's words are messages derived from its name, in every
language's catalog (losses/registry.py, losses/spec.py, losses/catalog)."""

from __future__ import annotations

import dataclasses
import re

import pytest

import losses
from losses.catalog import CATALOGS, render
from losses.catalog import en as catalog_en
from losses.messages import Message
from losses.registry import REGISTRY, TORCH_REGISTRY

SPECS = [(f, n) for f in losses.FRAMEWORKS for n in losses.names(f)]


def _rendered(message: Message, lang: str) -> str:
    text = render(message, lang)
    assert text != message.key and "{" not in text and "}" not in text, (message, lang, text)
    return text


@pytest.mark.parametrize(("framework", "name"), SPECS, ids=lambda x: str(x))
def test_every_word_about_a_loss_is_a_message_in_both_languages(framework, name):
    spec = losses.spec(name, framework)
    fields = {"display": spec.display, "description": spec.description, "y_true": spec.y_true_help,
              "y_pred": spec.y_pred_help}
    for field, message in fields.items():
        assert message == Message(f"loss.{name}.{field}")
        for lang in CATALOGS:
            _rendered(message, lang)
    for param in spec.params:
        assert param.help.key == param.help_key
        assert re.fullmatch(rf"param\.{param.name}(\.[a-z_0-9]+)?\.help", param.help_key)
        for lang in CATALOGS:
            _rendered(param.help, lang)


def test_no_prose_is_stored_in_a_spec():
    for spec in (*REGISTRY.values(), *TORCH_REGISTRY.values()):
        for field in dataclasses.fields(spec):
            value = getattr(spec, field.name)
            # Formulas are LaTeX, names are identifiers; nothing reads as an English sentence.
            if isinstance(value, str) and field.name not in ("term_latex", "aggregation_latex"):
                assert ". " not in value and not value.endswith("."), (spec.name, field.name, value)
        for param in spec.params:
            assert "help" not in {f.name for f in dataclasses.fields(param)}


def test_the_english_catalog_says_what_the_registry_used_to_say():
    # Word for word as the registry wrote them before the messages (a sample of each kind).
    assert str(losses.spec("huber").description) == (
        "Quadratic for small errors, linear beyond delta: robust to outliers.")
    assert str(losses.spec("ctc").y_true_help) == (
        "Label sequences (N, L) of class ids 1..C-1; 0 pads (and is the blank).")
    assert str(losses.spec("MSELoss", "pytorch").display) == "MSELoss"
    assert str(losses.spec("circle").display) == "Circle loss"
    assert str(losses.spec("tversky").param("alpha").help) == (
        "Weight of sum(y (1 - y_pred)), the missed true mask (Keras' 'fp').")


def test_parameters_of_one_name_that_mean_different_things_have_their_own_help():
    def help_of(name, param, framework="keras"):
        return losses.spec(name, framework).param(param).help

    pairs = [
        (help_of("binary_focal_crossentropy", "alpha"), help_of("tversky", "alpha")),
        (help_of("binary_focal_crossentropy", "gamma"), help_of("circle", "gamma")),
        (help_of("tversky", "beta"), help_of("SmoothL1Loss", "beta", "pytorch")),
        (help_of("binary_crossentropy", "label_smoothing"), help_of("CrossEntropyLoss", "label_smoothing", "pytorch")),
        (help_of("binary_crossentropy", "axis"), help_of("dice", "axis")),
        (help_of("BCELoss", "weight", "pytorch"), help_of("CrossEntropyLoss", "weight", "pytorch")),
        (help_of("circle", "margin"), help_of("HingeEmbeddingLoss", "margin", "pytorch")),
        (help_of("HingeEmbeddingLoss", "margin", "pytorch"), help_of("MultiMarginLoss", "margin", "pytorch")),
    ]
    for a, b in pairs:
        assert a.key != b.key
        for lang in CATALOGS:
            assert render(a, lang) != render(b, lang)
    # ... and those that mean the same share one.
    assert help_of("huber", "delta") == help_of("HuberLoss", "delta", "pytorch")
    assert help_of("dice", "axis") == help_of("tversky", "axis")
    # Every distinct help text of one parameter name has its own key.
    texts: dict[tuple[str, str], set[str]] = {}
    for spec in (*REGISTRY.values(), *TORCH_REGISTRY.values()):
        for param in spec.params:
            texts.setdefault((param.name, str(param.help)), set()).add(param.help_key)
    assert all(len(keys) == 1 for keys in texts.values())


def test_a_spec_takes_keywords_only_with_one_class_name_for_both_frameworks():
    spec = losses.spec("mse")
    with pytest.raises(TypeError):
        losses.LossSpec(*(getattr(spec, f.name) for f in dataclasses.fields(spec)))
    assert dataclasses.replace(spec, aliases=()).class_name == "MeanSquaredError"
    assert not hasattr(spec, "keras_class")
    for name in losses.names("keras"):
        class_name = losses.spec(name).class_name
        assert re.fullmatch(r"[A-Z][A-Za-z]+", class_name), name
        assert losses.ALIASES[class_name] == name  # keras.losses.get takes the class name too
    for name in losses.names("pytorch"):
        assert losses.spec(name, "pytorch").class_name == name  # torch.nn.<name>


def test_families_are_messages():
    assert set(losses.FAMILIES) == {spec.family for spec in (*REGISTRY.values(), *TORCH_REGISTRY.values())}
    assert str(losses.FAMILIES["margin"]) == "Margin (hinge)"
    assert render(losses.FAMILIES["regression"], "zh") == "回归"
    for message in losses.FAMILIES.values():
        for lang in CATALOGS:
            _rendered(message, lang)


@pytest.mark.parametrize(("name", "framework", "other"), [
    ("no_such_loss", "keras", None), ("MSELoss", "keras", "pytorch"), ("mse", "pytorch", "keras"),
    (["mse"], "keras", None), (None, "pytorch", None),
])
def test_an_unknown_loss_lists_the_known_ones_as_keras_get_does(name, framework, other):
    with pytest.raises(losses.LossInputError) as caught:
        losses.spec(name, framework)
    err = caught.value
    assert (err.key, err.argument) == ("error.unknown_loss", "loss")
    assert err.params["other"] == other and err.params["framework"] == framework
    assert err.params["known"] == ", ".join(losses.names(framework))
    english = str(err)
    assert english.startswith(f"Unknown loss {str(name)!r}. Known losses: {err.params['known']}.")
    assert (f"pass framework={other!r}" in english) == (other is not None)
    chinese = _rendered(err.message, "zh")
    assert chinese.startswith(f"未知的损失函数 {str(name)!r}")
    assert (f"framework={other!r}" in chinese) == (other is not None)


def test_an_unknown_framework_is_a_message():
    with pytest.raises(losses.LossInputError) as caught:
        losses.compute("mse", [[1.0]], [[1.0]], framework="tensorflow")
    assert (caught.value.key, caught.value.argument) == ("error.unknown_framework", "framework")
    assert str(caught.value) == "framework must be one of keras, pytorch, not 'tensorflow'."
    assert "tensorflow" in _rendered(caught.value.message, "zh")


def test_catalogs_have_no_variant_keys_and_the_same_keys():
    for lang, catalog in CATALOGS.items():
        assert not [key for key in catalog if "~" in key], lang
    for section in ("LOSSES", "PARSING"):
        assert set(getattr(catalog_en, section)) <= set(CATALOGS["zh"]), section
    assert set(CATALOGS["en"]) == set(CATALOGS["zh"])

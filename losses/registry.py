"""Every loss Loss Lab knows, in one place: name -> LossSpec, plus Keras' aliases.

Names, parameter names and defaults are Keras 3's (``keras/src/losses/losses.py``). Unknown names
fail with the list of known ones, as ``keras.losses.get`` does.
"""

from __future__ import annotations

from losses import margin, probabilistic, regression, sequence, similarity
from losses.errors import LossInputError
from losses.spec import LossSpec, Param

DOCS = "https://keras.io/api/losses/"
MEAN = r"\ell = \frac{1}{C}\sum_{j=1}^{C} t_j"
SUM = r"\ell = \sum_{j=1}^{C} t_j"

FROM_LOGITS = Param("from_logits", False, "bool", help="y_pred holds logits (raw scores), not probabilities.")
LABEL_SMOOTHING = Param("label_smoothing", 0.0, low=0.0, high=1.0,
                        help="Move the targets towards uniform by this amount.")
AXIS = Param("axis", -1, "axis", help="The axis the loss aggregates over.")
FOCAL_ALPHA = Param("alpha", 0.25, low=0.0, high=1.0, help="Weight of the positive class.")
FOCAL_GAMMA = Param("gamma", 2.0, low=0.0, help="Focusing strength: 0 gives plain cross-entropy.")

HINGE_EXAMPLE = {"y_true": [[0, 1], [0, 0]], "y_pred": [[0.6, 0.4], [0.4, 0.6]]}
CCE_EXAMPLE = {"y_true": [[0, 1, 0], [0, 0, 1]], "y_pred": [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]}
REGRESSION_EXAMPLE = {"y_true": [[0.0, 1.0], [0.0, 0.0]], "y_pred": [[1.0, 1.0], [1.0, 0.0]]}

_SPECS = (
    # Regression
    LossSpec(
        "mean_squared_error", "Mean squared error", "regression", regression.mean_squared_error,
        "MeanSquaredError", "Squares each error, so large errors dominate.",
        "Real-valued targets.", "Real-valued predictions, same shape as y_true.",
        r"t_j = (y_j - \hat{y}_j)^2", MEAN, REGRESSION_EXAMPLE, aliases=("mse", "MSE"),
        docs_url=DOCS + "regression_losses/#meansquarederror-class",
    ),
    LossSpec(
        "mean_absolute_error", "Mean absolute error", "regression", regression.mean_absolute_error,
        "MeanAbsoluteError", "Absolute errors: every unit of error costs the same.",
        "Real-valued targets.", "Real-valued predictions, same shape as y_true.",
        r"t_j = |y_j - \hat{y}_j|", MEAN, REGRESSION_EXAMPLE, aliases=("mae", "MAE"),
        docs_url=DOCS + "regression_losses/#meanabsoluteerror-class",
    ),
    LossSpec(
        "mean_absolute_percentage_error", "Mean absolute percentage error", "regression",
        regression.mean_absolute_percentage_error, "MeanAbsolutePercentageError",
        "Errors relative to the target, in percent; a target of 0 is divided by 1e-7.",
        "Real-valued targets (avoid 0).", "Real-valued predictions, same shape as y_true.",
        r"t_j = 100\,\frac{|y_j - \hat{y}_j|}{\max(|y_j|, 10^{-7})}", MEAN,
        {"y_true": [[2.0, 4.0], [1.0, 5.0]], "y_pred": [[1.5, 5.0], [1.0, 3.0]]},
        aliases=("mape", "MAPE"), docs_url=DOCS + "regression_losses/#meanabsolutepercentageerror-class",
    ),
    LossSpec(
        "mean_squared_logarithmic_error", "Mean squared logarithmic error", "regression",
        regression.mean_squared_logarithmic_error, "MeanSquaredLogarithmicError",
        "Squared error between log(1 + value): relative errors, for positive targets.",
        "Non-negative targets.", "Non-negative predictions, same shape as y_true.",
        r"t_j = \big(\log(\max(\hat{y}_j, \epsilon) + 1) - \log(\max(y_j, \epsilon) + 1)\big)^2", MEAN,
        REGRESSION_EXAMPLE, aliases=("msle", "MSLE"),
        docs_url=DOCS + "regression_losses/#meansquaredlogarithmicerror-class",
    ),
    LossSpec(
        "huber", "Huber", "regression", regression.huber, "Huber",
        "Quadratic for small errors, linear beyond delta: robust to outliers.",
        "Real-valued targets.", "Real-valued predictions, same shape as y_true.",
        r"t_j = \begin{cases}\tfrac12 e_j^2 & |e_j| \le \delta\\ \delta|e_j| - \tfrac12\delta^2 & \text{otherwise}\end{cases}",
        MEAN, HINGE_EXAMPLE,
        params=(Param("delta", 1.0, low=0.0, low_open=True, help="Where the quadratic part becomes linear."),),
        docs_url=DOCS + "regression_losses/#huber-class",
    ),
    LossSpec(
        "log_cosh", "Log-cosh", "regression", regression.log_cosh, "LogCosh",
        "log(cosh(error)): about e^2/2 for small errors, |e| - log 2 for large ones.",
        "Real-valued targets.", "Real-valued predictions, same shape as y_true.",
        r"t_j = \log\cosh(\hat{y}_j - y_j)", MEAN, HINGE_EXAMPLE,
        docs_url=DOCS + "regression_losses/#logcosh-class",
    ),
    # Probabilistic / classification
    LossSpec(
        "binary_crossentropy", "Binary cross-entropy", "probabilistic",
        probabilistic.binary_crossentropy, "BinaryCrossentropy",
        "Log loss of each independent yes/no prediction; probabilities are clipped to [1e-7, 1 - 1e-7].",
        "Labels 0 or 1 (or soft labels in [0, 1]).",
        "Probabilities of label 1 (or logits with from_logits).",
        r"t_j = -\big(y_j \log p_j + (1 - y_j)\log(1 - p_j)\big)", MEAN, HINGE_EXAMPLE,
        params=(FROM_LOGITS, LABEL_SMOOTHING, AXIS), aliases=("bce", "BCE"),
        y_true_kind="binary", y_pred_kind="probabilities",
        docs_url=DOCS + "probabilistic_losses/#binarycrossentropy-class",
    ),
    LossSpec(
        "binary_focal_crossentropy", "Binary focal cross-entropy", "probabilistic",
        probabilistic.binary_focal_crossentropy, "BinaryFocalCrossentropy",
        "Binary cross-entropy scaled by (1 - p_t)^gamma, so easy examples count less.",
        "Labels 0 or 1.", "Probabilities of label 1 (or logits with from_logits).",
        r"t_j = -\alpha_t (1 - p_t)^{\gamma} \log p_t", MEAN, HINGE_EXAMPLE,
        params=(Param("apply_class_balancing", False, "bool", help="Weight positives by alpha, negatives by 1 - alpha."),
                FOCAL_ALPHA, FOCAL_GAMMA, FROM_LOGITS, LABEL_SMOOTHING, AXIS),
        y_true_kind="binary", y_pred_kind="probabilities",
        docs_url=DOCS + "probabilistic_losses/#binaryfocalcrossentropy-class",
    ),
    LossSpec(
        "categorical_crossentropy", "Categorical cross-entropy", "probabilistic",
        probabilistic.categorical_crossentropy, "CategoricalCrossentropy",
        "Minus the log of the probability given to the true class (natural log).",
        "One-hot rows (or soft labels that sum to 1).",
        "Class probabilities per row (renormalised to sum to 1), or logits with from_logits.",
        r"t_j = -y_j \log p_j", SUM, CCE_EXAMPLE,
        params=(FROM_LOGITS, LABEL_SMOOTHING, AXIS),
        y_true_kind="one_hot", y_pred_kind="probabilities",
        docs_url=DOCS + "probabilistic_losses/#categoricalcrossentropy-class",
    ),
    LossSpec(
        "sparse_categorical_crossentropy", "Sparse categorical cross-entropy", "probabilistic",
        probabilistic.sparse_categorical_crossentropy, "SparseCategoricalCrossentropy",
        "Categorical cross-entropy with the true class given as an index instead of one-hot.",
        "One class index per row (0 to C - 1).",
        "Class probabilities per row (renormalised), or logits with from_logits.",
        r"t_j = -[j = y] \log p_j", SUM, {"y_true": [1, 2], "y_pred": CCE_EXAMPLE["y_pred"]},
        params=(FROM_LOGITS,
                Param("ignore_class", None, "class", optional=True,
                      help="Rows whose label is this class are masked out of the loss."),
                AXIS),
        inputs="sparse", y_true_kind="class_index", y_pred_kind="probabilities",
        docs_url=DOCS + "probabilistic_losses/#sparsecategoricalcrossentropy-class",
    ),
    LossSpec(
        "categorical_focal_crossentropy", "Categorical focal cross-entropy", "probabilistic",
        probabilistic.categorical_focal_crossentropy, "CategoricalFocalCrossentropy",
        "Cross-entropy scaled by alpha (1 - p)^gamma: confident correct predictions count less.",
        "One-hot rows.", "Class probabilities per row (renormalised), or logits with from_logits.",
        r"t_j = -\alpha (1 - p_j)^{\gamma} y_j \log p_j", SUM, CCE_EXAMPLE,
        params=(FOCAL_ALPHA, FOCAL_GAMMA, FROM_LOGITS, LABEL_SMOOTHING, AXIS),
        y_true_kind="one_hot", y_pred_kind="probabilities",
        docs_url=DOCS + "probabilistic_losses/#categoricalfocalcrossentropy-class",
    ),
    LossSpec(
        "categorical_generalized_cross_entropy", "Generalized cross-entropy", "probabilistic",
        probabilistic.categorical_generalized_cross_entropy, "CategoricalGeneralizedCrossEntropy",
        "(1 - p_y^q) / q: between cross-entropy (q -> 0) and MAE (q = 1); robust to noisy labels.",
        "One class index per row.", "Class probabilities per row (used as given).",
        r"\ell = \frac{1 - p_y^{\,q}}{q}", r"\ell = \frac{1 - p_y^{\,q}}{q}",
        {"y_true": [0, 1, 0, 1], "y_pred": [[0.7, 0.3], [0.2, 0.8], [0.6, 0.4], [0.4, 0.6]]},
        params=(Param("q", 0.5, low=0.0, high=1.0, low_open=True, high_open=True,
                      help="Between 0 (cross-entropy) and 1 (MAE)."),),
        inputs="sparse", y_true_kind="class_index", y_pred_kind="probabilities",
        docs_url=DOCS + "probabilistic_losses/",
    ),
    LossSpec(
        "kl_divergence", "KL divergence", "probabilistic", probabilistic.kl_divergence,
        "KLDivergence",
        "How much y_pred's distribution differs from y_true's; both clipped to [1e-7, 1].",
        "A probability distribution per row.", "A probability distribution per row.",
        r"t_j = y_j \log\frac{y_j}{p_j}", SUM,
        {"y_true": [[0.2, 0.8], [0.5, 0.5]], "y_pred": [[0.4, 0.6], [0.9, 0.1]]},
        aliases=("kld", "KLD"), y_true_kind="probabilities", y_pred_kind="probabilities",
        docs_url=DOCS + "probabilistic_losses/#kldivergence-class",
    ),
    LossSpec(
        "poisson", "Poisson", "probabilistic", probabilistic.poisson, "Poisson",
        "Negative log-likelihood of counts under a Poisson rate (without the constant term).",
        "Counts (non-negative).", "Predicted rates (positive).",
        r"t_j = \hat{y}_j - y_j \log(\hat{y}_j + \epsilon)", MEAN,
        {"y_true": [[0.0, 1.0], [0.0, 0.0]], "y_pred": [[1.0, 1.0], [0.0, 0.0]]},
        y_true_kind="counts", y_pred_kind="rates",
        docs_url=DOCS + "probabilistic_losses/#poisson-class",
    ),
    # Margin
    LossSpec(
        "hinge", "Hinge", "margin", margin.hinge, "Hinge",
        "max(0, 1 - y * y_pred): zero once the prediction is on the right side by a margin of 1.",
        "Labels -1 or 1 (0/1 labels are converted when ALL labels are 0 or 1).",
        "Real-valued scores.", r"t_j = \max(0,\ 1 - y'_j \hat{y}_j)", MEAN, HINGE_EXAMPLE,
        y_true_kind="labels_pm1", docs_url=DOCS + "hinge_losses/#hinge-class",
    ),
    LossSpec(
        "squared_hinge", "Squared hinge", "margin", margin.squared_hinge, "SquaredHinge",
        "The hinge, squared: smooth at the margin and harsher on large violations.",
        "Labels -1 or 1 (0/1 labels are converted when ALL labels are 0 or 1).",
        "Real-valued scores.", r"t_j = \max(0,\ 1 - y'_j \hat{y}_j)^2", MEAN, HINGE_EXAMPLE,
        y_true_kind="labels_pm1", docs_url=DOCS + "hinge_losses/#squaredhinge-class",
    ),
    LossSpec(
        "categorical_hinge", "Categorical hinge", "margin", margin.categorical_hinge,
        "CategoricalHinge",
        "The best wrong-class score must be at least 1 below the true class's score.",
        "One-hot rows.", "Real-valued scores per class.",
        r"p = \sum_j y_j \hat{y}_j,\quad n = \max_j (1 - y_j)\hat{y}_j",
        r"\ell = \max(0,\ n - p + 1)",
        {"y_true": [[0, 1, 0], [1, 0, 0]], "y_pred": [[0.2, 0.7, 0.1], [0.3, 0.4, 0.3]]},
        y_true_kind="one_hot", docs_url=DOCS + "hinge_losses/#categoricalhinge-class",
    ),
    # Similarity and segmentation
    LossSpec(
        "cosine_similarity", "Cosine similarity", "similarity", similarity.cosine_similarity,
        "CosineSimilarity",
        "Minus the cosine of the angle between y_true and y_pred: -1 when they point the same way.",
        "Vectors (one per row).", "Vectors, same shape as y_true.",
        r"t_j = \frac{y_j}{\lVert y \rVert}\cdot\frac{\hat{y}_j}{\lVert \hat{y} \rVert}",
        r"\ell = -\sum_j t_j",
        {"y_true": [[0, 1], [1, 1], [1, 1]], "y_pred": [[1, 0], [1, 1], [-1, -1]], "params": {"axis": 1}},
        params=(AXIS,), docs_url=DOCS + "regression_losses/#cosinesimilarity-class",
    ),
    LossSpec(
        "dice", "Dice", "similarity", similarity.dice, "Dice",
        "1 - 2|A and B| / (|A| + |B|): overlap of a predicted mask with the true mask.",
        "Mask values 0 or 1.", "Predicted mask probabilities.",
        r"\text{dice} = \frac{2\sum y\hat{y}}{\sum y + \sum \hat{y} + \epsilon}",
        r"\ell = 1 - \text{dice}",
        {"y_true": [[1, 1, 0, 0], [0, 0, 1, 1]], "y_pred": [[0.9, 0.6, 0.2, 0.1], [0.2, 0.3, 0.8, 0.7]]},
        params=(Param("axis", None, "axis", optional=True,
                      help="None: one score for the whole batch; an axis: one per sample."),),
        docs_url=DOCS + "regression_losses/",
    ),
    LossSpec(
        "tversky", "Tversky", "similarity", similarity.tversky, "Tversky",
        "Dice with separate weights for false positives (alpha) and false negatives (beta).",
        "Mask values 0 or 1.", "Predicted mask probabilities.",
        r"\text{TI} = \frac{TP}{TP + \alpha FP + \beta FN + \epsilon}", r"\ell = 1 - \text{TI}",
        {"y_true": [[1, 1, 0, 0], [0, 0, 1, 1]], "y_pred": [[0.9, 0.6, 0.2, 0.1], [0.2, 0.3, 0.8, 0.7]]},
        params=(Param("alpha", 0.5, low=0.0, help="Weight of false positives."),
                Param("beta", 0.5, low=0.0, help="Weight of false negatives."),
                Param("axis", None, "axis", optional=True,
                      help="None: one score for the whole batch; an axis: one per sample.")),
        docs_url=DOCS + "regression_losses/",
    ),
    # Sequence and metric learning
    LossSpec(
        "circle", "Circle loss", "sequence", sequence.circle, "Circle",
        "Pulls same-label embeddings together and pushes others apart, weighting the pairs "
        "furthest from their optimum most.",
        "One integer label per sample.", "One embedding vector per sample (rows are l2-normalised).",
        r"\ell_i = \log\Big(1 + \sum_{n} e^{\gamma a_n (s_n - \Delta_n)} \sum_{p} e^{-\gamma a_p (s_p - \Delta_p)}\Big)",
        r"\ell_i = \operatorname{softplus}(\operatorname{LSE}_n + \operatorname{LSE}_p)",
        {"y_true": [0, 0, 1, 1], "y_pred": [[1.0, 0.1], [0.9, 0.3], [0.2, 1.0], [-0.1, 0.8]]},
        params=(Param("gamma", 80.0, low=0.0, low_open=True, help="Scale of the similarities."),
                Param("margin", 0.4, low=0.0, high=1.0, help="Relaxation margin m."),
                Param("remove_diagonal", True, "bool", help="Ignore each sample's pair with itself.")),
        inputs="embedding", y_true_kind="class_index", y_pred_kind="embeddings",
        docs_url=DOCS + "metric_learning_losses/",
    ),
    LossSpec(
        "ctc", "CTC", "sequence", sequence.ctc, "CTC",
        "Connectionist temporal classification: minus the log of the total probability of every "
        "alignment of the label sequence to the time steps.",
        "Label sequences (N, L) of class ids 1..C-1; 0 pads (and is the blank).",
        "Per-step scores (N, T, C), turned into probabilities with log-softmax.",
        r"\ell = -\log \sum_{\pi \in \mathcal{B}^{-1}(y)} \prod_t p_t(\pi_t)",
        r"\ell = -\log(\alpha_T(S) + \alpha_T(S - 1))",
        {"y_true": [[1, 2], [2, 0]],
         "y_pred": [[[0.5, 1.0, 0.1], [0.2, 0.3, 1.2], [0.9, 0.1, 0.4]],
                    [[0.3, 0.2, 1.1], [1.0, 0.1, 0.1], [0.1, 0.2, 0.3]]]},
        inputs="sequence", y_true_kind="sequence_labels", y_pred_kind="logits",
        docs_url=DOCS,
    ),
)

REGISTRY: dict[str, LossSpec] = {spec.name: spec for spec in _SPECS}
ALIASES: dict[str, str] = {
    alias: spec.name for spec in _SPECS for alias in (*spec.aliases, spec.keras_class)
}


def names() -> list[str]:
    """Registered loss names, grouped by family in the registry's order."""
    return list(REGISTRY)


def get_spec(name: str) -> LossSpec:
    """The spec of ``name`` or any Keras alias of it (``mse``, ``MeanSquaredError``)."""
    key = ALIASES.get(name, name) if isinstance(name, str) else name
    if key not in REGISTRY:
        known = ", ".join(REGISTRY)
        raise LossInputError(
            f"Unknown loss {str(name)[:40]!r}. Known losses: {known}.",
            key="error.unknown_loss",
            argument="loss",
            value=str(name)[:40],
            known=known,
        )
    return REGISTRY[key]

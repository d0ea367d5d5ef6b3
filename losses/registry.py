"""Every loss Loss Lab knows, in one place: name -> LossSpec, plus Keras' aliases.

Names, parameter names and defaults are Keras 3's (``keras/src/losses/losses.py``). Unknown names
fail with the list of known ones, as ``keras.losses.get`` does. The PyTorch section below holds
the ``torch.nn`` losses, keyed by class name, with torch's constructor arguments.
"""

from __future__ import annotations

from losses import margin, probabilistic, pytorch, regression, sequence, similarity
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
        r"t_j = -[\alpha_t]\,(1 - p_t)^{\gamma} \log p_t,\ \ \alpha_t \text{ only with apply\_class\_balancing}",
        MEAN, HINGE_EXAMPLE,
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
        params=(Param("alpha", 0.25, low=0.0, high=1.0, per_class=True, help="Weight of each class: one number, or a list with one weight per class."),
                Param("gamma", 2.0, low=0.0, per_class=True, help="Focusing strength: 0 gives plain cross-entropy; a list gives one per class."),
                FROM_LOGITS, LABEL_SMOOTHING, AXIS),
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
        params=(Param("axis", None, "axes", optional=True,
                      help="None: one score for the whole batch; an axis or several: one score per sample."),),
        docs_url=DOCS + "regression_losses/",
        max_rank=5,
    ),
    LossSpec(
        "tversky", "Tversky", "similarity", similarity.tversky, "Tversky",
        "Dice with separate weights for the two kinds of miss. In Keras' code alpha weights the "
        "true mask the prediction missed and beta the prediction outside the mask, although Keras "
        "calls them false positives and false negatives.",
        "Mask values 0 or 1.", "Predicted mask probabilities.",
        r"\text{TI} = \frac{\sum y\hat{y}}{\sum y\hat{y} + \alpha \sum y(1 - \hat{y}) + \beta \sum (1 - y)\hat{y} + \epsilon}",
        r"\ell = 1 - \text{TI}",
        {"y_true": [[1, 1, 0, 0], [0, 0, 1, 1]], "y_pred": [[0.9, 0.6, 0.2, 0.1], [0.2, 0.3, 0.8, 0.7]]},
        params=(Param("alpha", 0.5, low=0.0,
                      help="Weight of sum(y (1 - y_pred)), the missed true mask (Keras' 'fp')."),
                Param("beta", 0.5, low=0.0,
                      help="Weight of sum((1 - y) y_pred), the prediction outside the mask (Keras' 'fn')."),
                Param("axis", None, "axes", optional=True,
                      help="None: one score for the whole batch; an axis or several: one score per sample.")),
        docs_url=DOCS + "regression_losses/",
        max_rank=5,
    ),
    # Sequence and metric learning
    LossSpec(
        "circle", "Circle loss", "sequence", sequence.circle, "Circle",
        "Pulls same-label embeddings together and pushes others apart, weighting the pairs "
        "furthest from their optimum most.",
        "One integer label per sample.",
        "One embedding vector per sample; Keras expects unit-length rows and does not normalise them.",
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


# ---------------------------------------------------------------- PyTorch (torch.nn)
#
# Keyed by the torch.nn class name, with the constructor's arguments and defaults
# (torch/nn/modules/loss.py); the aliases are the torch.nn.functional names. Torch's forward is
# (input, target): input is our y_pred, target our y_true.

TORCH_DOCS = "https://pytorch.org/docs/stable/generated/torch.nn."
TORCH_REDUCTIONS = pytorch.REDUCTIONS
ELEMENTS = r"\ell_i \text{ for each element (no per-sample mean)}"

CLASS_WEIGHT = Param("weight", None, "vector", optional=True,
                     help="One weight per class; \"mean\" then divides by the weights of the targets.")
IGNORE_INDEX = Param("ignore_index", -100, "int",
                     help="Targets equal to this index count 0 and leave the divisor.")
TORCH_MARGIN = Param("margin", 0.0, help="The margin.")
TORCH_CE_EXAMPLE = {"y_true": [1, 2], "y_pred": CCE_EXAMPLE["y_pred"]}

_TORCH_SPECS = (
    LossSpec(
        "MSELoss", "MSELoss", "regression", pytorch.mse_loss, "",
        "Squared error of each element; \"mean\" averages over every element at once.",
        "Targets (torch's target).", "Predictions (torch's input), same shape as y_true.",
        r"\ell_i = (x_i - y_i)^2", ELEMENTS, REGRESSION_EXAMPLE, aliases=("mse_loss",),
        docs_url=TORCH_DOCS + "MSELoss.html", framework="pytorch", counterpart="mean_squared_error",
        reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        "L1Loss", "L1Loss", "regression", pytorch.l1_loss, "",
        "Absolute error of each element.",
        "Targets (torch's target).", "Predictions (torch's input), same shape as y_true.",
        r"\ell_i = |x_i - y_i|", ELEMENTS, REGRESSION_EXAMPLE, aliases=("l1_loss",),
        docs_url=TORCH_DOCS + "L1Loss.html", framework="pytorch", counterpart="mean_absolute_error",
        reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        "HuberLoss", "HuberLoss", "regression", pytorch.huber_loss, "",
        "Quadratic for errors below delta, linear beyond: Keras' Huber, element by element.",
        "Targets (torch's target).", "Predictions (torch's input), same shape as y_true.",
        r"\ell_i = \begin{cases}\tfrac12 z_i^2 & z_i < \delta\\ \delta(z_i - \tfrac12\delta) & \text{otherwise}\end{cases}",
        ELEMENTS, HINGE_EXAMPLE,
        params=(Param("delta", 1.0, low=0.0, low_open=True, help="Where the quadratic part becomes linear."),),
        aliases=("huber_loss",), docs_url=TORCH_DOCS + "HuberLoss.html", framework="pytorch",
        counterpart="huber", reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        "SmoothL1Loss", "SmoothL1Loss", "regression", pytorch.smooth_l1_loss, "",
        "Huber divided by beta: quadratic below beta, then |error| - beta / 2.",
        "Targets (torch's target).", "Predictions (torch's input), same shape as y_true.",
        r"\ell_i = \begin{cases}\tfrac12 z_i^2/\beta & z_i < \beta\\ z_i - \tfrac12\beta & \text{otherwise}\end{cases}",
        ELEMENTS, HINGE_EXAMPLE,
        params=(Param("beta", 1.0, low=0.0, help="Where the quadratic part becomes linear (0: L1Loss)."),),
        aliases=("smooth_l1_loss",), docs_url=TORCH_DOCS + "SmoothL1Loss.html", framework="pytorch",
        counterpart="huber", reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        "BCELoss", "BCELoss", "probabilistic", pytorch.bce_loss, "",
        "Binary cross-entropy of probabilities; each log is clamped at -100, so the cap is 100.",
        "Labels 0 or 1 (or soft labels in [0, 1]).", "Probabilities in [0, 1] (torch's input).",
        r"\ell_i = -w_i\big(y_i \max(\log x_i, -100) + (1 - y_i)\max(\log(1 - x_i), -100)\big)",
        ELEMENTS, HINGE_EXAMPLE,
        params=(Param("weight", None, "vector", optional=True,
                      help="Rescales each element; broadcast along the last axis."),),
        aliases=("binary_cross_entropy",), y_true_kind="binary", y_pred_kind="probabilities",
        docs_url=TORCH_DOCS + "BCELoss.html", framework="pytorch", counterpart="binary_crossentropy",
        reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        "BCEWithLogitsLoss", "BCEWithLogitsLoss", "probabilistic", pytorch.bce_with_logits_loss, "",
        "Sigmoid and binary cross-entropy in one stable step, from logits.",
        "Labels 0 or 1 (or soft labels in [0, 1]).", "Logits (raw scores, torch's input).",
        r"\ell_i = w_i\big[(1 - y_i)\,x_i - (1 + (p_w - 1)\,y_i)\log\sigma(x_i)\big]",
        ELEMENTS, {"y_true": [[1.0, 1.0], [1.0, 1.0]], "y_pred": [[1.5, 1.5], [1.5, 1.5]]},
        params=(Param("weight", None, "vector", optional=True,
                      help="Rescales each element; broadcast along the last axis."),
                Param("pos_weight", None, "vector", optional=True,
                      help="Weight of the positive term, one per class (last axis).")),
        aliases=("binary_cross_entropy_with_logits",), y_true_kind="binary", y_pred_kind="logits",
        docs_url=TORCH_DOCS + "BCEWithLogitsLoss.html", framework="pytorch",
        counterpart="binary_crossentropy", reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        "CrossEntropyLoss", "CrossEntropyLoss", "probabilistic", pytorch.cross_entropy_loss, "",
        "Log-softmax of the logits, then minus the log-probability of the target class.",
        "One class index per sample (N,), or class probabilities (N, C).",
        "Logits (raw scores), classes on axis 1: (N, C) or (N, C, d).",
        r"\ell_n = -w_{y_n} \log \frac{e^{x_{n,y_n}}}{\sum_c e^{x_{n,c}}}",
        r"\ell_n \text{ per sample; mean divides by } \textstyle\sum_n w_{y_n}",
        TORCH_CE_EXAMPLE,
        params=(CLASS_WEIGHT, IGNORE_INDEX,
                Param("label_smoothing", 0.0, low=0.0, high=1.0,
                      help="Mix this much of a uniform distribution into the targets.")),
        aliases=("cross_entropy",), inputs="class_index_or_probabilities", y_true_kind="class_index",
        y_pred_kind="logits", docs_url=TORCH_DOCS + "CrossEntropyLoss.html", framework="pytorch",
        counterpart="sparse_categorical_crossentropy", reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        "NLLLoss", "NLLLoss", "probabilistic", pytorch.nll_loss, "",
        "Minus the given log-probability of the target class (apply log_softmax first).",
        "One class index per sample (N,).", "Log-probabilities, classes on axis 1: (N, C) or (N, C, d).",
        r"\ell_n = -w_{y_n} x_{n,y_n}", r"\ell_n \text{ per sample; mean divides by } \textstyle\sum_n w_{y_n}",
        {"y_true": [1, 2], "y_pred": [[-2.9957, -0.0513, -6.9078], [-2.3026, -0.2231, -2.3026]]},
        params=(CLASS_WEIGHT, IGNORE_INDEX), aliases=("nll_loss",), inputs="class_index",
        y_true_kind="class_index", y_pred_kind="log_probabilities", docs_url=TORCH_DOCS + "NLLLoss.html",
        framework="pytorch", counterpart="sparse_categorical_crossentropy", reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        "KLDivLoss", "KLDivLoss", "probabilistic", pytorch.kl_div_loss, "",
        "Pointwise KL divergence from log-probabilities; \"batchmean\" gives the KL divergence, "
        "\"mean\" (the default) divides by every element.",
        "Target probabilities (log-probabilities with log_target).",
        "Log-probabilities (torch's input), same shape as y_true.",
        r"\ell_i = y_i(\log y_i - x_i)", ELEMENTS,
        {"y_true": [[0.2, 0.8], [0.5, 0.5]], "y_pred": [[-0.9163, -0.5108], [-0.1054, -2.3026]],
         "reduction": "batchmean"},
        params=(Param("log_target", False, "bool", help="y_true holds log-probabilities."),),
        aliases=("kl_div",), y_true_kind="probabilities", y_pred_kind="log_probabilities",
        docs_url=TORCH_DOCS + "KLDivLoss.html", framework="pytorch", counterpart="kl_divergence",
        reductions=("mean", "batchmean", "sum", "none"),
    ),
    LossSpec(
        "PoissonNLLLoss", "PoissonNLLLoss", "probabilistic", pytorch.poisson_nll_loss, "",
        "Poisson negative log-likelihood; by default y_pred is the log of the rate.",
        "Counts (non-negative).", "Log-rates (log_input=True, the default) or rates.",
        r"\ell_i = e^{x_i} - y_i x_i \ \text{(log\_input)}, \quad x_i - y_i\log(x_i + \epsilon)",
        ELEMENTS, {"y_true": [[0.0, 1.0], [0.0, 0.0]], "y_pred": [[1.0, 1.0], [0.0, 0.0]]},
        params=(Param("log_input", True, "bool", help="y_pred is the log of the rate."),
                Param("full", False, "bool", help="Add Stirling's approximation of log(y!) where y > 1."),
                Param("eps", 1e-8, low=0.0, help="Added to the rate before the log (log_input=False).")),
        aliases=("poisson_nll_loss",), y_true_kind="counts", y_pred_kind="log_rates",
        docs_url=TORCH_DOCS + "PoissonNLLLoss.html", framework="pytorch", counterpart="poisson",
        reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        "HingeEmbeddingLoss", "HingeEmbeddingLoss", "margin", pytorch.hinge_embedding_loss, "",
        "For a distance x: x itself for similar pairs (y = 1), max(0, margin - x) for dissimilar (y = -1).",
        "Labels 1 (similar) or -1 (dissimilar).", "Distances (torch's input), same shape as y_true.",
        r"\ell_i = \begin{cases} x_i & y_i = 1\\ \max(0, \text{margin} - x_i) & y_i = -1\end{cases}",
        ELEMENTS, {"y_true": [[1.0, -1.0], [-1.0, 1.0]], "y_pred": [[0.3, 0.4], [1.5, 0.2]]},
        params=(Param("margin", 1.0, help="Dissimilar pairs closer than this cost margin - x."),),
        aliases=("hinge_embedding_loss",), y_true_kind="labels_pm1", y_pred_kind="distances",
        docs_url=TORCH_DOCS + "HingeEmbeddingLoss.html", framework="pytorch", counterpart="hinge",
        reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        "SoftMarginLoss", "SoftMarginLoss", "margin", pytorch.soft_margin_loss, "",
        "Logistic loss log(1 + exp(-y x)) for labels 1 or -1.",
        "Labels 1 or -1.", "Real-valued scores, same shape as y_true.",
        r"\ell_i = \log(1 + e^{-y_i x_i})", ELEMENTS,
        {"y_true": [[1.0, -1.0], [-1.0, 1.0]], "y_pred": [[0.6, 0.4], [0.4, 0.6]]},
        aliases=("soft_margin_loss",), y_true_kind="labels_pm1",
        docs_url=TORCH_DOCS + "SoftMarginLoss.html", framework="pytorch", counterpart="hinge",
        reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        "MultiMarginLoss", "MultiMarginLoss", "margin", pytorch.multi_margin_loss, "",
        "Multi-class hinge: every other class within margin of the target's score costs, "
        "summed and divided by the number of classes.",
        "One class index per sample (N,).", "Scores per class (N, C).",
        r"\ell_n = \frac{1}{C}\sum_{i \ne y_n} w_{y_n}\max(0,\ \text{margin} - x_{n,y_n} + x_{n,i})^p",
        r"\ell_n = \frac{1}{C}\sum_i h_{n,i}",
        {"y_true": [3], "y_pred": [[0.1, 0.2, 0.4, 0.8]]},
        params=(Param("p", 1, "int", low=1, high=2, help="1 or 2: the power of each hinge."),
                Param("margin", 1.0, help="How far the target must lead every other class."),
                CLASS_WEIGHT),
        aliases=("multi_margin_loss",), inputs="class_index", y_true_kind="class_index",
        docs_url=TORCH_DOCS + "MultiMarginLoss.html", framework="pytorch",
        counterpart="categorical_hinge", reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        "CosineEmbeddingLoss", "CosineEmbeddingLoss", "similarity", pytorch.cosine_embedding_loss, "",
        "1 - cos(x1, x2) for pairs that should match (y = 1), max(0, cos - margin) for pairs that "
        "should not (y = -1).",
        "One label per pair: 1 (similar) or -1 (dissimilar), shape (N,).",
        "The pair stacked on axis 1, shape (N, 2, D): y_pred[:, 0] is x1, y_pred[:, 1] is x2.",
        r"\ell_n = \begin{cases} 1 - \cos(x_{1,n}, x_{2,n}) & y_n = 1\\ \max(0, \cos(x_{1,n}, x_{2,n}) - \text{margin}) & y_n = -1\end{cases}",
        r"\ell_n \text{ per pair}",
        {"y_true": [1, -1], "y_pred": [[[1.0, 0.0], [1.0, 1.0]], [[1.0, 1.0], [1.0, 0.5]]]},
        params=(TORCH_MARGIN,), aliases=("cosine_embedding_loss",), inputs="embedding_pair",
        y_true_kind="labels_pm1", y_pred_kind="embedding_pair",
        docs_url=TORCH_DOCS + "CosineEmbeddingLoss.html", framework="pytorch",
        counterpart="cosine_similarity", reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        "MarginRankingLoss", "MarginRankingLoss", "margin", pytorch.margin_ranking_loss, "",
        "x1 should score above x2 by margin when y = 1, below when y = -1.",
        "One label per pair: 1 (x1 ranks higher) or -1 (x2 ranks higher), shape (N,).",
        "The pair as two columns, shape (N, 2): y_pred[:, 0] is x1, y_pred[:, 1] is x2.",
        r"\ell_n = \max(0,\ -y_n (x_{1,n} - x_{2,n}) + \text{margin})", r"\ell_n \text{ per pair}",
        {"y_true": [1, -1, 1], "y_pred": [[0.8, 0.3], [0.2, 0.6], [0.1, 0.4]]},
        params=(TORCH_MARGIN,), aliases=("margin_ranking_loss",), inputs="pair",
        y_true_kind="labels_pm1", y_pred_kind="pair", docs_url=TORCH_DOCS + "MarginRankingLoss.html",
        framework="pytorch", reductions=TORCH_REDUCTIONS,
    ),
)

TORCH_REGISTRY: dict[str, LossSpec] = {spec.name: spec for spec in _TORCH_SPECS}
TORCH_ALIASES: dict[str, str] = {alias: spec.name for spec in _TORCH_SPECS for alias in spec.aliases}

FRAMEWORKS = ("keras", "pytorch")
_TABLES = {"keras": (REGISTRY, ALIASES), "pytorch": (TORCH_REGISTRY, TORCH_ALIASES)}


def check_framework(framework: str) -> str:
    if framework not in FRAMEWORKS:
        raise LossInputError(
            f"framework must be one of {', '.join(FRAMEWORKS)}, not {str(framework)[:20]!r}.",
            key="error.unknown_framework",
            argument="framework",
            value=str(framework)[:20],
            choices=", ".join(FRAMEWORKS),
        )
    return framework


def names(framework: str = "keras") -> list[str]:
    """Registered loss names of one framework, grouped by family in the registry's order."""
    return list(_TABLES[check_framework(framework)][0])


def get_spec(name: str, framework: str = "keras") -> LossSpec:
    """The spec of ``name`` or an alias (``mse``, ``MeanSquaredError``; torch: ``mse_loss``)."""
    registry, aliases = _TABLES[check_framework(framework)]
    key = aliases.get(name, name) if isinstance(name, str) else name
    if key not in registry:
        known = ", ".join(registry)
        other = next((f for f, (r, a) in _TABLES.items()
                      if f != framework and isinstance(name, str) and (name in r or name in a)), None)
        hint = f" {name!r} is a {other} loss: pass framework={other!r}." if other else ""
        raise LossInputError(
            f"Unknown loss {str(name)[:40]!r}. Known losses: {known}.{hint}",
            key="error.unknown_loss",
            argument="loss",
            value=str(name)[:40],
            known=known,
        )
    return registry[key]

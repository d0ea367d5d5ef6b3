"""Every loss Loss Lab knows, in one place: name -> LossSpec, plus Keras' aliases.

Names, parameter names and defaults are Keras 3's (``keras/src/losses/losses.py``). Unknown names
fail with the list of known ones, as ``keras.losses.get`` does. The PyTorch section below holds
the ``torch.nn`` losses, keyed by class name, with torch's constructor arguments.

No prose lives here: a loss's display name, description and the meaning of its inputs, and each
parameter's help, are messages derived from the names (``LossSpec.display``, ``Param.help``), with
their words in ``losses/catalog``.
"""

from __future__ import annotations

import math

from losses import margin, probabilistic, reduction, regression, sequence, similarity
from losses.errors import LossInputError
from losses.messages import Word, formula
from losses.spec import LossSpec, Param

DOCS = "https://keras.io/api/losses/"
MEAN = r"\ell = \frac{1}{C}\sum_{j=1}^{C} t_j"
SUM = r"\ell = \sum_{j=1}^{C} t_j"

FROM_LOGITS = Param("from_logits", False, "bool")
LABEL_SMOOTHING = Param("label_smoothing", 0.0, low=0.0, high=1.0)
AXIS = Param("axis", -1, "axis")
FOCAL_ALPHA = Param("alpha", 0.25, low=0.0, high=1.0, meaning="focal")
FOCAL_GAMMA = Param("gamma", 2.0, low=0.0, meaning="focal")

HINGE_EXAMPLE = {"y_true": [[0, 1], [0, 0]], "y_pred": [[0.6, 0.4], [0.4, 0.6]]}
CCE_EXAMPLE = {"y_true": [[0, 1, 0], [0, 0, 1]], "y_pred": [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]}
REGRESSION_EXAMPLE = {"y_true": [[0.0, 1.0], [0.0, 0.0]], "y_pred": [[1.0, 1.0], [1.0, 0.0]]}

_SPECS = (
    # Regression
    LossSpec(
        name="mean_squared_error", family="regression", curve="error",
        fn=regression.mean_squared_error,
        class_name="MeanSquaredError", term_latex=r"t_j = (y_j - \hat{y}_j)^2",
        aggregation_latex=MEAN, example=REGRESSION_EXAMPLE, aliases=("mse", "MSE"),
        docs_url=DOCS + "regression_losses/#meansquarederror-class",
    ),
    LossSpec(
        name="mean_absolute_error", family="regression", curve="error",
        fn=regression.mean_absolute_error,
        class_name="MeanAbsoluteError", term_latex=r"t_j = |y_j - \hat{y}_j|",
        aggregation_latex=MEAN, example=REGRESSION_EXAMPLE, aliases=("mae", "MAE"),
        docs_url=DOCS + "regression_losses/#meanabsoluteerror-class",
    ),
    LossSpec(
        name="mean_absolute_percentage_error", family="regression", curve="fixed_target",
        fn=regression.mean_absolute_percentage_error, class_name="MeanAbsolutePercentageError",
        term_latex=r"t_j = 100\,\frac{|y_j - \hat{y}_j|}{\max(|y_j|, 10^{-7})}",
        aggregation_latex=MEAN,
        example={"y_true": [[2.0, 4.0], [1.0, 5.0]], "y_pred": [[1.5, 5.0], [1.0, 3.0]]},
        aliases=("mape", "MAPE"),
        docs_url=DOCS + "regression_losses/#meanabsolutepercentageerror-class",
    ),
    LossSpec(
        name="mean_squared_logarithmic_error", family="regression", curve="fixed_target",
        fn=regression.mean_squared_logarithmic_error, class_name="MeanSquaredLogarithmicError",
        term_latex=r"t_j = \big(\log(\max(\hat{y}_j, \epsilon) + 1) - \log(\max(y_j, \epsilon) + 1)\big)^2",
        aggregation_latex=MEAN, example=REGRESSION_EXAMPLE, aliases=("msle", "MSLE"),
        docs_url=DOCS + "regression_losses/#meansquaredlogarithmicerror-class",
    ),
    LossSpec(
        name="huber", family="regression", curve="error", fn=regression.huber, class_name="Huber",
        term_latex=formula(r"t_j = \begin{cases}\tfrac12 e_j^2 & |e_j| \le \delta\\ \delta|e_j| - \tfrac12\delta^2 & @0\end{cases}", Word("latex.otherwise")),
        aggregation_latex=MEAN, example=HINGE_EXAMPLE,
        params=(Param("delta", 1.0, low=0.0, low_open=True),),
        docs_url=DOCS + "regression_losses/#huber-class",
    ),
    LossSpec(
        name="log_cosh", family="regression", curve="error",
        fn=regression.log_cosh, class_name="LogCosh",
        term_latex=r"t_j = \log\cosh(\hat{y}_j - y_j)", aggregation_latex=MEAN,
        example=HINGE_EXAMPLE, docs_url=DOCS + "regression_losses/#logcosh-class",
    ),
    # Probabilistic / classification
    LossSpec(
        name="binary_crossentropy", family="probabilistic", curve="binary",
        fn=probabilistic.binary_crossentropy,
        class_name="BinaryCrossentropy",
        term_latex=r"t_j = -\big(y_j \log p_j + (1 - y_j)\log(1 - p_j)\big)",
        aggregation_latex=MEAN, example=HINGE_EXAMPLE, params=(FROM_LOGITS, LABEL_SMOOTHING, AXIS),
        aliases=("bce", "BCE"), y_true_kind="binary", y_pred_kind="probabilities",
        docs_url=DOCS + "probabilistic_losses/#binarycrossentropy-class",
    ),
    LossSpec(
        name="binary_focal_crossentropy", family="probabilistic", curve="binary",
        fn=probabilistic.binary_focal_crossentropy, class_name="BinaryFocalCrossentropy",
        term_latex=formula(r"t_j = -[\alpha_t]\,(1 - p_t)^{\gamma} \log p_t,\ \ \alpha_t @0",
                           Word("latex.only_with_balancing")),
        aggregation_latex=MEAN, example=HINGE_EXAMPLE,
        params=(Param("apply_class_balancing", False, "bool"),
                FOCAL_ALPHA, FOCAL_GAMMA, FROM_LOGITS, LABEL_SMOOTHING, AXIS),
        y_true_kind="binary", y_pred_kind="probabilities",
        docs_url=DOCS + "probabilistic_losses/#binaryfocalcrossentropy-class",
    ),
    LossSpec(
        name="categorical_crossentropy", family="probabilistic", curve="categorical",
        fn=probabilistic.categorical_crossentropy, class_name="CategoricalCrossentropy",
        term_latex=r"t_j = -y_j \log p_j", aggregation_latex=SUM, example=CCE_EXAMPLE,
        params=(FROM_LOGITS, LABEL_SMOOTHING, AXIS), y_true_kind="one_hot",
        y_pred_kind="probabilities",
        docs_url=DOCS + "probabilistic_losses/#categoricalcrossentropy-class",
    ),
    LossSpec(
        name="sparse_categorical_crossentropy", family="probabilistic", curve="categorical",
        fn=probabilistic.sparse_categorical_crossentropy,
        class_name="SparseCategoricalCrossentropy", term_latex=r"t_j = -[j = y] \log p_j",
        aggregation_latex=SUM, example={"y_true": [1, 2], "y_pred": CCE_EXAMPLE["y_pred"]},
        params=(FROM_LOGITS,
                Param("ignore_class", None, "class", optional=True),
                AXIS),
        inputs="sparse", y_true_kind="class_index", y_pred_kind="probabilities",
        docs_url=DOCS + "probabilistic_losses/#sparsecategoricalcrossentropy-class",
    ),
    LossSpec(
        name="categorical_focal_crossentropy", family="probabilistic", curve="categorical",
        fn=probabilistic.categorical_focal_crossentropy, class_name="CategoricalFocalCrossentropy",
        term_latex=r"t_j = -\alpha (1 - p_j)^{\gamma} y_j \log p_j", aggregation_latex=SUM,
        example=CCE_EXAMPLE, params=(Param("alpha", 0.25, low=0.0, high=1.0, per_class=True, meaning="focal_per_class"),
                Param("gamma", 2.0, low=0.0, per_class=True, meaning="focal_per_class"),
                FROM_LOGITS, LABEL_SMOOTHING, AXIS),
        y_true_kind="one_hot", y_pred_kind="probabilities",
        docs_url=DOCS + "probabilistic_losses/#categoricalfocalcrossentropy-class",
    ),
    LossSpec(
        name="categorical_generalized_cross_entropy", family="probabilistic", curve="categorical",
        # (N, 1) labels broadcast against (N, C) probabilities into an N x N loss, as in Keras.
        work=lambda y_true, y_pred: (y_pred[0] * y_pred[0] if len(y_true) == len(y_pred) and y_true[-1:] == (1,)
                                     else math.prod(y_pred)),
        arrays=10,  # 8.6 measured with the gradient's steps (tests/losses/test_cost.py)
        fn=probabilistic.categorical_generalized_cross_entropy,
        class_name="CategoricalGeneralizedCrossEntropy",
        term_latex=r"\ell = \frac{1 - p_y^{\,q}}{q}",
        aggregation_latex=r"\ell = \frac{1 - p_y^{\,q}}{q}",
        example={"y_true": [0, 1, 0, 1], "y_pred": [[0.7, 0.3], [0.2, 0.8], [0.6, 0.4], [0.4, 0.6]]},
        params=(Param("q", 0.5, low=0.0, high=1.0, low_open=True, high_open=True),),
        inputs="sparse", y_true_kind="class_index", y_pred_kind="probabilities",
        docs_url=DOCS + "probabilistic_losses/",
    ),
    LossSpec(
        name="kl_divergence", family="probabilistic", curve="kl", fn=probabilistic.kl_divergence,
        class_name="KLDivergence", term_latex=r"t_j = y_j \log\frac{y_j}{p_j}",
        aggregation_latex=SUM,
        example={"y_true": [[0.2, 0.8], [0.5, 0.5]], "y_pred": [[0.4, 0.6], [0.9, 0.1]]},
        aliases=("kld", "KLD"), y_true_kind="probabilities", y_pred_kind="probabilities",
        docs_url=DOCS + "probabilistic_losses/#kldivergence-class",
    ),
    LossSpec(
        name="poisson", family="probabilistic", curve="poisson",
        fn=probabilistic.poisson, class_name="Poisson",
        term_latex=r"t_j = \hat{y}_j - y_j \log(\hat{y}_j + \epsilon)", aggregation_latex=MEAN,
        example={"y_true": [[0.0, 1.0], [0.0, 0.0]], "y_pred": [[1.0, 1.0], [0.0, 0.0]]},
        y_true_kind="counts", y_pred_kind="rates",
        docs_url=DOCS + "probabilistic_losses/#poisson-class",
    ),
    # Margin
    LossSpec(
        name="hinge", family="margin", curve="margin", fn=margin.hinge, class_name="Hinge",
        term_latex=r"t_j = \max(0,\ 1 - y'_j \hat{y}_j)", aggregation_latex=MEAN,
        example=HINGE_EXAMPLE, y_true_kind="labels_pm1",
        docs_url=DOCS + "hinge_losses/#hinge-class",
    ),
    LossSpec(
        name="squared_hinge", family="margin", curve="margin",
        fn=margin.squared_hinge, class_name="SquaredHinge",
        term_latex=r"t_j = \max(0,\ 1 - y'_j \hat{y}_j)^2", aggregation_latex=MEAN,
        example=HINGE_EXAMPLE, y_true_kind="labels_pm1",
        docs_url=DOCS + "hinge_losses/#squaredhinge-class",
    ),
    LossSpec(
        name="categorical_hinge", family="margin", curve="margin", fn=margin.categorical_hinge,
        class_name="CategoricalHinge",
        term_latex=r"p = \sum_j y_j \hat{y}_j,\quad n = \max_j (1 - y_j)\hat{y}_j",
        aggregation_latex=r"\ell = \max(0,\ n - p + 1)",
        example={"y_true": [[0, 1, 0], [1, 0, 0]], "y_pred": [[0.2, 0.7, 0.1], [0.3, 0.4, 0.3]]},
        y_true_kind="one_hot", docs_url=DOCS + "hinge_losses/#categoricalhinge-class",
    ),
    # Similarity and segmentation
    LossSpec(
        name="cosine_similarity", family="similarity", curve="cosine",
        fn=similarity.cosine_similarity,
        class_name="CosineSimilarity",
        term_latex=r"t_j = \frac{y_j}{\lVert y \rVert}\cdot\frac{\hat{y}_j}{\lVert \hat{y} \rVert}",
        aggregation_latex=r"\ell = -\sum_j t_j",
        example={"y_true": [[0, 1], [1, 1], [1, 1]], "y_pred": [[1, 0], [1, 1], [-1, -1]], "params": {"axis": 1}},
        params=(AXIS,), docs_url=DOCS + "regression_losses/#cosinesimilarity-class",
    ),
    LossSpec(
        name="dice", family="similarity", curve="overlap", fn=similarity.dice, class_name="Dice",
        term_latex=r"\text{dice} = \frac{2\sum y\hat{y}}{\sum y + \sum \hat{y} + \epsilon}",
        aggregation_latex=r"\ell = 1 - \text{dice}",
        example={"y_true": [[1, 1, 0, 0], [0, 0, 1, 1]], "y_pred": [[0.9, 0.6, 0.2, 0.1], [0.2, 0.3, 0.8, 0.7]]},
        params=(Param("axis", None, "axes", optional=True, meaning="overlap"),),
        docs_url=DOCS + "regression_losses/",
        max_rank=5,
    ),
    LossSpec(
        name="tversky", family="similarity", curve="overlap",
        fn=similarity.tversky, class_name="Tversky",
        term_latex=r"\text{TI} = \frac{\sum y\hat{y}}{\sum y\hat{y} + \alpha \sum y(1 - \hat{y}) + \beta \sum (1 - y)\hat{y} + \epsilon}",
        aggregation_latex=r"\ell = 1 - \text{TI}",
        example={"y_true": [[1, 1, 0, 0], [0, 0, 1, 1]], "y_pred": [[0.9, 0.6, 0.2, 0.1], [0.2, 0.3, 0.8, 0.7]]},
        params=(Param("alpha", 0.5, low=0.0, meaning="tversky"),
                Param("beta", 0.5, low=0.0, meaning="tversky"),
                Param("axis", None, "axes", optional=True, meaning="overlap")),
        docs_url=DOCS + "regression_losses/",
        max_rank=5,
    ),
    # Sequence and metric learning
    LossSpec(
        name="circle", family="sequence", curve="circle", fn=sequence.circle, class_name="Circle",
        # Every pair of samples: similarities, distances, masks, weights and logits, N x N each.
        work=lambda y_true, y_pred: y_pred[0] * y_pred[0], arrays=18,  # 15 measured (tests/losses/test_cost.py)
        term_latex=r"\ell_i = \log\Big(1 + \sum_{n} e^{\gamma a_n (s_n - \Delta_n)} \sum_{p} e^{-\gamma a_p (s_p - \Delta_p)}\Big)",
        aggregation_latex=r"\ell_i = \operatorname{softplus}(\operatorname{LSE}_n + \operatorname{LSE}_p)",
        example={"y_true": [0, 0, 1, 1], "y_pred": [[1.0, 0.1], [0.9, 0.3], [0.2, 1.0], [-0.1, 0.8]]},
        params=(Param("gamma", 80.0, low=0.0, low_open=True, meaning="circle"),
                Param("margin", 0.4, low=0.0, high=1.0, meaning="circle"),
                Param("remove_diagonal", True, "bool")),
        inputs="embedding", y_true_kind="class_index", y_pred_kind="embeddings",
        docs_url=DOCS + "metric_learning_losses/",
    ),
    LossSpec(
        name="ctc", family="sequence", curve="ctc", fn=sequence.ctc, class_name="CTC",
        term_latex=r"\ell = -\log \sum_{\pi \in \mathcal{B}^{-1}(y)} \prod_t p_t(\pi_t)",
        aggregation_latex=r"\ell = -\log(\alpha_T(S) + \alpha_T(S - 1))",
        example={"y_true": [[1, 2], [2, 0]],
         "y_pred": [[[0.5, 1.0, 0.1], [0.2, 0.3, 1.2], [0.9, 0.1, 0.4]],
                    [[0.3, 0.2, 1.1], [1.0, 0.1, 0.1], [0.1, 0.2, 0.3]]]},
        inputs="sequence", y_true_kind="sequence_labels", y_pred_kind="logits", docs_url=DOCS,
    ),
)

REGISTRY: dict[str, LossSpec] = {spec.name: spec for spec in _SPECS}
ALIASES: dict[str, str] = {
    alias: spec.name for spec in _SPECS for alias in (*spec.aliases, spec.class_name)
}


# ---------------------------------------------------------------- PyTorch (torch.nn)
#
# Keyed by the torch.nn class name, with the constructor's arguments and defaults
# (torch/nn/modules/loss.py); the aliases are the torch.nn.functional names. Torch's forward is
# (input, target): input is our y_pred, target our y_true.

TORCH_DOCS = "https://pytorch.org/docs/stable/generated/torch.nn."
TORCH_REDUCTIONS = reduction.TORCH_REDUCTIONS
ELEMENTS = formula(r"\ell_i @0", Word("latex.each_element"))

CLASS_WEIGHT = Param("weight", None, "vector", optional=True, meaning="class")
IGNORE_INDEX = Param("ignore_index", -100, "int")
TORCH_MARGIN = Param("margin", 0.0)
TORCH_CE_EXAMPLE = {"y_true": [1, 2], "y_pred": CCE_EXAMPLE["y_pred"]}

_TORCH_SPECS = (
    LossSpec(
        name="MSELoss", family="regression", curve="error", fn=regression.mse_loss, class_name="MSELoss",
        term_latex=r"\ell_i = (x_i - y_i)^2", aggregation_latex=ELEMENTS,
        example=REGRESSION_EXAMPLE, aliases=("mse_loss",), docs_url=TORCH_DOCS + "MSELoss.html",
        framework="pytorch", counterpart="mean_squared_error", reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        name="L1Loss", family="regression", curve="error", fn=regression.l1_loss, class_name="L1Loss",
        term_latex=r"\ell_i = |x_i - y_i|", aggregation_latex=ELEMENTS, example=REGRESSION_EXAMPLE,
        aliases=("l1_loss",), docs_url=TORCH_DOCS + "L1Loss.html", framework="pytorch",
        counterpart="mean_absolute_error", reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        name="HuberLoss", family="regression", curve="error", fn=regression.huber_loss, class_name="HuberLoss",
        term_latex=formula(r"\ell_i = \begin{cases}\tfrac12 z_i^2 & z_i < \delta\\ \delta(z_i - \tfrac12\delta) & @0\end{cases}", Word("latex.otherwise")),
        aggregation_latex=ELEMENTS, example=HINGE_EXAMPLE,
        params=(Param("delta", 1.0, low=0.0, low_open=True),), aliases=("huber_loss",),
        docs_url=TORCH_DOCS + "HuberLoss.html", framework="pytorch", counterpart="huber",
        reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        name="SmoothL1Loss", family="regression", curve="error", fn=regression.smooth_l1_loss,
        class_name="SmoothL1Loss",
        term_latex=formula(r"\ell_i = \begin{cases}\tfrac12 z_i^2/\beta & z_i < \beta\\ z_i - \tfrac12\beta & @0\end{cases}", Word("latex.otherwise")),
        aggregation_latex=ELEMENTS, example=HINGE_EXAMPLE,
        params=(Param("beta", 1.0, low=0.0, meaning="smooth_l1"),), aliases=("smooth_l1_loss",),
        docs_url=TORCH_DOCS + "SmoothL1Loss.html", framework="pytorch", counterpart="huber",
        reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        name="BCELoss", family="probabilistic", curve="binary", fn=probabilistic.bce_loss, class_name="BCELoss",
        term_latex=r"\ell_i = -w_i\big(y_i \max(\log x_i, -100) + (1 - y_i)\max(\log(1 - x_i), -100)\big)",
        aggregation_latex=ELEMENTS, example=HINGE_EXAMPLE,
        params=(Param("weight", None, "vector", optional=True, meaning="element"),),
        aliases=("binary_cross_entropy",), y_true_kind="binary", y_pred_kind="probabilities",
        docs_url=TORCH_DOCS + "BCELoss.html", framework="pytorch",
        counterpart="binary_crossentropy", reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        name="BCEWithLogitsLoss", family="probabilistic", curve="binary", fn=probabilistic.bce_with_logits_loss,
        class_name="BCEWithLogitsLoss",
        term_latex=r"\ell_i = w_i\big[(1 - y_i)\,x_i - (1 + (p_w - 1)\,y_i)\log\sigma(x_i)\big]",
        aggregation_latex=ELEMENTS,
        example={"y_true": [[1.0, 1.0], [1.0, 1.0]], "y_pred": [[1.5, 1.5], [1.5, 1.5]]},
        params=(Param("weight", None, "vector", optional=True, meaning="element"),
                Param("pos_weight", None, "vector", optional=True)),
        aliases=("binary_cross_entropy_with_logits",), y_true_kind="binary", y_pred_kind="logits",
        docs_url=TORCH_DOCS + "BCEWithLogitsLoss.html", framework="pytorch",
        counterpart="binary_crossentropy", reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        name="CrossEntropyLoss", family="probabilistic", curve="categorical", fn=probabilistic.cross_entropy_loss,
        class_name="CrossEntropyLoss",
        term_latex=r"\ell_n = -w_{y_n} \log \frac{e^{x_{n,y_n}}}{\sum_c e^{x_{n,c}}}",
        aggregation_latex=formula(r"\ell_n @0 \textstyle\sum_n w_{y_n}", Word("latex.per_sample_mean_divides_by")),
        example=TORCH_CE_EXAMPLE,
        params=(CLASS_WEIGHT, IGNORE_INDEX,
                Param("label_smoothing", 0.0, low=0.0, high=1.0, meaning="mix")),
        aliases=("cross_entropy",), inputs="class_index_or_probabilities",
        y_true_kind="class_index", y_pred_kind="logits",
        docs_url=TORCH_DOCS + "CrossEntropyLoss.html", framework="pytorch",
        counterpart="sparse_categorical_crossentropy", reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        name="NLLLoss", family="probabilistic", curve="categorical", fn=probabilistic.nll_loss, class_name="NLLLoss",
        term_latex=r"\ell_n = -w_{y_n} x_{n,y_n}",
        aggregation_latex=formula(r"\ell_n @0 \textstyle\sum_n w_{y_n}", Word("latex.per_sample_mean_divides_by")),
        example={"y_true": [1, 2], "y_pred": [[-2.9957, -0.0513, -6.9078], [-2.3026, -0.2231, -2.3026]]},
        params=(CLASS_WEIGHT, IGNORE_INDEX), aliases=("nll_loss",), inputs="class_index",
        y_true_kind="class_index", y_pred_kind="log_probabilities",
        docs_url=TORCH_DOCS + "NLLLoss.html", framework="pytorch",
        counterpart="sparse_categorical_crossentropy", reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        name="KLDivLoss", family="probabilistic", curve="kl", fn=probabilistic.kl_div_loss, class_name="KLDivLoss",
        term_latex=r"\ell_i = y_i(\log y_i - x_i)", aggregation_latex=ELEMENTS,
        example={"y_true": [[0.2, 0.8], [0.5, 0.5]], "y_pred": [[-0.9163, -0.5108], [-0.1054, -2.3026]],
         "reduction": "batchmean"},
        params=(Param("log_target", False, "bool"),), aliases=("kl_div",),
        y_true_kind="probabilities", y_pred_kind="log_probabilities",
        docs_url=TORCH_DOCS + "KLDivLoss.html", framework="pytorch", counterpart="kl_divergence",
        reductions=("mean", "batchmean", "sum", "none"),
    ),
    LossSpec(
        name="PoissonNLLLoss", family="probabilistic", curve="poisson", fn=probabilistic.poisson_nll_loss,
        class_name="PoissonNLLLoss",
        term_latex=r"\ell_i = e^{x_i} - y_i x_i \ \text{(log\_input)}, \quad x_i - y_i\log(x_i + \epsilon)",
        aggregation_latex=ELEMENTS,
        example={"y_true": [[0.0, 1.0], [0.0, 0.0]], "y_pred": [[1.0, 1.0], [0.0, 0.0]]},
        params=(Param("log_input", True, "bool"),
                Param("full", False, "bool"),
                Param("eps", 1e-8, low=0.0)),
        aliases=("poisson_nll_loss",), y_true_kind="counts", y_pred_kind="log_rates",
        docs_url=TORCH_DOCS + "PoissonNLLLoss.html", framework="pytorch", counterpart="poisson",
        reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        name="HingeEmbeddingLoss", family="margin", curve="labels", fn=margin.hinge_embedding_loss,
        class_name="HingeEmbeddingLoss",
        term_latex=r"\ell_i = \begin{cases} x_i & y_i = 1\\ \max(0, \text{margin} - x_i) & y_i = -1\end{cases}",
        aggregation_latex=ELEMENTS,
        example={"y_true": [[1.0, -1.0], [-1.0, 1.0]], "y_pred": [[0.3, 0.4], [1.5, 0.2]]},
        params=(Param("margin", 1.0, meaning="hinge_embedding"),),
        aliases=("hinge_embedding_loss",), y_true_kind="labels_pm1", y_pred_kind="distances",
        docs_url=TORCH_DOCS + "HingeEmbeddingLoss.html", framework="pytorch", counterpart="hinge",
        reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        name="SoftMarginLoss", family="margin", curve="margin", fn=margin.soft_margin_loss,
        class_name="SoftMarginLoss", term_latex=r"\ell_i = \log(1 + e^{-y_i x_i})",
        aggregation_latex=ELEMENTS,
        example={"y_true": [[1.0, -1.0], [-1.0, 1.0]], "y_pred": [[0.6, 0.4], [0.4, 0.6]]},
        aliases=("soft_margin_loss",), y_true_kind="labels_pm1",
        docs_url=TORCH_DOCS + "SoftMarginLoss.html", framework="pytorch", counterpart="hinge",
        reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        name="MultiMarginLoss", family="margin", curve="margin", fn=margin.multi_margin_loss,
        class_name="MultiMarginLoss",
        term_latex=r"\ell_n = \frac{1}{C}\sum_{i \ne y_n} w_{y_n}\max(0,\ \text{margin} - x_{n,y_n} + x_{n,i})^p",
        aggregation_latex=r"\ell_n = \frac{1}{C}\sum_i h_{n,i}",
        example={"y_true": [3], "y_pred": [[0.1, 0.2, 0.4, 0.8]]},
        params=(Param("p", 1, "int", low=1, high=2),
                Param("margin", 1.0, meaning="multi_margin"),
                CLASS_WEIGHT),
        aliases=("multi_margin_loss",), inputs="class_index", y_true_kind="class_index",
        docs_url=TORCH_DOCS + "MultiMarginLoss.html", framework="pytorch",
        counterpart="categorical_hinge", reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        name="CosineEmbeddingLoss", family="similarity", curve="cosine", fn=similarity.cosine_embedding_loss,
        class_name="CosineEmbeddingLoss",
        term_latex=r"\ell_n = \begin{cases} 1 - \cos(x_{1,n}, x_{2,n}) & y_n = 1\\ \max(0, \cos(x_{1,n}, x_{2,n}) - \text{margin}) & y_n = -1\end{cases}",
        aggregation_latex=formula(r"\ell_n @0", Word("latex.per_pair")),
        example={"y_true": [1, -1], "y_pred": [[[1.0, 0.0], [1.0, 1.0]], [[1.0, 1.0], [1.0, 0.5]]]},
        params=(TORCH_MARGIN,), aliases=("cosine_embedding_loss",), inputs="embedding_pair",
        y_true_kind="labels_pm1", y_pred_kind="embedding_pair",
        docs_url=TORCH_DOCS + "CosineEmbeddingLoss.html", framework="pytorch",
        counterpart="cosine_similarity", reductions=TORCH_REDUCTIONS,
    ),
    LossSpec(
        name="MarginRankingLoss", family="margin", curve="margin", fn=margin.margin_ranking_loss,
        class_name="MarginRankingLoss",
        term_latex=r"\ell_n = \max(0,\ -y_n (x_{1,n} - x_{2,n}) + \text{margin})",
        aggregation_latex=formula(r"\ell_n @0", Word("latex.per_pair")),
        example={"y_true": [1, -1, 1], "y_pred": [[0.8, 0.3], [0.2, 0.6], [0.1, 0.4]]},
        params=(TORCH_MARGIN,), aliases=("margin_ranking_loss",), inputs="pair",
        y_true_kind="labels_pm1", y_pred_kind="pair",
        docs_url=TORCH_DOCS + "MarginRankingLoss.html", framework="pytorch",
        reductions=TORCH_REDUCTIONS,
    ),
)

TORCH_REGISTRY: dict[str, LossSpec] = {spec.name: spec for spec in _TORCH_SPECS}
TORCH_ALIASES: dict[str, str] = {alias: spec.name for spec in _TORCH_SPECS for alias in spec.aliases}

FRAMEWORKS = ("keras", "pytorch")
_TABLES = {"keras": (REGISTRY, ALIASES), "pytorch": (TORCH_REGISTRY, TORCH_ALIASES)}


def check_framework(framework: str) -> str:
    if not isinstance(framework, str) or framework not in FRAMEWORKS:
        raise LossInputError(
            "error.unknown_framework",
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
    if not isinstance(key, str) or key not in registry:
        known = ", ".join(registry)
        other = next((f for f, (r, a) in _TABLES.items()
                      if f != framework and isinstance(name, str) and (name in r or name in a)), None)
        # ``other``: the framework that does know the name, if one does (the message says so).
        raise LossInputError(
            "error.unknown_loss",
            argument="loss",
            value=str(name)[:40],
            known=known,
            framework=framework,
            other=other,
        )
    return registry[key]

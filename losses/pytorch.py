"""PyTorch's ``torch.nn`` losses: where each one lives now, under its old name.

Each PyTorch loss stands beside its Keras relatives in its family's module, so that a reader
finds a loss's family in one place: MSELoss, L1Loss, HuberLoss and SmoothL1Loss in
``losses.regression``; BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, NLLLoss, KLDivLoss and
PoissonNLLLoss in ``losses.probabilistic``; HingeEmbeddingLoss, SoftMarginLoss, MultiMarginLoss
and MarginRankingLoss in ``losses.margin``; CosineEmbeddingLoss in ``losses.similarity``. Each
reproduces ``torch.nn.<Class>(**params)(input=y_pred, target=y_true)`` with
``reduction="none"``, the arithmetic of torch's CPU kernels (``aten/src/ATen/native/Loss.cpp``,
``LossNLL.cpp``, ``LossMultiMargin.cpp``) in float32; the argument order stays
``(y_true, y_pred)``.

What differs from Keras around the losses (no sample weight, identical shapes or class indices
on axis 1, "mean" over every element, class weights in its divisor) is PyTorch's framework
object, ``losses.framework.PyTorch``, and its reduction ``losses.reduction.reduce_torch``.

Two losses take a pair of inputs; Loss Lab stacks the pair in y_pred along axis 1:
MarginRankingLoss reads y_pred (N, 2) as x1 = y_pred[:, 0], x2 = y_pred[:, 1], and
CosineEmbeddingLoss reads y_pred (N, 2, D) as x1 = y_pred[:, 0, :], x2 = y_pred[:, 1, :];
y_true holds the labels y (N,) in both.

This module only names them again, for code that imports them from here.
"""

from losses.framework import check_torch_inputs as check_inputs
from losses.framework import standardize_torch_reduction as standardize_reduction
from losses.framework import torch_empty_batch as empty_batch
from losses.margin import hinge_embedding_loss, margin_ranking_loss, multi_margin_loss, soft_margin_loss
from losses.probabilistic import (
    BCE_GRAD_EPSILON,
    LOG_CLAMP,
    bce_loss,
    bce_with_logits_loss,
    cross_entropy_loss,
    kl_div_loss,
    nll_loss,
    poisson_nll_loss,
)
from losses.reduction import TORCH_REDUCTIONS as REDUCTIONS
from losses.reduction import reduce_torch as reduce
from losses.regression import huber_loss, l1_loss, mse_loss, smooth_l1_loss
from losses.similarity import COSINE_EPSILON, cosine_embedding_loss

__all__ = [
    "BCE_GRAD_EPSILON",
    "COSINE_EPSILON",
    "LOG_CLAMP",
    "REDUCTIONS",
    "bce_loss",
    "bce_with_logits_loss",
    "check_inputs",
    "cosine_embedding_loss",
    "cross_entropy_loss",
    "empty_batch",
    "hinge_embedding_loss",
    "huber_loss",
    "kl_div_loss",
    "l1_loss",
    "margin_ranking_loss",
    "mse_loss",
    "multi_margin_loss",
    "nll_loss",
    "poisson_nll_loss",
    "reduce",
    "smooth_l1_loss",
    "soft_margin_loss",
    "standardize_reduction",
]

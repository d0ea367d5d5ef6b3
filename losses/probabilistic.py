"""Work in progress: being written now."""


def binary_crossentropy(rec, y_true, y_pred, *, from_logits=False, label_smoothing=0.0, axis=-1):
    raise NotImplementedError


def binary_focal_crossentropy(rec, y_true, y_pred, *, apply_class_balancing=False, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0, axis=-1):
    raise NotImplementedError


def categorical_crossentropy(rec, y_true, y_pred, *, from_logits=False, label_smoothing=0.0, axis=-1):
    raise NotImplementedError


def sparse_categorical_crossentropy(rec, y_true, y_pred, *, from_logits=False, ignore_class=None, axis=-1):
    raise NotImplementedError


def categorical_focal_crossentropy(rec, y_true, y_pred, *, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0, axis=-1):
    raise NotImplementedError


def categorical_generalized_cross_entropy(rec, y_true, y_pred, *, q=0.5):
    raise NotImplementedError


def kl_divergence(rec, y_true, y_pred):
    raise NotImplementedError


def poisson(rec, y_true, y_pred):
    raise NotImplementedError


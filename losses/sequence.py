"""Work in progress: being written now."""


def circle(rec, y_true, y_pred, *, gamma=80.0, margin=0.4, remove_diagonal=True):
    raise NotImplementedError


def ctc(rec, y_true, y_pred):
    raise NotImplementedError


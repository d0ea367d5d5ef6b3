"""Shared Streamlit pieces of Loss Lab: the i18n lookup, the sidebar, inputs and trace rendering.

Pages stay thin: they read widgets through the ``*_ui()`` functions here, call ``losses``, and
hand the resulting Trace to ``ui.trace_view``.
"""

from __future__ import annotations

import gc
import os

_frozen = False


def freeze_gc_once() -> None:
    """Move everything imported so far out of the garbage collector's sight, once per process.

    Streamlit runs a full ``gc.collect()`` after every rerun; with numpy, pandas, plotly and
    Streamlit itself loaded, walking those long-lived objects costs tens of milliseconds each
    time. Frozen objects are skipped (see /work/shared/NOTES-streamlit.md and bench/README.md).
    ``LOSSLAB_GC_FREEZE=0`` turns this off, so the benchmark can measure the difference.
    """
    global _frozen
    if _frozen or os.environ.get("LOSSLAB_GC_FREEZE", "1") == "0":
        return
    gc.freeze()
    _frozen = True

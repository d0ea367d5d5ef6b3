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
    ``LOSSLAB_GC_FREEZE=1`` turns it on (with ``runner.postScriptGC`` back on), so the
    benchmark can measure the two against each other.
    """
    global _frozen
    # Off unless asked for: the app ships with runner.postScriptGC = false instead
    # (.streamlit/config.toml); bench/ turns this on to compare the two.
    if _frozen or os.environ.get("LOSSLAB_GC_FREEZE", "0") == "0":
        return
    gc.freeze()
    _frozen = True

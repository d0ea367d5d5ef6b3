"""The sidebar every page draws: what Loss Lab is and where to read more.

Streamlit's file-based router adds the page links itself. Issue 5's language selector goes here.
"""

from __future__ import annotations

import streamlit as st

from ui.i18n import t, use_language

KERAS_LOSSES_URL = "https://keras.io/api/losses/"


def sidebar() -> None:
    use_language()
    with st.sidebar:
        st.markdown(f"**{t('app.title')}**")
        st.caption(t("sidebar.tagline"))
        st.link_button(t("sidebar.keras_docs"), KERAS_LOSSES_URL, icon=":material/open_in_new:")

"""The sidebar every page draws: what Loss Lab is, where to read more, and the language.

Streamlit's file-based router adds the page links itself.
"""

from __future__ import annotations

import streamlit as st

from ui.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, language_from_locale, t, use_language

KERAS_LOSSES_URL = "https://keras.io/api/losses/"
LANG = "lang"
# True while "lang" is only a stand-in for a browser locale not yet known.
AUTO = "lang.auto"


def _browser_language() -> str | None:
    try:
        locale = st.context.locale
    except Exception:  # no browser behind this session (AppTest, a bare script run)
        return None
    return language_from_locale(locale) if locale else None


def init_language() -> None:
    """Give "lang" a value before its widget draws: the session's choice, else the browser's.

    Each page of the file-based router draws its own "lang" widget, and Streamlit forgets a keyed
    widget's value when a run does not draw that same widget. Writing the value back as plain
    session state at the start of every run keeps the choice across pages, and lets a caller set
    ``st.session_state["lang"]`` (from ``?lang=zh``, say) before the sidebar draws.
    """
    state = st.session_state
    if state.get(LANG) in LANGUAGES and not state.get(AUTO):
        state[LANG] = state[LANG]
        return
    browser = _browser_language()
    if browser is not None:
        state[LANG], state[AUTO] = browser, False
    elif state.get(LANG) not in LANGUAGES:
        # The browser's locale may not have arrived yet; ask again next run until it has.
        state[LANG], state[AUTO] = DEFAULT_LANGUAGE, True
    else:
        state[LANG] = state[LANG]


def _chosen() -> None:
    st.session_state[AUTO] = False


def language_ui() -> None:
    st.segmented_control(
        t("sidebar.language"), LANGUAGES, key=LANG, required=True, on_change=_chosen,
        format_func=LANGUAGE_NAMES.__getitem__, width="stretch",
    )


def sidebar() -> None:
    init_language()
    use_language()
    with st.sidebar:
        language_ui()
        st.markdown(f"**{t('app.title')}**")
        st.caption(t("sidebar.tagline"))
        st.link_button(t("sidebar.keras_docs"), KERAS_LOSSES_URL, icon=":material/open_in_new:")

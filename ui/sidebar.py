"""The sidebar every page draws: the navigation and the language, then what Loss Lab is.

Streamlit's own page list is off (``client.showSidebarNavigation = false``): it names pages by
their file names ("app") and only in English. The navigation here is ``st.page_link`` with
labels in the page's language; each link carries its page's query too, so a page opened in a new
tab keeps the lesson (within a tab, session state carries it anyway).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from ui import lesson
from ui.i18n import LANGUAGE_NAMES, LANGUAGES, t

TORCH_LOSSES_URL = "https://docs.pytorch.org/docs/stable/nn.html#loss-functions"
KERAS_LOSSES_URL = "https://keras.io/api/losses/"


def navigation_ui() -> None:
    with st.container(key="nav"):
        for page_name, page in lesson.PAGES.items():
            try:
                st.page_link(page.script, label=t(f"nav.{page_name}"), icon=page.icon,
                             query_params=lesson.nav_query(page_name), width="stretch")
            except StreamlitPageNotFoundError:
                # A page run as its own entry point (an AppTest of one page file) has no app
                # around it to link to.
                return


def language_ui(page: str) -> None:
    st.segmented_control(
        t("sidebar.language"), LANGUAGES, required=True, format_func=LANGUAGE_NAMES.__getitem__,
        width="stretch", **lesson.bind(page, lesson.LANG, choices=LANGUAGES),
    )


# Streamlit leaves about 110 px of empty header above every title; a projected page needs that
# space for the lesson. Our own fixed CSS, nothing a learner typed.
# Less empty header above every title; and a code box's copy button always shown, not only on
# hover (the share box tells the teacher to use it, and a touch screen has no hover).
_PAGE_CSS = (
    "<style>[data-testid='stMainBlockContainer'] { padding-top: 2.5rem; }"
    " [data-testid='stCode'] > div:has([data-testid='stElementToolbarButton'])"
    " { opacity: 1 !important; visibility: visible !important; }</style>"
)


# ``?embed=true`` (Streamlit's embed mode, for an <iframe> in a course page) drops Streamlit's
# toolbar but keeps the sidebar; a frame shows one page's content only, so the sidebar and its
# toggle go too, and below 960 px (a course page's column) side-by-side columns stack.
_EMBED_CSS = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stHeader"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1rem 1.5rem 2rem !important; }
@media (max-width: 960px) {
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"]) { flex-wrap: wrap; }
  [data-testid="stHorizontalBlock"] > [data-testid="stColumn"] { min-width: 100% !important; }
}
</style>
"""


def embedded() -> bool:
    """Whether the page was opened with ``?embed=true`` (Streamlit keeps it out of query_params)."""
    try:
        return bool(st.context.is_embedded)
    except Exception:  # no browser behind this session (a bare script run)
        return False


def sidebar(page: str, extra: Callable[[], None] | None = None) -> None:
    """The shared sidebar of ``page``; call after ``lesson.start(page)``. ``extra`` draws the
    page's own part (the tutorial's chapters) under the language, where a 800-px screen still
    shows it."""
    st.html(_EMBED_CSS if embedded() else _PAGE_CSS)
    with st.sidebar:
        navigation_ui()
        language_ui(page)
        if extra is not None:
            extra()
        st.markdown(f"**{t('app.title')}**")
        st.caption(t("sidebar.tagline"))
        if lesson.get("framework") == "pytorch":
            st.link_button(t("sidebar.torch_docs"), TORCH_LOSSES_URL, icon=":material/open_in_new:")
        else:
            st.link_button(t("sidebar.keras_docs"), KERAS_LOSSES_URL, icon=":material/open_in_new:")

"""One Streamlit session spoken to over its WebSocket, the way the frontend speaks it.

The browser and the server exchange protobufs on ``/_stcore/stream``: the browser sends a
``BackMsg`` whose ``rerun_script`` (a ``ClientState``) carries the query string, the page and
the widgets' values; the server answers with ``ForwardMsg`` s (``new_session``, ``navigation``,
one ``delta`` per element, ``page_info_changed`` when the script writes the address bar, and
``script_finished``). A ``Session`` keeps what the frontend would keep: the widgets seen in the
last run (by their user key, read from the element ids), the values it has set, the page list
and the query string the app wrote. It draws nothing, so one process can hold forty of them.

Used by bench/bench_classroom.py and tests/deploy. Needs ``websockets`` (a Streamlit dependency;
the asyncio client of version 13 or later).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

STREAM_PATH = "/_stcore/stream"
# Streamlit names a keyed widget "$$ID-<hash>-<user key>" (streamlit/elements/lib/utils.py).
WIDGET_ID_PREFIX = "$$ID-"
# The wire type of each widget kind this driver can set (the frontend's WidgetStateManager).
VALUE_FIELDS = {
    "text_area": "string_value",
    "text_input": "string_value",
    "selectbox": "string_value",
    "button_group": "string_array_value",
    "checkbox": "bool_value",
    "number_input": "double_value",
}


def user_key(widget_id: str) -> str | None:
    """The ``key=`` a widget was given, from its element id; None for an unkeyed widget."""
    if not widget_id.startswith(WIDGET_ID_PREFIX):
        return None
    rest = widget_id[len(WIDGET_ID_PREFIX):]
    _, _, key = rest.partition("-")
    return key if key and key != "None" else None


@dataclass
class Element:
    kind: str
    proto: Any
    path: tuple[int, ...]


@dataclass
class Run:
    """What one script run sent: every element by its delta path, and how it ended."""

    started: float
    elements: dict[tuple[int, ...], Element] = field(default_factory=dict)
    finished: float | None = None
    finish_status: int | None = None
    first_seen: dict[str, float] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[Element]:
        return [e for path, e in sorted(self.elements.items()) if e.kind == kind]

    def widget(self, keys: tuple[str, ...]) -> Element | None:
        """The widget whose user key is the first of ``keys`` present in this run."""
        by_key = {user_key(getattr(e.proto, "id", "")): e for e in self.elements.values()}
        for key in keys:
            if key in by_key:
                return by_key[key]
        return None

    def widget_keys(self) -> list[str]:
        return sorted(k for k in (user_key(getattr(e.proto, "id", "")) for e in self.elements.values()) if k)


class ProtocolError(RuntimeError):
    pass


class Session:
    """A client of one Streamlit server (or of a balancer in front of several).

    ``base_url`` is ``http://host:port``; ``cookie`` is sent with the WebSocket handshake (a
    balancer's sticky-route cookie). ``locale`` is what a browser reports in ``context_info``.
    """

    def __init__(self, base_url: str, *, cookie: str | None = None, locale: str = "en-US",
                 open_timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.cookie = cookie
        self.locale = locale
        self.open_timeout = open_timeout
        self.ws = None
        self.session_id: str | None = None
        self.pages: dict[str, str] = {}  # url_pathname ("" for the main page) -> page_script_hash
        self.page_hash = ""
        self.query_string = ""
        self.widget_values: dict[str, WidgetState] = {}
        self.last_run: Run | None = None
        self.response_headers: dict[str, str] = {}
        self._messages: asyncio.Queue[ForwardMsg | BaseException] = asyncio.Queue()
        self._reader: asyncio.Task | None = None
        self.bytes_received = 0
        self.largest_message = 0

    async def open(self, *, existing_session_id: str | None = None) -> None:
        parts = urlsplit(self.base_url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        # The frontend's subprotocol list: "streamlit", then the XSRF token, then the id of the
        # session to resume (starlette_websocket._parse_subprotocols). Without an auth cookie the
        # server reads nothing with the token, so this sends the frontend's placeholder.
        protocols = ["streamlit"]
        if existing_session_id:
            protocols += ["PLACEHOLDER_AUTH_TOKEN", existing_session_id]
        headers = {"Cookie": self.cookie} if self.cookie else {}
        self.ws = await connect(
            f"{scheme}://{parts.netloc}{STREAM_PATH}", subprotocols=protocols,
            additional_headers=headers, max_size=None, open_timeout=self.open_timeout,
            compression=None,
        )
        self.response_headers = {k.lower(): v for k, v in self.ws.response.headers.raw_items()}
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        try:
            async for data in self.ws:
                self.bytes_received += len(data)
                self.largest_message = max(self.largest_message, len(data))
                message = ForwardMsg()
                message.ParseFromString(data)
                await self._messages.put(message)
        except BaseException as error:  # noqa: BLE001 - handed to whoever waits next
            await self._messages.put(error)
            return
        await self._messages.put(ProtocolError("the server closed the connection"))

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(ConnectionClosed, OSError):  # already gone: nothing to close
                await self.ws.close()
        if self._reader is not None:
            try:
                await asyncio.wait_for(self._reader, 5)
            except (asyncio.TimeoutError, Exception):
                self._reader.cancel()

    def set_widget(self, element: Element, value: Any) -> None:
        """Give a widget of the last run a new value, as the frontend does when a learner edits."""
        widget_id = element.proto.id
        state = WidgetState(id=widget_id)
        kind = VALUE_FIELDS.get(element.kind)
        if kind is None:
            raise ProtocolError(f"cannot set a {element.kind} widget")
        if kind == "string_array_value":
            state.string_array_value.data[:] = list(value)
        else:
            setattr(state, kind, value)
        self.widget_values[widget_id] = state

    async def rerun(self, *, page: str | None = None, query_string: str | None = None,
                    timeout: float = 60.0, watch: dict[str, Any] | None = None) -> Run:
        """Ask for a run (on ``page``, a url_pathname) and collect it until script_finished.

        ``watch`` maps a name to a predicate over each new element; the time each first holds is
        kept in ``Run.first_seen`` (perf_counter seconds), so a caller can time "until the value
        appeared" rather than "until the whole page was sent".
        """
        if query_string is not None:
            self.query_string = query_string
        if page is not None:
            if page not in self.pages:
                raise ProtocolError(f"no page {page!r}; the app has {sorted(self.pages)}")
            self.page_hash = self.pages[page]
            self.widget_values.clear()  # another script: the frontend forgets the old widgets
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = self.page_hash
        for widget in self.widget_values.values():
            state.widget_states.widgets.append(widget)
        state.context_info.locale = self.locale
        state.context_info.timezone = "UTC"
        state.context_info.timezone_offset = 0
        state.context_info.url = f"{self.base_url}/?{self.query_string}" if self.query_string else self.base_url + "/"
        run = Run(started=time.perf_counter())
        try:
            await self.ws.send(message.SerializeToString())
        except ConnectionClosed as error:
            raise ProtocolError(f"connection lost: {error!r}") from error
        deadline = run.started + timeout
        started = False
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise ProtocolError(f"no script_finished within {timeout:.0f} s")
            try:
                item = await asyncio.wait_for(self._messages.get(), remaining)
            except asyncio.TimeoutError:
                raise ProtocolError(f"no script_finished within {timeout:.0f} s") from None
            if isinstance(item, BaseException):
                raise ProtocolError(f"connection lost: {item!r}") from item
            kind = item.WhichOneof("type")
            if kind == "new_session":
                started = True
                self.session_id = item.new_session.initialize.session_id or self.session_id
                self.page_hash = item.new_session.page_script_hash or self.page_hash
            elif kind == "navigation":
                self.pages = {
                    ("" if p.is_default else p.url_pathname): p.page_script_hash
                    for p in item.navigation.app_pages
                }
                self.page_hash = item.navigation.page_script_hash or self.page_hash
            elif kind == "page_info_changed":
                self.query_string = item.page_info_changed.query_string
            elif kind == "delta" and started:
                delta = item.delta
                if delta.WhichOneof("type") == "new_element":
                    element_kind = delta.new_element.WhichOneof("type")
                    element = Element(element_kind, getattr(delta.new_element, element_kind),
                                      tuple(item.metadata.delta_path))
                    run.elements[element.path] = element
                    for name, predicate in (watch or {}).items():
                        if name not in run.first_seen and predicate(element):
                            run.first_seen[name] = time.perf_counter()
            elif kind == "script_finished" and started:
                run.finished = time.perf_counter()
                run.finish_status = item.script_finished
                # A newer request replaced this run: keep waiting for the run that answers it.
                if item.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                self.last_run = run
                # Buttons are triggers: the frontend sends them once, then forgets them.
                for widget_id in [w for w, s in self.widget_values.items() if s.HasField("trigger_value")]:
                    del self.widget_values[widget_id]
                return run

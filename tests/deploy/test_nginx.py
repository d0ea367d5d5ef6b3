"""deploy/: two app processes behind nginx keep each session on its process, and survive a crash.

Each test starts its own `deploy/serve.py` cluster (two `streamlit run app.py` and nginx on free
loopback ports) and speaks to it as browsers do: a GET of the page (which sets the route cookie),
then Streamlit's WebSocket with that cookie (tests/e2e/protocol.py). nginx names the process
that answered in X-LossLab-Upstream. Under CI=true a missing nginx fails instead of skipping.
"""

from __future__ import annotations

import asyncio
import os
import threading
import urllib.request

import pytest

import losses
from deploy.serve import Cluster, find_nginx, free_port
from tests.e2e.protocol import ProtocolError, Session

pytestmark = pytest.mark.deploy

Y_PRED_KEYS = ("explainer.y_pred", "lesson.y_pred", "y_pred")
Y_TRUE = "[[0,1],[0,0]]"
LINK = "loss=hinge&y_true=%5B%5B0%2C1%5D%2C%5B0%2C0%5D%5D&y_pred=%5B%5B0.6%2C0.4%5D%2C%5B0.4%2C0.6%5D%5D"
TIMEOUT = 120  # a bound, not a measurement: the first run imports numpy, plotly and pandas


def run_scenario(scenario) -> None:
    """``asyncio.run`` in a thread of its own: Playwright's sync API (tests/e2e, when it ran
    first in this process) leaves an event loop running on the main thread."""
    failure: list[BaseException] = []

    def target():
        try:
            asyncio.run(scenario())
        except BaseException as error:  # handed back to the test's thread below
            failure.append(error)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def shown(run) -> str | None:
    metrics = run.of_kind("metric")
    return metrics[0].proto.body if metrics else None


def hinge(y_pred: str) -> str:
    # The value as the page formats it, from the engine (Keras' hinge; its docs give 1.3 for LINK).
    trace = losses.compute("hinge", losses.parse_array(Y_TRUE, argument="y_true"),
                           losses.parse_array(y_pred, argument="y_pred"))
    return losses.fmt(trace.value, trace.digits)


@pytest.fixture
def cluster():
    if find_nginx() is None:
        reason = "nginx not found; install Debian's package: apt-get install -y nginx"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    with Cluster(processes=2, port=free_port(), timeout=TIMEOUT) as running:
        yield running


def visit(cluster: Cluster, cookie: str | None = None) -> tuple[str, str]:
    """GET the page as a browser: (the route cookie to send from now on, the process that answered)."""
    request = urllib.request.Request(cluster.url + "/?" + LINK, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        response.read()
        # $upstream_addr lists every process nginx tried ("dead:port, live:port"); the last answered.
        upstream = response.headers["X-LossLab-Upstream"].split(", ")[-1]
        set_cookie = [c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or []
                      if c.startswith("losslab_route=")]
    return (set_cookie[0] if set_cookie else cookie), upstream


def one_browser_per_process(cluster: Cluster) -> dict[str, str]:
    """A route cookie for each process: new visitors until both processes have had one."""
    cookies: dict[str, str] = {}
    for _ in range(64):  # each new visitor lands on either process; 64 misses are ~2^-63 likely
        cookie, upstream = visit(cluster)
        cookies.setdefault(upstream, cookie)
        if len(cookies) == len(cluster.apps):
            return cookies
    raise AssertionError(f"64 new visitors all reached {sorted(cookies)}")


async def open_lesson(cluster: Cluster, cookie: str) -> Session:
    session = Session(cluster.url, cookie=cookie, open_timeout=TIMEOUT)
    await session.open()
    run = await session.rerun(query_string=LINK, timeout=TIMEOUT)
    assert shown(run) == hinge("[[0.6,0.4],[0.4,0.6]]") == "1.3"
    return session


async def edit(session: Session, y_pred: str) -> str | None:
    widget = session.last_run.widget(Y_PRED_KEYS)
    assert widget is not None, f"no y_pred widget among {session.last_run.widget_keys()}"
    session.set_widget(widget, y_pred)
    return shown(await session.rerun(timeout=TIMEOUT))


def test_a_session_stays_on_its_process_across_reruns(cluster):
    cookies = one_browser_per_process(cluster)
    assert sorted(cookies) == sorted(app.address for app in cluster.apps)

    async def scenario():
        for upstream, cookie in cookies.items():
            session = await open_lesson(cluster, cookie)
            assert session.response_headers["x-losslab-upstream"] == upstream
            first_id = session.session_id
            for k, y_pred in enumerate(("[[0.6,0.4],[0.4,0.1]]", "[[0.2,0.4],[0.4,0.1]]", "[[0.2,0.9],[0.4,0.1]]")):
                assert await edit(session, y_pred) == hinge(y_pred)
                # The same browser's other requests (static files, downloads) go there too.
                assert visit(cluster, cookie) == (cookie, upstream), f"request after edit {k}"
            # The network drops; the frontend reconnects asking for its session by id. Only the
            # process that holds it can give back the edited lesson without being told the text.
            await session.close()
            again = Session(cluster.url, cookie=cookie, open_timeout=TIMEOUT)
            await again.open(existing_session_id=first_id)
            assert again.response_headers["x-losslab-upstream"] == upstream
            run = await again.rerun(query_string=session.query_string, timeout=TIMEOUT)
            assert again.session_id == first_id
            assert shown(run) == hinge("[[0.2,0.9],[0.4,0.1]]")
            await again.close()

    run_scenario(scenario)


def test_killing_one_process_leaves_the_others_sessions_working(cluster):
    cookies = one_browser_per_process(cluster)
    victim, survivor = cluster.apps[0], cluster.apps[1]

    async def scenario():
        doomed = await open_lesson(cluster, cookies[victim.address])
        kept = await open_lesson(cluster, cookies[survivor.address])
        assert await edit(kept, "[[0.6,0.4],[0.4,0.2]]") == hinge("[[0.6,0.4],[0.4,0.2]]")

        cluster.kill(0)

        # The other process's session goes on as if nothing happened, on the same connection.
        for y_pred in ("[[0.6,0.4],[0.4,0.3]]", "[[0.1,0.4],[0.4,0.3]]"):
            assert await edit(kept, y_pred) == hinge(y_pred)
        assert kept.session_id is not None
        assert visit(cluster, cookies[survivor.address])[1] == survivor.address

        # The killed process's session is gone with it: its connection is closed.
        with pytest.raises(ProtocolError):
            await edit(doomed, "[[0.6,0.4],[0.4,0.9]]")
        # Its browser reloads: nginx gives it the surviving process, where the link opens afresh.
        cookie, upstream = visit(cluster, cookies[victim.address])
        assert upstream == survivor.address
        fresh = await open_lesson(cluster, cookie)
        assert fresh.response_headers["x-losslab-upstream"].split(", ")[-1] == survivor.address
        assert await edit(fresh, "[[0.6,0.4],[0.4,0.8]]") == hinge("[[0.6,0.4],[0.4,0.8]]")
        for session in (doomed, kept, fresh):
            await session.close()

    run_scenario(scenario)

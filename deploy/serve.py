"""K Loss Lab processes on loopback ports and Debian's nginx in front of them, on one port.

    bash deploy/serve.sh --processes 2 --port 8080     # then open http://127.0.0.1:8080
    python3 deploy/serve.py --processes 2 --port 8080  # the same

Starts ``streamlit run app.py`` K times (ports chosen free on 127.0.0.1), waits for each one's
``/_stcore/health``, writes deploy/nginx.conf.template into a run directory and starts nginx in
the foreground with it, checks ``/_stcore/health`` through nginx, prints the address and runs
until Ctrl+C or SIGTERM, then stops nginx and every process and removes the run directory. A
process that dies is reported; nginx sends its clients to the others (their sessions start
again there). ``--host 0.0.0.0`` makes nginx listen beyond loopback; the app processes always
stay on 127.0.0.1.

Also a library: ``with Cluster(processes=2, port=8080) as cluster: cluster.url`` (the load test
and tests/deploy use it).
"""

from __future__ import annotations

import argparse
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
NGINX_PATHS = ("/usr/sbin/nginx", "/usr/bin/nginx")
# Workers drop root for this user when nginx starts as root (Debian's nginx runs as www-data).
WORKER_USERS = ("www-data", "nobody")
TEMP_DIRS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


class ServeError(RuntimeError):
    pass


def find_nginx() -> str | None:
    """Path of Debian's nginx (LOSSLAB_NGINX overrides the search), or None."""
    override = os.environ.get("LOSSLAB_NGINX")
    if override:
        return override if os.access(override, os.X_OK) else None
    found = shutil.which("nginx")
    if found:
        return found
    return next((p for p in NGINX_PATHS if os.access(p, os.X_OK)), None)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.read().decode().strip() == "ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def stop_group(process: subprocess.Popen, timeout: float = 10.0, sig: int = signal.SIGTERM) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=timeout)
    except ProcessLookupError:
        pass


@dataclass
class App:
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def address(self) -> str:
        """How nginx names this process in $upstream_addr (and the X-LossLab-Upstream header)."""
        return f"127.0.0.1:{self.port}"


class Cluster:
    """K ``streamlit run`` processes and nginx; a context manager that stops them all."""

    def __init__(self, *, processes: int = 2, port: int = 8080, host: str = "127.0.0.1",
                 script: str = "app.py", cwd: Path = ROOT, timeout: float = 60.0,
                 streamlit_args: tuple[str, ...] = ()) -> None:
        if processes < 1:
            raise ServeError("--processes must be at least 1")
        self.processes, self.port, self.host = processes, port, host
        self.script, self.cwd, self.timeout = script, Path(cwd), timeout
        self.streamlit_args = tuple(streamlit_args)
        self.apps: list[App] = []
        # Streamlit signs its cookies (XSRF, login) with server.cookieSecret, random per process
        # unless set; replicas must share one, or a browser moved to another process after a
        # crash carries a cookie that process rejects (Streamlit's own advice for replicas).
        self._env = dict(os.environ)
        self._env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
        self.nginx: subprocess.Popen | None = None
        self.run_dir: Path | None = None

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        return f"http://{host}:{self.port}"

    def app_pids(self) -> list[int]:
        return [app.process.pid for app in self.apps]

    def start(self) -> Cluster:
        nginx = find_nginx()
        if nginx is None:
            raise ServeError("nginx not found; install Debian's package: apt-get install -y nginx")
        self.run_dir = Path(tempfile.mkdtemp(prefix="losslab-serve-"))
        try:
            for _ in range(self.processes):
                self.apps.append(self._start_app())
            self._wait(lambda: all(healthy(app.url) for app in self.apps), "the app processes")
            self._write_config()
            config = str(self.run_dir / "nginx.conf")
            base = [nginx, "-p", str(self.run_dir), "-e", str(self.run_dir / "error.log"), "-c", config]
            check = subprocess.run(base + ["-t", "-q"], capture_output=True, text=True)
            if check.returncode != 0:
                raise ServeError(f"nginx rejected the configuration:\n{check.stderr}")
            self.nginx = subprocess.Popen(base, stdin=subprocess.DEVNULL, start_new_session=True,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
            self._wait(lambda: healthy(self.url), "nginx")
        except BaseException:
            self.stop()
            raise
        return self

    def _start_app(self) -> App:
        port = free_port()
        log = self.run_dir / f"app-{port}.log"
        command = [
            sys.executable, "-m", "streamlit", "run", self.script,
            "--server.headless", "true",
            "--server.address", "127.0.0.1",
            "--server.port", str(port),
            "--server.fileWatcherType", "none",
            "--browser.gatherUsageStats", "false",
            *self.streamlit_args,
        ]
        with open(log, "wb") as out:
            process = subprocess.Popen(command, cwd=self.cwd, stdin=subprocess.DEVNULL, stdout=out,
                                       stderr=subprocess.STDOUT, start_new_session=True, env=self._env)
        return App(port, process, log)

    def _wait(self, ready, what: str) -> None:
        deadline = time.monotonic() + self.timeout
        while not ready():
            for app in self.apps:
                if app.process.poll() is not None:
                    raise ServeError(f"the app on port {app.port} exited ({app.process.returncode}):\n"
                                     + app.log.read_text(errors="replace")[-3000:])
            if self.nginx is not None and self.nginx.poll() is not None:
                raise ServeError("nginx exited:\n" + self.nginx_log())
            if time.monotonic() > deadline:
                raise ServeError(f"{what} did not answer /_stcore/health within {self.timeout:.0f} s")
            time.sleep(0.1)

    def _write_config(self) -> None:
        user_line = ""
        if os.geteuid() == 0:
            user = next((u for u in WORKER_USERS if _user_exists(u)), None)
            if user is not None:
                entry = pwd.getpwnam(user)
                user_line = f"user {user} {_group_name(entry.pw_gid)};"
                self.run_dir.chmod(0o755)  # the workers must reach their temp dirs
                for name in TEMP_DIRS:
                    (self.run_dir / name).mkdir()
                    os.chown(self.run_dir / name, entry.pw_uid, entry.pw_gid)
        servers = "\n".join(f"        server {app.address} max_fails=1 fail_timeout=10s;" for app in self.apps)
        text = TEMPLATE.read_text()
        for name, value in {"RUN_DIR": str(self.run_dir), "USER_LINE": user_line,
                            "UPSTREAM_SERVERS": servers, "LISTEN": f"{self.host}:{self.port}"}.items():
            text = text.replace(f"@{name}@", value)
        (self.run_dir / "nginx.conf").write_text(text)

    def nginx_log(self) -> str:
        try:
            return (self.run_dir / "error.log").read_text(errors="replace")[-3000:]
        except (OSError, TypeError):
            return ""

    def kill(self, index: int) -> App:
        """Kill one app process outright (SIGKILL), as a crash would; returns it."""
        app = self.apps[index]
        stop_group(app.process, sig=signal.SIGKILL)
        return app

    def dead(self) -> list[App]:
        return [app for app in self.apps if app.process.poll() is not None]

    def stop(self) -> None:
        if self.nginx is not None:
            stop_group(self.nginx, sig=signal.SIGQUIT)  # graceful: finish open requests
            self.nginx = None
        for app in self.apps:
            stop_group(app.process)
        self.apps = []
        if self.run_dir is not None:
            shutil.rmtree(self.run_dir, ignore_errors=True)
            self.run_dir = None

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def _group_name(gid: int) -> str:
    import grp

    return grp.getgrgid(gid).gr_name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=2, help="how many app processes (K)")
    parser.add_argument("--port", type=int, default=8080, help="nginx's port")
    parser.add_argument("--host", default="127.0.0.1", help="nginx's address (default: loopback only)")
    parser.add_argument("--script", default="app.py")
    args = parser.parse_args()

    stopping = []

    def on_signal(signum, frame):
        stopping.append(signum)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    cluster = Cluster(processes=args.processes, port=args.port, host=args.host, script=args.script)
    try:
        cluster.start()
    except ServeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        ports = ", ".join(str(app.port) for app in cluster.apps)
        print(f"Loss Lab on {cluster.url} (nginx, {args.processes} processes on 127.0.0.1 ports {ports}); "
              "Ctrl+C stops it.", flush=True)
        reported: set[int] = set()
        while not stopping:
            for app in cluster.dead():
                if app.port not in reported:
                    reported.add(app.port)
                    print(f"warning: the app on port {app.port} exited ({app.process.returncode}); "
                          "nginx sends its clients to the others", file=sys.stderr, flush=True)
            if cluster.nginx is not None and cluster.nginx.poll() is not None:
                print("error: nginx exited:\n" + cluster.nginx_log(), file=sys.stderr)
                return 1
            time.sleep(0.5)
    finally:
        cluster.stop()
        print("stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``tpuf_emulator.run()``: an emulator in a thread or a child process, answering real clients over HTTP."""

from __future__ import annotations

import http.client
import signal
import socket
import threading
from pathlib import Path

import httpx
import pytest
import tpuf_emulator
import turbopuffer
import turbopuffer_openapi_client
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from tpuf_emulator.launcher import EmulatorStartError, answers, server_args
from turbopuffer.types import RowParam

ROWS: list[RowParam] = [
    {"id": 1, "vector": [1.0, 0.0]},
    {"id": 2, "vector": [0.0, 1.0]},
]


@pytest.fixture(autouse=True)
def _no_region(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TURBOPUFFER_REGION", raising=False)  # the clients refuse a region with a plain URL


def _write_and_query_official(emu: tpuf_emulator.Endpoint, name: str) -> list[int | str]:
    ns = turbopuffer.Turbopuffer(**emu.client_kwargs, max_retries=0).namespace(name)
    ns.write(upsert_rows=ROWS, distance_metric="cosine_distance")
    return [row.id for row in ns.query(rank_by=("vector", "ANN", [0.1, 0.9]), top_k=2).rows or []]


def _ids_official(emu: tpuf_emulator.Endpoint, name: str) -> list[int | str]:
    ns = turbopuffer.Turbopuffer(**emu.client_kwargs, max_retries=0).namespace(name)
    return [row.id for row in ns.query(rank_by=("id", "asc"), top_k=10).rows or []]


def test_thread_mode_serves_both_clients_and_stops_cleanly() -> None:
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    with tpuf_emulator.run() as emu:
        assert isinstance(emu, tpuf_emulator.EmulatorThread)
        assert emu.base_url.startswith("http://127.0.0.1:")
        assert _write_and_query_official(emu, "launcher-thread") == [2, 1]
        generated = turbopuffer_openapi_client.Turbopuffer(**emu.client_kwargs)
        assert generated.namespace("launcher-thread").query(rank_by=("id", "desc"), top_k=1).ids == [2]
        # The signal handlers of this process are left alone: Ctrl-C still reaches the caller.
        assert {sig: signal.getsignal(sig) for sig in handlers} == handlers
        thread_name = f"tpuf-emulator-{emu.port}"
        assert thread_name in {t.name for t in threading.enumerate()}
    assert not answers(emu.base_url, emu.headers)
    assert thread_name not in {t.name for t in threading.enumerate()}


def test_thread_mode_connections_send_without_nagle_delays() -> None:
    """Accepted connections have TCP_NODELAY, as in process mode. The thread mode's own listening
    socket once left it off (asyncio only sets it when the socket says it is TCP), and every
    response then waited for the client's delayed ACK: 44 ms per request instead of 0.4 ms."""
    with tpuf_emulator.run() as emu:
        conn = http.client.HTTPConnection("127.0.0.1", int(emu.base_url.rsplit(":", 1)[1]))
        conn.request("GET", "/v1/namespaces", headers={"Authorization": f"Bearer {emu.api_key}"})
        response = conn.getresponse()
        response.read()
        assert response.status == 200
        server = emu._server
        assert server is not None
        open_connections = list(server.server_state.connections)  # the keep-alive connection above
        assert open_connections
        for protocol in open_connections:
            sock = protocol.transport.get_extra_info("socket")
            assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
        conn.close()


def test_thread_mode_restarts_on_its_data_dir_and_a_process_reads_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with tpuf_emulator.run(data_dir=data) as emu:
        _write_and_query_official(emu, "kept")
    with tpuf_emulator.run(data_dir=data) as emu:  # the clean stop closed the registry: a restart recovers
        assert _ids_official(emu, "kept") == [1, 2]
    with tpuf_emulator.run(mode="process", data_dir=data) as proc:
        assert _ids_official(proc, "kept") == [1, 2]


def test_process_mode_survives_sigkill_and_restarts_on_the_same_dir(tmp_path: Path) -> None:
    with tpuf_emulator.run(mode="process", data_dir=tmp_path / "data") as emu:
        assert isinstance(emu, tpuf_emulator.EmulatorProcess)
        _write_and_query_official(emu, "crashy")
        first_pid = emu.pid
        emu.kill()
        assert not answers(emu.base_url, emu.headers)
        emu.start()
        assert emu.pid != first_pid
        assert _ids_official(emu, "crashy") == [1, 2]
        assert emu.output().count("tpuf-emulator listening on") == 2  # one log across the restart
    assert emu.process is not None and emu.process.poll() is not None
    assert not emu.log_path.exists()  # the temporary log is removed with the block


@pytest.mark.parametrize("mode", ["thread", "process"])
def test_api_key_is_the_only_key_accepted(mode: tpuf_emulator.launcher.Mode) -> None:
    with tpuf_emulator.run(mode=mode, api_key="team:secret") as emu:
        assert emu.api_key == "team:secret"
        assert httpx.get(f"{emu.base_url}/v1/namespaces", headers=emu.headers).status_code == 200
        other = {"Authorization": "Bearer tpuf-emulator-dev-key"}
        assert httpx.get(f"{emu.base_url}/v1/namespaces", headers=other).status_code == 401


def test_extra_args_are_command_line_flags_in_thread_mode_too() -> None:
    with tpuf_emulator.run(extra_args=["--max-body-bytes", "2000"]) as emu:
        response = httpx.post(
            f"{emu.base_url}/v2/namespaces/big",
            headers=emu.headers,
            json={"upsert_rows": [{"id": 1, "t": "x" * 5000}]},
        )
        assert response.status_code == 413
        assert response.json()["status"] == "error"
    with pytest.raises(ValueError, match="--no-such-flag"), tpuf_emulator.run(extra_args=["--no-such-flag"]):
        pass


def test_process_mode_start_failure_says_why() -> None:
    with (
        pytest.raises(EmulatorStartError, match="--no-such-flag"),
        tpuf_emulator.run(mode="process", extra_args=["--no-such-flag"]),
    ):
        pass


def test_wrap_app_serves_the_wrapped_app() -> None:
    def tagged(app: ASGIApp) -> ASGIApp:
        async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
            async def send_tagged(message: Message) -> None:
                if message["type"] == "http.response.start":
                    message["headers"] = [*message["headers"], (b"x-wrapped", b"yes")]
                await send(message)

            await app(scope, receive, send_tagged)

        return wrapped

    with tpuf_emulator.run(wrap_app=tagged) as emu:
        response = httpx.get(f"{emu.base_url}/v1/namespaces", headers=emu.headers)
    assert response.status_code == 200 and response.headers["x-wrapped"] == "yes"


def test_env_is_what_both_clients_read(monkeypatch: pytest.MonkeyPatch) -> None:
    with tpuf_emulator.run() as emu:
        for name, value in emu.env.items():
            monkeypatch.setenv(name, value)
        _write_and_query_official(emu, "from-env")
        assert turbopuffer.Turbopuffer().namespace("from-env").query(rank_by=("id", "asc"), top_k=5).rows
        assert turbopuffer_openapi_client.Turbopuffer().namespace("from-env").query(
            rank_by=("id", "asc"), top_k=5
        ).ids == [1, 2]


def test_seed_and_data_dir_become_the_emulator_flags(tmp_path: Path) -> None:
    args = server_args(tmp_path / "d", tmp_path / "seed.jsonl", "k", ["--rate-limit", "5"])
    assert args == [
        "--data-dir", str(tmp_path / "d"), "--seed", str(tmp_path / "seed.jsonl"),
        "--api-key", "dev:k", "--rate-limit", "5",
    ]  # fmt: skip


def test_modes_reject_options_of_the_other_mode(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="mode='process' only"):
        tpuf_emulator.run(log_path=tmp_path / "log")  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="mode='thread' only"):
        tpuf_emulator.run(mode="process", wrap_app=lambda app: app)  # type: ignore[call-overload]


@pytest.mark.parametrize("mode", ["thread", "process"])
def test_waiting_for_start_up_spends_none_of_the_rate_limit(mode: tpuf_emulator.launcher.Mode) -> None:
    with tpuf_emulator.run(mode=mode, api_key="limited", extra_args=["--rate-limit", "1"]) as emu:
        assert httpx.get(f"{emu.base_url}/v1/namespaces", headers=emu.headers).status_code == 200


SEED = (
    '{"version": 1, "namespace": "seeded", "distance_metric": "cosine_distance", "schema": {}}\n'
    '{"id": 1, "vector": [1.0, 0.0], "title": "one"}\n'
    '{"id": 2, "vector": [0.0, 1.0], "title": "two"}\n'
)


@pytest.mark.parametrize("mode", ["thread", "process"])
def test_seed_is_loaded_in_both_modes(tmp_path: Path, mode: tpuf_emulator.launcher.Mode) -> None:
    seed = tmp_path / "seeded.jsonl"
    seed.write_text(SEED)
    with tpuf_emulator.run(mode=mode, seed=seed) as emu:
        assert _ids_official(emu, "seeded") == [1, 2]

"""The suite's guard: a request that a test forgot to point at its local stand-in fails at once,
naming the host, instead of reaching the real API (conftest.py)."""

from __future__ import annotations

import socket

import httpx
import pytest


def test_a_request_to_the_internet_fails_naming_the_host() -> None:
    with pytest.raises(httpx.ConnectError, match="never touch the internet: api.openalex.org"):
        httpx.get("https://api.openalex.org/works", timeout=5)
    with pytest.raises(OSError, match="tests never touch the internet: 192.0.2.1"):
        socket.create_connection(("192.0.2.1", 80), timeout=5)


def test_a_server_on_this_machine_is_reachable() -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        with socket.create_connection(("localhost", port), timeout=5):
            pass

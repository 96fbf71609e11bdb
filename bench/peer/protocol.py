"""uvicorn's HTTP protocol with TCP_NODELAY set on each accepted socket: without it, a keep-alive response written
in pieces waits on the client's delayed ACK (Nagle), about 40 ms per request, seen with several workers."""
import socket

from uvicorn.protocols.http.auto import AutoHTTPProtocol


class NoDelayProtocol(AutoHTTPProtocol):
    def connection_made(self, transport):
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)

"""Stand-ins for a dependency that misbehaves: a TCP server that accepts connections and never
answers (a hung database or Redis), which can also start forwarding to the real server, as
when the dependency comes back."""

import socket
import threading


class HangingServer:
    """Listens on 127.0.0.1 (a free port); while `hanging`, accepts and never answers; once
    `forward_to` is set and `hanging` is False, relays new connections there."""

    def __init__(self, forward_to=None):
        self.forward_to = forward_to
        self.hanging = True
        self.accepted = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._held = []
        self._stopped = False
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while not self._stopped:
            try:
                client, _address = self._listener.accept()
            except OSError:
                return
            self.accepted += 1
            if self.hanging or self.forward_to is None:
                self._held.append(client)  # kept open, never answered
                continue
            upstream = socket.create_connection(self.forward_to)
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=_relay, args=(source, target), daemon=True).start()

    def close(self):
        self._stopped = True
        self._listener.close()
        for held in self._held:
            held.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _relay(source, target):
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    finally:
        for end in (source, target):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

"""Mail backends that stand in for a mail server that is down, then back."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class Outage:
    """What the stand-in mail server does: `error` raised on connection (the server is
    unreachable) or on sending (it refuses the message); None when it works."""

    on_open = None
    on_send = None
    opened = 0


class FlakyBackend(EmailBackend):
    def open(self):
        Outage.opened += 1
        if Outage.on_open is not None:
            raise Outage.on_open

    def send_messages(self, messages):
        if Outage.on_send is not None:
            raise Outage.on_send
        return super().send_messages(messages)


ERRORS = {
    "refused": ConnectionRefusedError(111, "Connection refused"),
    "timeout": TimeoutError("timed out"),
    "smtp": smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
}

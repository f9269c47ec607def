"""Messages jupyter_client 7 has no helpers for, built with its Session and sent
on its channels (subshells, usage_request, comms); shared by the scripts here."""
import queue
import time

TIMEOUT = 60


def control(kc, msg_type, content=None):
    msg = kc.session.msg(msg_type, content or {})
    kc.control_channel.send(msg)
    while True:
        reply = kc.get_control_msg(timeout=TIMEOUT)
        if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
            return reply


def shell_send(kc, msg_type, content, subshell_id=None):
    msg = kc.session.msg(msg_type, content)
    if subshell_id is not None:
        msg["header"]["subshell_id"] = subshell_id
    kc.shell_channel.send(msg)
    return msg["header"]["msg_id"]


def shell_reply(kc, msg_id, timeout=TIMEOUT, pending=None):
    """The reply to msg_id; other replies met on the way are kept in pending."""
    pending = {} if pending is None else pending
    deadline = time.monotonic() + timeout
    while msg_id not in pending:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        try:
            reply = kc.get_shell_msg(timeout=left)
        except queue.Empty:
            return None
        pending[reply["parent_header"].get("msg_id")] = reply
    return pending.pop(msg_id)


def iopub_all(kc, wait=0.3):
    msgs = []
    while True:
        try:
            msgs.append(kc.get_iopub_msg(timeout=wait))
        except queue.Empty:
            return msgs

"""Protocol 5.5 through jupyter_client, as JupyterLab 4.4 and jupyter-resource-usage use it.

jupyter_client 7 has no helpers for subshells or usage_request: their messages
are built with its Session and sent on its channels. Prints one JSON object of
what was seen; test/protocol-5.5.integration.test.ts judges it.
"""
import json
import os
import sys
import time

from jupyter_client.manager import start_new_kernel

from kernel_messages import TIMEOUT, control, iopub_all, shell_reply, shell_send


def pss_bytes(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree(root):
    children = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                text = f.read()
        except OSError:
            continue
        ppid = int(text[text.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(name))
    out = [root]
    for pid in out:
        out.extend(children.get(pid, []))
    return out


def main():
    seen = {}
    km, kc = start_new_kernel(kernel_name="cppnb")
    try:
        info = kc.kernel_info(reply=True, timeout=TIMEOUT)["content"]
        seen["protocol_version"] = info["protocol_version"]
        seen["supported_features"] = info.get("supported_features")

        # ---- usage_request, idle, after a first cell --------------------------------
        kc.execute_interactive("#include <vector>\nstd::vector<int> v(1000, 1);", timeout=TIMEOUT, output_hook=lambda m: None)
        time.sleep(0.5)
        usage = control(kc, "usage_request")
        pids = tree(km.provisioner.process.pid)
        seen["usage"] = usage["content"]
        seen["usage_msg_type"] = usage["header"]["msg_type"]
        seen["pss_sum"] = sum(pss_bytes(p) for p in pids)
        seen["kernel_pid"] = km.provisioner.process.pid
        seen["process_count"] = len(pids)

        # ---- subshells ------------------------------------------------------------------
        created = control(kc, "create_subshell_request")["content"]
        sid = created["subshell_id"]
        seen["create"] = created
        seen["list"] = control(kc, "list_subshell_request")["content"]
        pending = {}
        # The completer starts with the first completion: start it before the timing.
        warm = shell_send(kc, "complete_request", {"code": "v.si", "cursor_pos": 4}, sid)
        seen["warm_complete"] = shell_reply(kc, warm, pending=pending)["content"]["matches"]

        iopub_all(kc)
        main_id = shell_send(kc, "execute_request", {"code": "while (true) {}", "silent": False, "store_history": True,
                                                     "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        time.sleep(1.0)  # the loop is running

        timings = []
        for _ in range(5):
            t = time.monotonic()
            cid = shell_send(kc, "complete_request", {"code": "v.si", "cursor_pos": 4}, sid)
            reply = shell_reply(kc, cid, timeout=10, pending=pending)
            timings.append((time.monotonic() - t) * 1000 if reply else None)
            seen["busy_complete"] = reply and reply["content"]["matches"]
            seen["busy_complete_header"] = reply and reply["parent_header"].get("subshell_id")
        seen["complete_ms"] = timings
        for msg_type, content in [("is_complete_request", {"code": "int f() {"}), ("kernel_info_request", {}),
                                  ("history_request", {"hist_access_type": "tail", "n": 3, "raw": True, "output": False}),
                                  ("inspect_request", {"code": "v", "cursor_pos": 1, "detail_level": 0})]:
            t = time.monotonic()
            rid = shell_send(kc, msg_type, content, sid)
            reply = shell_reply(kc, rid, timeout=20, pending=pending)
            seen[msg_type] = {"ms": (time.monotonic() - t) * 1000, "status": reply and reply["content"].get("status"),
                              "type": reply and reply["header"]["msg_type"]}
        # A cell on the subshell waits for the running one.
        queued = shell_send(kc, "execute_request", {"code": "6 * 7", "silent": False, "store_history": True,
                                                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}, sid)
        seen["queued_reply_before_interrupt"] = shell_reply(kc, queued, timeout=1.0, pending=pending) is not None
        statuses = iopub_all(kc)
        # busy/idle of each subshell request, while the main shell stays busy
        seen["status_parents"] = [(m["content"]["execution_state"], m["parent_header"].get("msg_type"), m["parent_header"].get("subshell_id") == sid)
                                  for m in statuses if m["msg_type"] == "status"]
        seen["main_idle_while_running"] = any(m["msg_type"] == "status" and m["parent_header"].get("msg_id") == main_id
                                              and m["content"]["execution_state"] == "idle" for m in statuses)
        km.interrupt_kernel()
        main_reply = shell_reply(kc, main_id, pending=pending)
        seen["main_reply"] = main_reply["content"]["status"]
        queued_reply = shell_reply(kc, queued, pending=pending)
        seen["queued_reply"] = queued_reply["content"]["status"]
        results = [m for m in iopub_all(kc) if m["msg_type"] == "execute_result"]
        seen["queued_result"] = [m["content"]["data"].get("text/plain") for m in results if m["parent_header"].get("msg_id") == queued]

        # ---- deletion ----------------------------------------------------------------------
        seen["delete"] = control(kc, "delete_subshell_request", {"subshell_id": sid})["content"]
        seen["list_after"] = control(kc, "list_subshell_request")["content"]
        gone = shell_send(kc, "kernel_info_request", {}, sid)
        reply = shell_reply(kc, gone, timeout=10, pending=pending)
        seen["after_delete"] = reply and reply["content"]
        seen["delete_again"] = control(kc, "delete_subshell_request", {"subshell_id": sid})["content"]
        # The main shell still works.
        ok = kc.execute_interactive("v.size()", timeout=TIMEOUT, output_hook=lambda m: None)
        seen["main_after"] = ok["content"]["status"]
    finally:
        km.shutdown_kernel(now=True)
    json.dump(seen, sys.stdout)


main()

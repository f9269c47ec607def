"""Comms from C++ (include/cppnb/comm.hpp) through jupyter_client, both ways.

Prints one JSON object of what was seen; test/comms.integration.test.ts judges it.
"""
import json
import sys
import uuid

from jupyter_client.manager import start_new_kernel

from kernel_messages import TIMEOUT, iopub_all, shell_reply, shell_send

TARGETS = r'''
int kept = 7;
cppnb::comm_target("echo", [](cppnb::comm c, const std::string &data) {
  std::cout << "opened with " << data << std::endl;
  c.send("{\"opened\": " + data + "}");
  c.on_msg([c](const std::string &d) { c.send("{\"echo\": " + d + "}"); });
  c.on_close([](const std::string &d) { std::cout << "closed " << d << std::endl; });
});
cppnb::comm_target("throws", [](cppnb::comm, const std::string &) { throw std::runtime_error("boom in on_open"); });
cppnb::comm_target("crashes", [](cppnb::comm c, const std::string &) {
  c.on_msg([](const std::string &) { *(volatile int *)nullptr = 1; });
});
'''


def main():
    seen = {}
    km, kc = start_new_kernel(kernel_name="cppnb")

    def cell(code):
        msgs = []
        reply = kc.execute_interactive(code, timeout=TIMEOUT, output_hook=msgs.append)
        return reply, msgs

    def comm_message(msg_type, content):
        """Sends a comm message on shell; returns its iopub messages (until idle)."""
        msg_id = shell_send(kc, msg_type, content)
        out = []
        while True:
            m = kc.get_iopub_msg(timeout=TIMEOUT)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            out.append(m)
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                return [(x["msg_type"], x["content"]) for x in out if x["msg_type"] != "status"]

    try:
        reply, _ = cell(TARGETS)
        seen["targets"] = reply["content"]["status"]

        # ---- the frontend opens a comm to a C++ target ---------------------------------
        cid = uuid.uuid4().hex
        seen["open"] = comm_message("comm_open", {"comm_id": cid, "target_name": "echo", "data": {"a": 1}})
        info = shell_reply(kc, shell_send(kc, "comm_info_request", {}))
        seen["info"] = info["content"]
        seen["info_filtered"] = shell_reply(kc, shell_send(kc, "comm_info_request", {"target_name": "other"}))["content"]
        seen["msg"] = comm_message("comm_msg", {"comm_id": cid, "data": {"n": 5}})
        seen["close"] = comm_message("comm_close", {"comm_id": cid, "data": {}})
        seen["info_after_close"] = shell_reply(kc, shell_send(kc, "comm_info_request", {}))["content"]
        seen["unknown_target"] = comm_message("comm_open", {"comm_id": uuid.uuid4().hex, "target_name": "nobody", "data": {}})

        # ---- C++ opens a comm --------------------------------------------------------------
        reply, msgs = cell('cppnb::comm k("from_cpp", R"({"x": 1})", R"({"version": "2"})");\n'
                           'k.on_msg([](const std::string &d) { std::cout << "got " << d << std::endl; });')
        opens = [m for m in msgs if m["msg_type"] == "comm_open"]
        seen["cpp_open"] = [(m["content"], m["metadata"], m["parent_header"]["msg_type"]) for m in opens]
        kid = opens[0]["content"]["comm_id"] if opens else ""
        seen["to_cpp"] = comm_message("comm_msg", {"comm_id": kid, "data": {"y": 2}})
        reply, msgs = cell('k.send(R"({"z": 3})");\nk.close(R"({"bye": true})");\nk.is_open()')
        seen["cpp_send_close"] = [(m["msg_type"], m["content"]) for m in msgs if m["msg_type"].startswith("comm_")]
        seen["cpp_is_open"] = [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"]
        reply, msgs = cell('cppnb::comm bad("t", "not json");')
        seen["bad_json"] = [(m["msg_type"], m["content"].get("text", "")) for m in msgs if m["msg_type"] in ("stream", "comm_open")]

        # ---- callbacks that fail -----------------------------------------------------------
        seen["throws"] = comm_message("comm_open", {"comm_id": uuid.uuid4().hex, "target_name": "throws", "data": {}})
        crash_id = uuid.uuid4().hex
        seen["crash_open"] = comm_message("comm_open", {"comm_id": crash_id, "target_name": "crashes", "data": {}})
        seen["crash"] = comm_message("comm_msg", {"comm_id": crash_id, "data": {}})
        reply, msgs = cell("kept * 6")
        seen["after"] = [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"]
        seen["after_status"] = reply["content"]["status"]
        iopub_all(kc)
    finally:
        km.shutdown_kernel(now=True)
    json.dump(seen, sys.stdout)


main()

"""Round trips through Debian's jupyter_client (BlockingKernelClient), the
client most Python tools use, for cppnb and ipykernel in one run.

Run by bench/jupyter-client.ts (part of `npm run bench`):
    /usr/bin/python3 bench/jupyter_client_rtt.py
with JUPYTER_PATH holding the cppnb kernelspec. Prints one JSON object.
"""
import json
import statistics
import sys
import time

from jupyter_client.manager import start_new_kernel

N = int(sys.argv[1]) if len(sys.argv) > 1 else 200
CASES = {
    "cppnb": ("int a = 1;", "#include <iostream>"),
    "python3": ("a = 1", "import os"),
}


def measure(kernel_name, trivial, setup):
    t0 = time.perf_counter()
    km, kc = start_new_kernel(kernel_name=kernel_name, startup_timeout=60)
    start_ms = (time.perf_counter() - t0) * 1000
    try:
        kc.execute_interactive(setup, timeout=60)
        info, cell = [], []
        for _ in range(N):
            t = time.perf_counter()
            kc.kernel_info(reply=True, timeout=10)
            info.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            kc.execute_interactive(trivial, timeout=10)
            cell.append((time.perf_counter() - t) * 1000)
        return {
            "start_to_ready_ms": start_ms,
            "kernel_info_ms": statistics.median(info),
            "trivial_cell_ms": statistics.median(cell),
        }
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


print(json.dumps({name: measure(name, *case) for name, case in CASES.items()}))

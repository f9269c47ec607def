"""jupyter_kernel_test's protocol conformance tests, configured for cppnb.

Run by test/jupyter-kernel-test.test.ts with Debian's /usr/bin/python3 and a
JUPYTER_PATH holding the cppnb kernelspec.
"""
import unittest

import jupyter_kernel_test


class CppnbKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "cppnb"
    language_name = "c++"
    file_extension = ".cpp"

    code_hello_world = '#include <cstdio>\nprintf("hello, world\\n");'
    code_stderr = '#include <cstdio>\nfprintf(stderr, "some error\\n");'

    completion_samples = [
        {"text": "int zebra_count = 1;\nzebra_c", "matches": {"zebra_count"}},
        {"text": "static_", "matches": {"static_assert", "static_cast"}},
    ]

    complete_code_samples = ["int a = 1;", "struct S { int v; };", "#include <vector>", "a + 1"]
    incomplete_code_samples = ["int f() {", "for (int i = 0; i < 3; i++) {", "std::vector<int> v{1, 2,", "/* unfinished"]
    invalid_code_samples = ["int x = 1; }", "f(1));"]

    code_generate_error = "int y = not_declared_anywhere + 1;"

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "true && false", "result": "false"},
        {"code": "'c'", "result": "'c'"},
        {"code": '"text"', "result": '"text"'},
        {"code": "0.1 + 0.2", "result": "0.30000000000000004"},
    ]

    code_display_data = [
        {"code": '#include <cppnb/display.hpp>\ncppnb::display(cppnb::html("<b>bold</b>"));', "mime": "text/html"},
        {"code": 'cppnb::display(cppnb::svg("<svg xmlns=\'http://www.w3.org/2000/svg\'/>"));', "mime": "image/svg+xml"},
        {"code": 'cppnb::display(cppnb::markdown("# title"));', "mime": "text/markdown"},
    ]

    code_clear_output = '#include <cppnb/display.hpp>\ncppnb::clear_output();'

    code_history_pattern = "6 * 7"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "int"

    # `?name` pages what the kernel knows of name (IPython's pager payload).
    code_page_something = "?int"


if __name__ == "__main__":
    unittest.main()

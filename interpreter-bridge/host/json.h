// JSON string literals, for what the host and the completer send the kernel:
// the same quoting as the display messages of user code.
#pragma once
#include "../include/cppnb/json_quote.hpp"

namespace cppnb {

inline std::string jsonString(const std::string &s) { return detail::json_quote(s); }

} // namespace cppnb

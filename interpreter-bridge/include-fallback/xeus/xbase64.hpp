// xeus's base64 functions (see ../base64.hpp).
#pragma once
#include "../base64.hpp"

namespace xeus {
inline std::string base64encode(const std::string &bytes) { return cppnb::detail::base64(bytes); }
inline std::string base64decode(const std::string &text) { return cppnb::detail::base64_decode(text); }
} // namespace xeus

// How cppnb prints the value of a cell's last expression (the execute_result).
//
// The kernel rewrites a trailing expression `e` (no semicolon) into
// `cppnb::detail::print_last(((e), cppnb::detail::no_value{}));`. When `e` is
// void the built-in comma yields no_value and nothing is printed; otherwise the
// operator, below captures the value (temporaries live to the end of the
// statement). No lambda is involved: clang 22 crashes mangling some lambdas in
// top-level statements. This header is only compiled the first time a value is
// shown.
//
// Rules: integers in decimal, bool as true/false, characters as 'a', strings
// quoted, floating point in shortest round-trip form, containers as { 1, 2, 3 },
// pairs and tuples as { a, b }, maps as { k => v }, types with an operator<<
// through it, anything else as <TypeName at 0x...>.
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdio>
#include <cxxabi.h>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <typeinfo>
#include <utility>

#include <cppnb/mime_bundle.hpp>

extern "C" void cppnb_host_set_result(const char *mime, const char *data, unsigned long size);

namespace cppnb {
namespace detail {

inline std::string type_name(const std::type_info &t) {
  int status = 0;
  char *d = abi::__cxa_demangle(t.name(), nullptr, nullptr, &status);
  std::string out = status == 0 && d ? d : t.name();
  std::free(d);
  // Definitions typed in cells live in per-cell inline namespaces: hide them.
  const std::string cellNs = "__cppnb_cell_";
  for (std::size_t at; (at = out.find(cellNs)) != std::string::npos;) {
    std::size_t end = out.find("::", at);
    if (end == std::string::npos) break;
    out.erase(at, end + 2 - at);
  }
  // The ROOT-like library's classes are ROOT's names to the user.
  const std::string rootNs = "cppnb::root::";
  for (std::size_t at; (at = out.find(rootNs)) != std::string::npos;) out.erase(at, rootNs.size());
  return out;
}

inline std::string quote(std::string_view s, char q) {
  std::string out(1, q);
  for (unsigned char c : s) {
    switch (c) {
    case '\n': out += "\\n"; break;
    case '\t': out += "\\t"; break;
    case '\r': out += "\\r"; break;
    case '\\': out += "\\\\"; break;
    case '\0': out += "\\0"; break;
    default:
      if (c == static_cast<unsigned char>(q)) {
        out += '\\';
        out += char(c);
      } else if (c < 0x20 || c == 0x7f) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02x", c);
        out += buf;
      } else {
        out += char(c);
      }
    }
  }
  return out + q;
}

template <class T> std::string floating(T v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, r.ptr);
  // Keep it recognisably floating point, as C++ literals are: 1 -> 1.0
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  if constexpr (std::is_same_v<T, float>) s += "f";
  return s;
}

template <class T, class = void> struct is_range : std::false_type {};
template <class T>
struct is_range<T, std::void_t<decltype(std::begin(std::declval<const T &>())),
                               decltype(std::end(std::declval<const T &>()))>>
    : std::true_type {};

template <class T, class = void> struct is_map : std::false_type {};
template <class T>
struct is_map<T, std::void_t<typename T::key_type, typename T::mapped_type>> : std::true_type {};

template <class T, class = void> struct is_tuple_like : std::false_type {};
template <class T>
struct is_tuple_like<T, std::void_t<decltype(std::tuple_size<T>::value)>> : std::true_type {};

template <class T, class = void> struct is_streamable : std::false_type {};
template <class T>
struct is_streamable<T, std::void_t<decltype(std::declval<std::ostream &>()
                                              << std::declval<const T &>())>>
    : std::true_type {};

template <class T> std::string repr(const T &v);

template <class Tuple, std::size_t... I>
std::string tuple_repr(const Tuple &t, std::index_sequence<I...>) {
  std::string out = "{ ";
  ((out += (I == 0 ? "" : ", ") + repr(std::get<I>(t))), ...);
  return out + " }";
}

template <class T> std::string repr(const T &v) {
  using U = std::remove_cv_t<T>;
  if constexpr (std::is_same_v<U, bool>) {
    return v ? "true" : "false";
  } else if constexpr (std::is_same_v<U, char> || std::is_same_v<U, signed char> ||
                       std::is_same_v<U, unsigned char>) {
    return quote(std::string_view(reinterpret_cast<const char *>(&v), 1), '\'');
  } else if constexpr (std::is_integral_v<U>) {
    return std::to_string(v);
  } else if constexpr (std::is_floating_point_v<U>) {
    return floating(v);
  } else if constexpr (std::is_enum_v<U>) {
    return "(" + type_name(typeid(U)) + ") " +
           std::to_string(static_cast<std::underlying_type_t<U>>(v));
  } else if constexpr (std::is_same_v<U, std::nullptr_t>) {
    return "nullptr";
  } else if constexpr (std::is_convertible_v<const U &, std::string_view> &&
                       !std::is_pointer_v<std::decay_t<U>>) {
    return quote(std::string_view(v), '"');
  } else if constexpr (std::is_same_v<std::decay_t<U>, const char *> ||
                       std::is_same_v<std::decay_t<U>, char *>) {
    if (v == nullptr) return "nullptr";
    return quote(std::string_view(v), '"');
  } else if constexpr (std::is_function_v<U>) {
    std::ostringstream os;
    os << "<function " << type_name(typeid(U)) << " at " << reinterpret_cast<const void *>(&v) << ">";
    return os.str();
  } else if constexpr (std::is_pointer_v<U> || std::is_member_pointer_v<U>) {
    std::ostringstream os;
    os << "(" << type_name(typeid(U)) << ") " << reinterpret_cast<const void *>(v);
    return os.str();
  } else if constexpr (is_map<U>::value) {
    std::string out = "{ ";
    bool first = true;
    for (const auto &kv : v) {
      out += (first ? "" : ", ") + repr(kv.first) + " => " + repr(kv.second);
      first = false;
    }
    return first ? "{}" : out + " }";
  } else if constexpr (is_range<U>::value) {
    std::string out = "{ ";
    bool first = true;
    for (const auto &e : v) {
      out += (first ? "" : ", ") + repr(e);
      first = false;
    }
    return first ? "{}" : out + " }";
  } else if constexpr (is_tuple_like<U>::value) {
    return tuple_repr(v, std::make_index_sequence<std::tuple_size<U>::value>{});
  } else if constexpr (is_streamable<U>::value) {
    std::ostringstream os;
    os << v;
    return os.str();
  } else {
    std::ostringstream os;
    os << "<" << type_name(typeid(U)) << " at " << static_cast<const void *>(std::addressof(v))
       << ">";
    return os.str();
  }
}

struct no_value {};
template <class T> struct captured {
  T &&value;
};
template <class T> captured<T> operator,(T &&v, no_value) { return {std::forward<T>(v)}; }

inline void print_last(no_value) {}
template <class T> void print_last(captured<T> c) {
  // `std::cout << x` without its semicolon: the stream is not a value to show.
  if constexpr (std::is_base_of_v<std::ios_base, std::remove_cv_t<std::remove_reference_t<T>>>) {
    return;
  }
  using U = std::remove_cv_t<std::remove_reference_t<T>>;
  if constexpr (has_mime_bundle_repr<U>::value) {
    // Rich values travel as a display message, metadata and all.
    mime_bundle b;
    if (rich_bundle(static_cast<const U &>(c.value), b)) {
      std::string m = display_message("result", b, "");
      if (cppnb_host_display) cppnb_host_display(m.data(), m.size());
      return;
    }
  }
  std::string s = repr(c.value);
  cppnb_host_set_result("text/plain", s.data(), s.size());
}

} // namespace detail
} // namespace cppnb

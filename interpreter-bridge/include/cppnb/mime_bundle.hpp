// What a notebook shows of an object: its data under one or more MIME types.
//
// Text types hold the text; binary types (image/png, image/jpeg, image/gif)
// hold base64, as Jupyter's messages carry them; application/json and the
// *+json types hold JSON text. `metadata` maps a MIME type to JSON text, e.g.
// {"image/png", R"({"width": 400})"}.
//
// A type gets rich display in cppnb by defining, next to it (found by ADL):
//   cppnb::mime_bundle mime_bundle_repr(const T &);
// Both a cell's last value and cppnb::display(x) use it. As in xeus-cling, the
// function may return a JSON object of MIME type -> data instead (nlohmann's
// nl::json, or any type with its is_object/is_string/items/dump, items giving
// key() and value(), and value().get<std::string>()).
#pragma once
#include <cppnb/json_quote.hpp>

#include <cstdio>
#include <initializer_list>
#include <map>
#include <string>
#include <type_traits>
#include <utility>

// Provided by cppnb-host; weak so that a program built without it still links.
extern "C" __attribute__((weak)) void cppnb_host_display(const char *json, unsigned long size);

namespace cppnb {

struct mime_bundle {
  std::map<std::string, std::string> data;
  std::map<std::string, std::string> metadata;

  mime_bundle() = default;
  mime_bundle(std::initializer_list<std::pair<const std::string, std::string>> d) : data(d) {}
};

// A bundle shows itself.
inline mime_bundle mime_bundle_repr(const mime_bundle &b) { return b; }

namespace detail {

template <class T, class = void> struct has_mime_bundle_repr : std::false_type {};
template <class T>
struct has_mime_bundle_repr<T, std::void_t<decltype(mime_bundle_repr(std::declval<const T &>()))>>
    : std::true_type {};

template <class J, class = void> struct is_json_like : std::false_type {};
template <class J>
struct is_json_like<J, std::void_t<decltype(std::declval<const J &>().is_object()),
                                   decltype(std::declval<const J &>().is_string()),
                                   decltype(std::declval<const J &>().items()),
                                   decltype(std::declval<const J &>().dump())>> : std::true_type {};

inline void repr_unusable(const char *why) {
  std::fprintf(stderr, "cppnb: mime_bundle_repr %s; showing the value as text\n", why);
  std::fflush(stderr);
}

// What x's mime_bundle_repr gives, as a bundle; false (with a one-line notice
// on stderr) when the kernel cannot use what it returns, so that the caller
// shows the value as text instead of failing the cell.
template <class T> bool rich_bundle(const T &x, mime_bundle &out) {
  if constexpr (!has_mime_bundle_repr<T>::value) {
    return false;
  } else {
    using R = std::decay_t<decltype(mime_bundle_repr(x))>;
    if constexpr (std::is_convertible_v<R, mime_bundle>) {
      out = mime_bundle_repr(x);
      return true;
    } else if constexpr (is_json_like<R>::value) {
      R json = mime_bundle_repr(x);
      if (!json.is_object()) {
        repr_unusable("returned JSON that is not an object of MIME type -> data");
        return false;
      }
      // A string is the data itself; other JSON (application/json) as its text.
      for (auto &item : json.items())
        out.data[item.key()] = item.value().is_string() ? item.value().template get<std::string>() : item.value().dump();
      return true;
    } else {
      repr_unusable("returns neither a cppnb::mime_bundle nor a JSON object");
      return false;
    }
  }
}

inline std::string json_object(const std::map<std::string, std::string> &m) {
  std::string out = "{";
  for (const auto &[k, v] : m) {
    if (out.size() > 1) out += ",";
    out += json_quote(k) + ":" + json_quote(v);
  }
  return out + "}";
}

// One message for the kernel (see interpreter-bridge/display-message.ts):
// kind is "display", "update", "result" or "clear". Every value is sent as a
// string; the kernel parses the JSON ones and says so when they are not JSON.
inline std::string display_message(const char *kind, const mime_bundle &b, const std::string &id) {
  std::string out = std::string("{\"kind\":\"") + kind + "\",\"data\":" + json_object(b.data) +
                    ",\"metadata\":" + json_object(b.metadata);
  if (!id.empty()) out += ",\"display_id\":" + json_quote(id);
  return out + "}";
}

} // namespace detail
} // namespace cppnb

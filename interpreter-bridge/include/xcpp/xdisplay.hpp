// xeus-cling's and xeus-cpp's display API on cppnb's (cppnb/display.hpp), so
// notebooks written for those kernels run unchanged:
//
//   xcpp::display(x);                      // as cppnb::display(x)
//   xcpp::display(x, "id");                // a display with an id ...
//   xcpp::display(x, "id", true);          // ... replaced in place
//   xcpp::clear_output(true);
//
// x shows through its mime_bundle_repr (returning a cppnb::mime_bundle or, as
// in xeus, a JSON object of MIME type -> data), or as a cell's value prints.
#pragma once
#include <cppnb/display.hpp>

#include <string>

namespace xeus {
// A display id (a string in xeus too).
using xguid = std::string;
} // namespace xeus

namespace xcpp {

template <class T> void display(const T &x) { cppnb::display(x); }

template <class T> void display(const T &x, xeus::xguid id, bool update = false) {
  if (update) cppnb::update_display(x, id);
  else cppnb::display(x, id);
}

inline void clear_output(bool wait = false) { cppnb::clear_output(wait); }

} // namespace xcpp

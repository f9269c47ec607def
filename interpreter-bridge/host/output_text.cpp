#include "output_text.h"

#include "../include/cppnb/json_quote.hpp"

#include <cstring>
#include <vector>

namespace cppnb {

static const char kReplacement[] = "\xEF\xBF\xBD";

// How many continuation bytes follow lead byte c, and the range the first of
// them must be in (which excludes overlong forms, surrogates and code points
// past U+10FFFF); 0 when c cannot start a character.
static int continuationOf(unsigned char c, unsigned char &lower, unsigned char &upper) {
  lower = 0x80;
  upper = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) return 1;
  if (c >= 0xE0 && c <= 0xEF) {
    if (c == 0xE0) lower = 0xA0;
    if (c == 0xED) upper = 0x9F;
    return 2;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (c == 0xF0) lower = 0x90;
    if (c == 0xF4) upper = 0x8F;
    return 3;
  }
  return 0;
}

void OutputText::append(const char *data, size_t size, std::string &out) {
  std::vector<unsigned char> joined;
  const unsigned char *in = reinterpret_cast<const unsigned char *>(data);
  size_t n = size;
  if (Carried > 0) {
    joined.assign(Carry, Carry + Carried);
    joined.insert(joined.end(), in, in + size);
    in = joined.data();
    n = joined.size();
    Carried = 0;
  }
  out.reserve(out.size() + n + n / 8);
  size_t i = 0;
  while (i < n) {
    // Runs of plain printable ASCII, the common case, are copied whole.
    size_t run = i;
    while (run < n && in[run] >= 0x20 && in[run] < 0x80 && in[run] != '"' && in[run] != '\\') ++run;
    if (run > i) {
      out.append(reinterpret_cast<const char *>(in + i), run - i);
      i = run;
      continue;
    }
    unsigned char c = in[i];
    if (c < 0x80) {
      detail::json_escape_byte(out, c);
      ++i;
      continue;
    }
    unsigned char lower, upper;
    int more = continuationOf(c, lower, upper);
    if (more == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    int have = 0;
    bool broken = false;
    for (int k = 1; k <= more; ++k) {
      if (i + k >= n) break; // the rest is in the next read
      unsigned char next = in[i + k];
      if (next < lower || next > upper) {
        broken = true;
        break;
      }
      lower = 0x80;
      upper = 0xBF;
      ++have;
    }
    if (broken) {
      // The valid prefix is one replacement; the offending byte starts afresh.
      out += kReplacement;
      i += 1 + have;
    } else if (have < more) {
      std::memcpy(Carry, in + i, n - i);
      Carried = n - i;
      return;
    } else {
      out.append(reinterpret_cast<const char *>(in + i), 1 + more);
      i += 1 + more;
    }
  }
}

void OutputText::finish(std::string &out) {
  if (Carried > 0) out += kReplacement;
  Carried = 0;
}

} // namespace cppnb

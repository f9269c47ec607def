// Records as ROOT's JSON, the layout TBufferJSON writes and JSROOT reads: each
// object is {"_typename": class, its members (bases' flattened in, as records
// hold them)}; a TList is {"name", "arr": items, "opt": their draw options};
// a TObjArray {"name", "arr"}. Numbers in shortest round-trip form (of a
// float when they are one); a non-finite number, which JSON cannot hold, as
// ROOT's largest (±1e308) or 0.
#include <cppnb/json_quote.hpp>
#include <cppnb/root/io/json.hpp>

#include <charconv>
#include <cmath>
#include <cstring>

namespace cppnb::root::io {
namespace {

void number(std::string &out, double v) {
  if (std::isnan(v)) v = 0;
  else if (std::isinf(v)) v = v > 0 ? 1e308 : -1e308;
  char buf[32];
  // A value a float holds exactly (a TH1F's bins, Float_t members) as that
  // float's shortest form: 0.1, not 0.10000000149011612.
  float f = float(v);
  auto res = std::isfinite(f) && double(f) == v ? std::to_chars(buf, buf + sizeof buf, f) : std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

void text(std::string &out, const std::string &s) {
  out += '"';
  for (unsigned char c : s) cppnb::detail::json_escape_byte(out, c);
  out += '"';
}

// A JSON array of items, each written by one.
template <class Items, class Write> void array(std::string &out, const Items &items, Write one) {
  out += '[';
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    one(out, items[i]);
  }
  out += ']';
}

void record(std::string &out, const Record *r);

void value(std::string &out, const Value &v) {
  if (auto *d = std::get_if<double>(&v)) return number(out, *d);
  if (auto *s = std::get_if<std::string>(&v)) return text(out, *s);
  if (auto *a = std::get_if<std::vector<double>>(&v)) return array(out, *a, number);
  if (auto *p = std::get_if<RecordPtr>(&v)) return record(out, p->get());
  if (auto *l = std::get_if<RecordList>(&v)) return array(out, *l, [](std::string &o, const RecordPtr &r) { record(o, r.get()); });
  if (auto *t = std::get_if<Texts>(&v)) return array(out, *t, text);
  out += "null";
}

// TList and TObjArray: their own streamers, not members.
void collection(std::string &out, const Record &r) {
  out += "{\"_typename\":";
  text(out, r.className);
  out += ",\"name\":";
  text(out, r.text("fName"));
  out += ",\"arr\":";
  const RecordList &items = r.list("");
  value(out, Value(items));
  if (r.className != "TObjArray") {
    Texts opts = r.texts("opt");
    opts.resize(items.size());
    out += ",\"opt\":";
    value(out, Value(opts));
  }
  out += '}';
}

void record(std::string &out, const Record *r) {
  if (!r) {
    out += "null";
    return;
  }
  if (r->className == "TList" || r->className == "THashList" || r->className == "TObjArray") return collection(out, *r);
  out += "{\"_typename\":";
  text(out, r->className);
  for (const auto &[name, v] : r->members) {
    out += ',';
    text(out, name);
    out += ':';
    value(out, v);
  }
  out += '}';
}

} // namespace
} // namespace cppnb::root::io

extern "C" char *cppnb_root_json(const cppnb::root::io::Record *r) {
  std::string out;
  cppnb::root::io::record(out, r);
  char *copy = static_cast<char *>(std::malloc(out.size() + 1));
  if (copy) std::memcpy(copy, out.c_str(), out.size() + 1);
  return copy;
}
